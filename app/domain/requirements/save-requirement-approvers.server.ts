import type { Db } from "~/lib/supabase.server";
import { documentError, type RequirementResult } from "./requirement-errors.server";

/** Makes the document's required approvers exactly these people (the database checks they may approve). */
export async function saveRequirementApprovers(db: Db, clientId: string, documentId: string, approverIds: string[]): Promise<RequirementResult> {
  const keep = [...new Set(approverIds)];
  let removal = db.from("requirement_approvers").delete().eq("document_id", documentId).eq("client_id", clientId);
  if (keep.length) removal = removal.not("person_id", "in", `(${keep.join(",")})`);
  const removed = await removal;
  if (removed.error) return documentError(removed.error);
  if (keep.length) {
    const { error } = await db
      .from("requirement_approvers")
      .upsert(keep.map((person_id) => ({ document_id: documentId, client_id: clientId, person_id })), { onConflict: "document_id,person_id", ignoreDuplicates: true });
    if (error) return documentError(error);
  }
  return { ok: true };
}
