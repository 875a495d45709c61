import RequirementReviewEmail, { requirementReviewSubject } from "../../../emails/requirement-review";
import { sendEmail, type OutgoingEmail } from "~/lib/email.server";
import { env } from "~/lib/env.server";
import type { Database } from "~/lib/database.types";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { textColorOn } from "~/lib/brand";
import { documentFailure } from "./document-errors.server";
import type { SaveDocumentInput } from "./schema";

type Options = {
  /** Where the app is served, for the link in the email (the request's origin). */
  origin: string;
  /** Sends the email; tests pass one that fails. */
  send?: (email: OutgoingEmail) => Promise<unknown>;
};

export type Published = { version: number; versionId: string; bodySha256: string; notified: string[]; notNotified: string[] };

/**
 * Saves the draft and publishes it as the next version, in one transaction (the
 * publish_requirement_version RPC, under RLS): the database numbers it under a
 * lock on the document, hashes the exact text, records who published it and
 * when, and snapshots the required approvers; the text never changes afterwards.
 * A publish prepared on top of an older version than the current one (another
 * publish won the race) is a "conflict" and saves nothing. Every required
 * approver then gets an email asking for their sign-off. A failed email does
 * not undo the publication: it is reported.
 */
export async function publishRequirementVersion(
  db: Db,
  documentId: string,
  input: SaveDocumentInput,
  { origin, send = sendEmail }: Options,
): Promise<Result<Published>> {
  const args = {
    p_document: documentId,
    p_title: input.title,
    p_area: input.area ?? null,
    p_due_date: input.dueDate ?? null,
    p_approvers: [...new Set(input.approverIds)],
    p_body: input.draftMarkdown,
    p_change_note: input.changeNote ?? null,
    p_base_version: input.baseVersion ?? null,
  } as unknown as Database["public"]["Functions"]["publish_requirement_version"]["Args"];
  const { data: published, error: publishError } = await db.rpc("publish_requirement_version", args).single();
  if (publishError) return documentFailure(publishError);

  // Who to ask: the approvers snapshotted with this version.
  const { data: version, error } = await db
    .from("requirement_versions")
    .select(
      `id, version, body_sha256, publisher:people!requirement_versions_published_by_fkey(full_name),
       requirement_version_approvers(people(id, full_name, email)),
       requirement_documents!requirement_versions_document_id_client_id_fkey(title, due_date, clients(name, slug, primary_color))`,
    )
    .eq("id", published.id)
    .single();
  if (error) throw new Error(`Could not read the published version: ${error.message}`);

  const doc = version.requirement_documents!;
  const client = doc.clients!;
  const brand = { name: env.PROVIDER_NAME, primaryColor: client.primary_color, textOnPrimary: textColorOn(client.primary_color) };
  const documentUrl = new URL(`/c/${client.slug}/requirements/${documentId}`, origin).href;
  const notified: string[] = [];
  const notNotified: string[] = [];
  for (const approver of version.requirement_version_approvers.flatMap((a) => (a.people ? [a.people] : []))) {
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
  return ok({ version: version.version, versionId: version.id, bodySha256: version.body_sha256, notified, notNotified });
}
