import type { Db } from "~/lib/supabase.server";
import type { UpdateInput } from "./schema";
import { updateError, type UpdateResult } from "./update-errors.server";

/**
 * The client's staff post an update: one RPC, so the update (and, once the
 * outbox exists, its emails) is written in one transaction. Author and time
 * come from the database; RLS and a trigger decide who may post and what the
 * update may link to.
 */
export async function postClientUpdate(db: Db, clientId: string, input: UpdateInput): Promise<UpdateResult<{ id: string }>> {
  const { data, error } = await db.rpc("post_client_update", {
    p_client: clientId,
    p_title: input.title,
    p_body_markdown: input.bodyMarkdown,
    p_is_internal: input.staffOnly,
    p_decision_needed: input.decisionNeeded,
    p_decision_due: input.decisionDue,
    p_decision_from: input.decisionFrom,
    p_milestone: input.milestoneId,
    p_requirement_document: input.requirementDocumentId,
  });
  if (error) return updateError(error);
  return { ok: true, id: data };
}
