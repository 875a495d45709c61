import type { PostgrestError } from "@supabase/supabase-js";

export type UpdateResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; status: number; fieldErrors?: Record<string, string[]>; formError?: string };

/** Turns a database refusal of an update (or a reply) into something the person can act on. */
export function updateError(error: PostgrestError): Extract<UpdateResult, { ok: false }> {
  if (error.code === "23514") {
    if (/decision must be asked/i.test(error.message)) return { ok: false, status: 400, fieldErrors: { decisionFrom: [error.message] } };
    if (/milestone/i.test(error.message)) return { ok: false, status: 400, fieldErrors: { milestoneId: [error.message] } };
    if (/requirement document/i.test(error.message)) return { ok: false, status: 400, fieldErrors: { requirementDocumentId: [error.message] } };
    if (/does not ask for a decision/i.test(error.message)) return { ok: false, status: 409, formError: error.message };
    return { ok: false, status: 400, formError: "That update is not valid." };
  }
  // No right to it, or it does not exist for this person: the same answer.
  if (error.code === "42501") return { ok: false, status: 404, formError: "That update does not exist, or you cannot change it." };
  if (error.code === "23503") return { ok: false, status: 404, formError: "That update does not exist any more." };
  throw new Error(`Could not save the update: ${error.message}`);
}
