import type { PostgrestError } from "@supabase/supabase-js";

export type RequirementResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; status: number; fieldErrors?: Record<string, string[]>; formError?: string };

/** Turns a database refusal of a document change into something the PM can act on. */
export function documentError(error: PostgrestError): Extract<RequirementResult, { ok: false }> {
  if (error.code === "23514") {
    if (/approver/i.test(error.message)) return { ok: false, status: 400, fieldErrors: { approverIds: [error.message] } };
    return { ok: false, status: 400, formError: error.message.startsWith("new row") ? "That document is not valid." : error.message };
  }
  if (error.code === "42501") return { ok: false, status: 403, formError: "Only the client's project manager can change requirement documents." };
  throw new Error(`Could not save the requirement document: ${error.message}`);
}
