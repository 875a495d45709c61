import type { Db } from "~/lib/supabase.server";
import { documentError, type RequirementResult } from "./requirement-errors.server";
import { saveRequirementApprovers } from "./save-requirement-approvers.server";
import type { SaveDocumentInput } from "./schema";

/** Saves the PM's working copy: title, area, due date, approvers and the Markdown draft. Published versions never change. */
export async function saveRequirementDraft(db: Db, clientId: string, documentId: string, input: SaveDocumentInput): Promise<RequirementResult> {
  const { data, error } = await db
    .from("requirement_documents")
    .update({ title: input.title, area: input.area ?? null, due_date: input.dueDate ?? null })
    .eq("id", documentId)
    .eq("client_id", clientId)
    .select("id");
  if (error) return documentError(error);
  if (!data.length) return { ok: false, status: 404, formError: "That document no longer exists, or you cannot change it." };
  // The draft lives apart (staff only): RLS keeps work in progress from the client.
  const draft = await db
    .from("requirement_drafts")
    .update({ body_markdown: input.draftMarkdown })
    .eq("document_id", documentId)
    .eq("client_id", clientId)
    .select("document_id");
  if (draft.error) return documentError(draft.error);
  if (!draft.data.length) return { ok: false, status: 404, formError: "That document no longer exists, or you cannot change it." };
  return saveRequirementApprovers(db, clientId, documentId, input.approverIds);
}
