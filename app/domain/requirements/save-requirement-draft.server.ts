import type { Database } from "~/lib/database.types";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { documentFailure } from "./document-errors.server";
import type { SaveDocumentInput } from "./schema";

/**
 * Saves the PM's working copy: title, area, due date, approvers and the Markdown
 * draft, in one transaction (the save_requirement_draft RPC, under RLS).
 * Published versions never change.
 */
export async function saveRequirementDraft(db: Db, documentId: string, input: SaveDocumentInput): Promise<Result> {
  const args = {
    p_document: documentId,
    p_title: input.title,
    p_area: input.area ?? null,
    p_due_date: input.dueDate ?? null,
    p_approvers: [...new Set(input.approverIds)],
    p_body: input.draftMarkdown,
  } as unknown as Database["public"]["Functions"]["save_requirement_draft"]["Args"];
  const { error } = await db.rpc("save_requirement_draft", args);
  if (error) return documentFailure(error);
  return ok();
}
