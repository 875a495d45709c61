import type { Database } from "~/lib/database.types";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { documentFailure } from "./document-errors.server";
import type { CreateDocumentInput } from "./schema";

/**
 * The PM starts a requirement document (an empty draft) and names who must sign
 * it off, in one transaction (the create_requirement_document RPC, under RLS):
 * a refused approver leaves no document behind.
 */
export async function createRequirementDocument(db: Db, clientId: string, input: CreateDocumentInput): Promise<Result<{ id: string }>> {
  // The SQL function takes null for the optional values; the generated types say string.
  const args = {
    p_client: clientId,
    p_title: input.title,
    p_area: input.area ?? null,
    p_due_date: input.dueDate ?? null,
    p_approvers: [...new Set(input.approverIds)],
  } as unknown as Database["public"]["Functions"]["create_requirement_document"]["Args"];
  const { data, error } = await db.rpc("create_requirement_document", args);
  if (error) return documentFailure(error);
  return ok({ id: data });
}
