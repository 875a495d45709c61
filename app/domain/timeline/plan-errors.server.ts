import type { PostgrestError } from "@supabase/supabase-js";
import { dbFailure } from "~/lib/db-errors.server";
import { fail, type Failure, type Result } from "~/lib/result";

export type PlanResult = Result;

export const ok: PlanResult = { ok: true, value: undefined };

/** Turns a database refusal into something a person can act on (the SQL names the field: see dbFailure). */
export function planError(error: PostgrestError, what: string): Failure {
  return dbFailure(error, { what, forbidden: `Only the client's project manager can change the ${what}.` });
}

/** An update or delete that touched no row: the item is gone or not this person's to change. */
export function notFound(what: string): Failure {
  return fail("not_found", `That ${what} no longer exists, or you cannot change it.`);
}
