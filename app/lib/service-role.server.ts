// The service-role client bypasses Row Level Security. It exists for named
// server jobs only, and is never imported by a route module (a test checks).
// Add a job name here when a new system job needs it, and say why.
import { buildClient, type Db } from "./supabase.server";
import { env } from "./env.server";

export type ServiceJob =
  /** Sign-in: find a person by email before anyone is signed in; rate limits; single-use codes. */
  | "sign-in"
  /** Calendar feeds: resolve a feed token to its person (the feed is then read under RLS as them). */
  | "calendar-feed"
  /** The email outbox worker (app/lib/jobs): claims, renders and records delivery of queued emails. */
  | "email-outbox"
  /** Unsubscribe links: find whose signed link it is (the change is then made as them, under RLS). */
  | "unsubscribe"
  /** Digests: find whose digest is due and record it with its email (the content is read as the recipient, under RLS). */
  | "digest"
  /** Readiness (/readyz): call public.ready(), which reads nothing, to prove the database answers. */
  | "readiness"
  /** The pulse schedule (app/lib/jobs/pulse-schedule.server.ts): public.ask_due_pulses(), granted to the service role only. */
  | "pulse-schedule";

export function serviceRoleClient(job: ServiceJob): Db {
  void job; // the name documents the caller; it is required so every use is greppable
  return buildClient({ apiKey: env.SUPABASE_SERVICE_ROLE_KEY });
}
