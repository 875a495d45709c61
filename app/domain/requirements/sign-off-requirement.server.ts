import type { Database } from "~/lib/database.types";
import { createUserClient } from "~/lib/supabase.server";
import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import { CONSENT_STATEMENT, type SignoffInput } from "./schema";

/** What the server saw of the request: never taken from the form. */
export type Evidence = { ip: string | null; userAgent: string | null };

/** The signed-in person who signs: the server mints their token for this one request. */
export type Signer = { id: string; email: string };

export type Recorded = {
  /** The same person had already decided on this version: nothing was changed. */
  alreadyRecorded: boolean;
  /** An email to the client's project manager was queued with the decision (false: the client has no PM). */
  pmEmailed: boolean;
};

/**
 * An approver approves the current version (consent + typed name) or requests
 * changes (with a comment). One RPC (sign_off_requirement) records the decision
 * and queues the email to the client's project manager in the same transaction
 * (the outbox, delivered by the worker). The database records who, which version,
 * the hash of its exact text and the time; the address and browser the server saw
 * travel in the JWT it mints for this request (claim `portal_request`), never as
 * arguments (the database ignores those). A refusal comes back as a Failure:
 * "invalid" on the field the trigger names, "conflict" (409) for a superseded
 * version, "forbidden" for anyone not asked to sign it.
 */
export async function signOffRequirement(signer: Signer, input: SignoffInput, evidence: Evidence): Promise<Result<Recorded>> {
  const db = await createUserClient(signer, undefined, {
    portal_request: { ip: evidence.ip?.slice(0, 64) ?? null, ua: evidence.userAgent?.slice(0, 500) ?? null },
  });
  const args = {
    p_version: input.versionId,
    p_decision: input.decision,
    p_comment: input.decision === "changes_requested" ? input.comment : null,
    p_signature_name: input.decision === "approved" ? input.signatureName : null,
    // The statement the person ticked is ours, not the form's.
    p_consent_text: input.decision === "approved" && input.consent ? CONSENT_STATEMENT : null,
  } as unknown as Database["public"]["Functions"]["sign_off_requirement"]["Args"];
  const { data, error } = await db.rpc("sign_off_requirement", args).single();
  // The trigger names the field it refuses; a superseded version is a conflict (409)
  // whose message names the current version.
  if (error) return dbFailure(error, { what: "decision" });
  // One decision per person and version: a second submit changes nothing.
  if (data.already_recorded) return ok({ alreadyRecorded: true, pmEmailed: false });
  return ok({ alreadyRecorded: false, pmEmailed: data.emails_queued > 0 });
}
