import type { PostgrestError } from "@supabase/supabase-js";

export type PlanResult = { ok: true } | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string; status: number };

export const ok: PlanResult = { ok: true };

/** Turns a database refusal into something a person can act on. */
export function planError(error: PostgrestError, what: string): PlanResult {
  if (error.code === "23514") {
    // Check constraints and our triggers: the message is written for people.
    const message = error.message.startsWith("new row") ? `That ${what} is not valid.` : error.message;
    if (/planned date change/i.test(error.message)) {
      return { ok: false, status: 400, fieldErrors: { changeReason: [message] } };
    }
    return { ok: false, status: 400, formError: message };
  }
  if (error.code === "23505") return { ok: false, status: 400, formError: `That ${what} already exists.` };
  if (error.code === "42501") return { ok: false, status: 403, formError: `Only the client's project manager can change the ${what}.` };
  if (error.code === "P0002") return { ok: false, status: 404, formError: error.message };
  throw new Error(`Could not save the ${what}: ${error.message}`);
}

/** An update or delete that touched no row: the item is gone or not this person's to change. */
export function notFound(what: string): PlanResult {
  return { ok: false, status: 404, formError: `That ${what} no longer exists, or you cannot change it.` };
}
