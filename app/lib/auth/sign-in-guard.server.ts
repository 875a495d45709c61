// Sign-in bookkeeping kept in the database (auth_events) rather than in the
// cookie, so it holds across browsers and replayed cookies: how many codes an
// email or address asked for, how many wrong codes were tried, and which codes
// were already used. Runs as the named "sign-in" service job.
import { createHash } from "node:crypto";
import { serviceRoleClient } from "~/lib/service-role.server";
import { SIGN_IN_LIMITS } from "./schema";

type EventKind = "code_requested" | "code_failed" | "code_used";

function since() {
  return new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000).toISOString();
}

async function countRecent(kind: EventKind, column: "email" | "ip", value: string) {
  const { count, error } = await serviceRoleClient("sign-in")
    .from("auth_events")
    .select("id", { count: "exact", head: true })
    .eq("kind", kind)
    .eq(column, value)
    .gte("created_at", since());
  if (error) throw new Error(`Could not check sign-in limits: ${error.message}`);
  return count ?? 0;
}

export async function recordAuthEvent(kind: Exclude<EventKind, "code_used">, email: string, ip: string | null) {
  const { error } = await serviceRoleClient("sign-in").from("auth_events").insert({ kind, email, ip });
  if (error) throw new Error(`Could not record sign-in event: ${error.message}`);
}

/** A message to show when this email or address asked for too many codes, else null. */
export async function codeRequestLimit(email: string, ip: string | null): Promise<string | null> {
  const [byEmail, byIp] = await Promise.all([
    countRecent("code_requested", "email", email),
    ip ? countRecent("code_requested", "ip", ip) : Promise.resolve(0),
  ]);
  if (byEmail >= SIGN_IN_LIMITS.codesPerEmail || byIp >= SIGN_IN_LIMITS.codesPerIp) {
    return `Too many codes were requested. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then try again.`;
  }
  return null;
}

/** A message to show when too many wrong codes were tried for this email, else null. */
export async function wrongCodeLimit(email: string): Promise<string | null> {
  const failures = await countRecent("code_failed", "email", email);
  return failures >= SIGN_IN_LIMITS.wrongCodesPerEmail
    ? `Too many wrong codes. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then request a new code.`
    : null;
}

/**
 * Marks a code as used. Returns false when it was used before: the unique
 * constraint on code_hash makes this safe against double submits.
 */
export async function consumeCode(codeIdentity: string, email: string, ip: string | null): Promise<boolean> {
  const codeHash = createHash("sha256").update(codeIdentity).digest("hex");
  const { error } = await serviceRoleClient("sign-in")
    .from("auth_events")
    .insert({ kind: "code_used", email, ip, code_hash: codeHash });
  if (!error) return true;
  if (error.code === "23505") return false;
  throw new Error(`Could not record sign-in: ${error.message}`);
}

export async function findPersonByEmail(email: string) {
  const { data, error } = await serviceRoleClient("sign-in")
    .from("people")
    .select("id, email, full_name")
    .eq("email", email)
    .maybeSingle();
  if (error) throw new Error(`Could not look up the person: ${error.message}`);
  return data;
}
