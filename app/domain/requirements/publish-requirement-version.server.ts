import { createHash } from "node:crypto";
import RequirementReviewEmail, { requirementReviewSubject } from "../../../emails/requirement-review";
import { sendEmail, type OutgoingEmail } from "~/lib/email.server";
import { env } from "~/lib/env.server";
import type { TablesInsert } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";
import { textColorOn } from "~/lib/brand";
import { documentError, type RequirementResult } from "./requirement-errors.server";
import { saveRequirementDraft } from "./save-requirement-draft.server";
import type { SaveDocumentInput } from "./schema";

type Options = {
  /** Where the app is served, for the link in the email (the request's origin). */
  origin: string;
  /** Sends the email; tests pass one that fails. */
  send?: (email: OutgoingEmail) => Promise<unknown>;
};

export type Published = { version: number; versionId: string; bodySha256: string; notified: string[]; notNotified: string[] };

/**
 * Saves the draft and publishes it as the next version: the database numbers it,
 * hashes the exact text and records who published it and when; the text never
 * changes afterwards. Every required approver then gets an email asking for
 * their sign-off. A failed email does not undo the publication: it is reported.
 */
export async function publishRequirementVersion(
  db: Db,
  clientId: string,
  documentId: string,
  input: SaveDocumentInput,
  { origin, send = sendEmail }: Options,
): Promise<RequirementResult<Published>> {
  const saved = await saveRequirementDraft(db, clientId, documentId, input);
  if (!saved.ok) return saved;

  const { data: latest, error: latestError } = await db
    .from("requirement_versions")
    .select("version, body_sha256")
    .eq("document_id", documentId)
    .order("version", { ascending: false })
    .limit(1)
    .maybeSingle();
  if (latestError) throw new Error(`Could not read the versions: ${latestError.message}`);
  const sha = createHash("sha256").update(input.draftMarkdown, "utf8").digest("hex");
  if (latest && latest.body_sha256 === sha) {
    return { ok: false, status: 400, fieldErrors: { draftMarkdown: [`The draft is the same as version ${latest.version}: change it before publishing.`] } };
  }

  // Version number, hash, publisher and time are the database's to set (a trigger).
  const row = { document_id: documentId, client_id: clientId, body_markdown: input.draftMarkdown, change_note: input.changeNote ?? null };
  const { data: version, error } = await db
    .from("requirement_versions")
    .insert(row as TablesInsert<"requirement_versions">)
    .select(
      `id, version, body_sha256, publisher:people!requirement_versions_published_by_fkey(full_name),
       requirement_documents!requirement_versions_document_id_client_id_fkey(title, due_date, clients(name, slug, primary_color),
         requirement_approvers!requirement_approvers_document_id_client_id_fkey(people(id, full_name, email)))`,
    )
    .single();
  if (error) return documentError(error);

  const doc = version.requirement_documents!;
  const client = doc.clients!;
  const brand = { name: env.PROVIDER_NAME, primaryColor: client.primary_color, textOnPrimary: textColorOn(client.primary_color) };
  const documentUrl = new URL(`/c/${client.slug}/requirements/${documentId}`, origin).href;
  const notified: string[] = [];
  const notNotified: string[] = [];
  for (const approver of doc.requirement_approvers.flatMap((a) => (a.people ? [a.people] : []))) {
    try {
      await send({
        to: approver.email,
        subject: requirementReviewSubject({ documentTitle: doc.title, version: version.version }),
        react: RequirementReviewEmail({
          personName: approver.full_name,
          clientName: client.name,
          brand,
          documentTitle: doc.title,
          version: version.version,
          changeNote: input.changeNote ?? null,
          dueDate: doc.due_date,
          publishedBy: version.publisher?.full_name ?? null,
          documentUrl,
        }),
        idempotencyKey: `requirement-review-${version.id}-${approver.id}`,
        tags: [{ name: "kind", value: "requirement-review" }],
      });
      notified.push(approver.full_name);
    } catch (sendError) {
      console.error(`Review email for requirement version ${version.id} to ${approver.id} was not sent:`, sendError);
      notNotified.push(approver.full_name);
    }
  }
  return { ok: true, version: version.version, versionId: version.id, bodySha256: version.body_sha256, notified, notNotified };
}
