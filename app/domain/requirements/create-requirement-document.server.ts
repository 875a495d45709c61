import type { Db } from "~/lib/supabase.server";
import { documentError, type RequirementResult } from "./requirement-errors.server";
import { saveRequirementApprovers } from "./save-requirement-approvers.server";
import type { CreateDocumentInput } from "./schema";

/** The PM starts a requirement document (an empty draft) and names who must sign it off. */
export async function createRequirementDocument(db: Db, clientId: string, input: CreateDocumentInput): Promise<RequirementResult<{ id: string }>> {
  const { data, error } = await db
    .from("requirement_documents")
    .insert({ client_id: clientId, title: input.title, area: input.area ?? null, due_date: input.dueDate ?? null })
    .select("id")
    .single();
  if (error) return documentError(error);
  const approvers = await saveRequirementApprovers(db, clientId, data.id, input.approverIds);
  if (!approvers.ok) {
    // Leave nothing half-made: a document without versions can be deleted.
    await db.from("requirement_documents").delete().eq("id", data.id);
    return approvers;
  }
  return { ok: true, id: data.id };
}
