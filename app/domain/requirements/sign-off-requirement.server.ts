import RequirementDecisionEmail, { requirementDecisionSubject } from "../../../emails/requirement-decision";
import { sendEmail, type OutgoingEmail } from "~/lib/email.server";
import { env } from "~/lib/env.server";
import type { TablesInsert } from "~/lib/database.types";
import { createUserClient } from "~/lib/supabase.server";
import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import { textColorOn } from "~/lib/brand";
import { CONSENT_STATEMENT, type SignoffInput } from "./schema";

/** What the server saw of the request: never taken from the form. */
export type Evidence = { ip: string | null; userAgent: string | null };

/** The signed-in person who signs: the server mints their token for this one request. */
export type Signer = { id: string; email: string };

type Options = {
  origin: string;
  send?: (email: OutgoingEmail) => Promise<unknown>;
};

export type Recorded = {
  /** The same person had already decided on this version: nothing was changed. */
  alreadyRecorded: boolean;
  emailSent: boolean;
};

/**
 * An approver approves the current version (consent + typed name) or requests
 * changes (with a comment). The database records who, which version, the hash
 * of its exact text and the time; the address and browser the server saw travel
 * in the JWT it mints for this request (claim `portal_request`), never as columns
 * (the database ignores those). A refusal comes back as a Failure: "invalid" on
 * the field the trigger names, "conflict" (409) for a superseded version, "forbidden"
 * for anyone not asked to sign it. The client's project manager is emailed; a failed
 * email is reported, the decision stands.
 */
export async function signOffRequirement(
  signer: Signer,
  input: SignoffInput,
  evidence: Evidence,
  { origin, send = sendEmail }: Options,
): Promise<Result<Recorded>> {
  const db = await createUserClient(signer, undefined, {
    portal_request: { ip: evidence.ip?.slice(0, 64) ?? null, ua: evidence.userAgent?.slice(0, 500) ?? null },
  });
  const row = {
    version_id: input.versionId,
    decision: input.decision,
    comment: input.decision === "changes_requested" ? input.comment : null,
    signature_name: input.decision === "approved" ? input.signatureName : null,
    // The statement the person ticked is ours, not the form's.
    consent_text: input.decision === "approved" && input.consent ? CONSENT_STATEMENT : null,
  };
  const { data, error } = await db
    .from("signoffs")
    .insert(row as TablesInsert<"signoffs">)
    .select(
      `id, document_id, version, person_name, decision, comment,
       requirement_documents!signoffs_document_id_client_id_fkey(title, clients(name, slug, primary_color,
         client_staff(role, people(full_name, email))))`,
    )
    .single();
  if (error) {
    // One decision per person and version (the unique key): a second submit changes nothing.
    if (error.code === "23505") return ok({ alreadyRecorded: true, emailSent: false });
    // The trigger names the field it refuses; a superseded version is a conflict (409)
    // whose message names the current version.
    return dbFailure(error, { what: "decision" });
  }

  const doc = data.requirement_documents!;
  const client = doc.clients!;
  const pm = client.client_staff.find((s) => s.role === "project_manager")?.people;
  let emailSent = false;
  if (pm) {
    const brand = { name: env.PROVIDER_NAME, primaryColor: client.primary_color, textOnPrimary: textColorOn(client.primary_color) };
    const props = {
      pmName: pm.full_name,
      approverName: data.person_name,
      decision: data.decision,
      comment: data.comment,
      clientName: client.name,
      brand,
      documentTitle: doc.title,
      version: data.version,
      documentUrl: new URL(`/staff/clients/${client.slug}/requirements/${data.document_id}`, origin).href,
    };
    try {
      await send({
        to: pm.email,
        subject: requirementDecisionSubject(props),
        react: RequirementDecisionEmail(props),
        idempotencyKey: `requirement-decision-${data.id}`,
        tags: [{ name: "kind", value: "requirement-decision" }],
      });
      emailSent = true;
    } catch (sendError) {
      console.error(`Decision email for sign-off ${data.id} was not sent:`, sendError);
    }
  }
  return ok({ alreadyRecorded: false, emailSent });
}
