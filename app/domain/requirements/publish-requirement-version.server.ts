import type { Database } from "~/lib/database.types";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { documentFailure } from "./document-errors.server";
import type { SaveDocumentInput } from "./schema";

export type Published = {
  version: number;
  versionId: string;
  bodySha256: string;
  /** The required approvers of this version: each is emailed (queued with the version) to ask for their sign-off. */
  notified: string[];
};

/**
 * Saves the draft and publishes it as the next version, in one transaction (the
 * publish_requirement_version RPC, under RLS): the database numbers it under a
 * lock on the document, hashes the exact text, records who published it and
 * when, snapshots the required approvers, and queues an email to each of them
 * asking for their sign-off (the outbox, delivered by the worker); the text never
 * changes afterwards. A publish prepared on top of an older version than the
 * current one (another publish won the race) is a "conflict" and saves and
 * queues nothing.
 */
export async function publishRequirementVersion(db: Db, documentId: string, input: SaveDocumentInput): Promise<Result<Published>> {
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

  // Whom the version asks (and so the emails queued with it): its approver snapshot.
  const { data: approvers, error } = await db
    .from("requirement_version_approvers")
    .select("people(full_name)")
    .eq("version_id", published.id);
  if (error) throw new Error(`Could not read the published version's approvers: ${error.message}`);
  const notified = approvers
    .flatMap((a) => (a.people ? [a.people.full_name] : []))
    .sort((x, y) => x.localeCompare(y));
  return ok({ version: published.version, versionId: published.id, bodySha256: published.body_sha256, notified });
}
