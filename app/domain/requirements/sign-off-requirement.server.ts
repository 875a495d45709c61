import RequirementDecisionEmail, { requirementDecisionSubject } from "../../../emails/requirement-decision";
import { sendEmail, type OutgoingEmail } from "~/lib/email.server";
import { env } from "~/lib/env.server";
import type { TablesInsert } from "~/lib/database.types";
import { createUserClient } from "~/lib/supabase.server";
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

export type SignoffResult =
  | { ok: true; alreadyRecorded: boolean; emailSent: boolean }
  | { ok: false; status: number; fieldErrors?: Record<string, string[]>; formError?: string; currentVersion?: number };

/**
 * An approver approves the current version (consent + typed name) or requests
 * changes (with a comment). The database records who, which version, the hash
 * of its exact text and the time; the address and browser the server saw travel
 * in the JWT it mints for this request (claim `portal_request`), never as columns
 * (the database ignores those). The client's project manager is emailed; a failed
 * email is reported, the decision stands.
 */
export async function signOffRequirement(
  signer: Signer,
  input: SignoffInput,
  evidence: Evidence,
  { origin, send = sendEmail }: Options,
): Promise<SignoffResult> {
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
    if (error.code === "PT409") {
      const latest = Number(error.hint);
      return {
        ok: false,
        status: 409,
        formError: `${error.message} Your decision was not recorded: read version ${latest} and what changed, then decide again.`,
        currentVersion: Number.isFinite(latest) ? latest : undefined,
      };
    }
    if (error.code === "23505") return { ok: true, alreadyRecorded: true, emailSent: false };
    if (error.code === "23514") {
      if (/consent/i.test(error.message)) return { ok: false, status: 400, fieldErrors: { consent: [error.message] } };
      if (/full name/i.test(error.message)) return { ok: false, status: 400, fieldErrors: { signatureName: [error.message] } };
      if (/change/i.test(error.message)) return { ok: false, status: 400, fieldErrors: { comment: [error.message] } };
      return { ok: false, status: 400, formError: error.message };
    }
    if (error.code === "42501") {
      const message = /not an approver|Sign in/.test(error.message)
        ? error.message
        : "Only the document's required approvers at the client can sign it off.";
      return { ok: false, status: 403, formError: message };
    }
    throw new Error(`Could not record the decision: ${error.message}`);
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
  return { ok: true, alreadyRecorded: false, emailSent };
}
