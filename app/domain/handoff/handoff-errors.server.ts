import type { PostgrestError } from "@supabase/supabase-js";

export type HandoffResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; status: number; fieldErrors?: Record<string, string[]>; formError?: string };

export const ok: HandoffResult = { ok: true };

/** Turns a database refusal into something a person can act on. */
export function handoffError(error: PostgrestError, what: string): Extract<HandoffResult, { ok: false }> {
  if (error.code === "23514") {
    // Check constraints and our triggers: trigger messages are written for people.
    return { ok: false, status: 400, formError: error.message.startsWith("new row") ? `That ${what} is not valid.` : error.message };
  }
  if (error.code === "23505") return { ok: false, status: 409, formError: `That ${what} is already there.` };
  if (error.code === "23503") return { ok: false, status: 400, formError: `That ${what} points at something of another client, or something gone.` };
  if (error.code === "42501") {
    const message = error.message.startsWith("new row") || error.message.startsWith("permission denied") ? `You cannot change this ${what}.` : error.message;
    return { ok: false, status: 403, formError: message };
  }
  if (error.code === "P0002") return { ok: false, status: 404, formError: error.message };
  throw new Error(`Could not save the ${what}: ${error.message}`);
}

/** An update or delete that touched no row: the item is gone, or not this person's to change. */
export function notFound(what: string): Extract<HandoffResult, { ok: false }> {
  return { ok: false, status: 404, formError: `That ${what} no longer exists, or you cannot change it.` };
}
