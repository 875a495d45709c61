import type { Db } from "~/lib/supabase.server";
import type { EditUpdateInput } from "./schema";
import { updateError, type UpdateResult } from "./update-errors.server";

/** The author (or the PM) edits an update; the database sets the "edited" mark when what readers see changes. */
export async function editClientUpdate(db: Db, clientId: string, input: EditUpdateInput): Promise<UpdateResult> {
  const { data, error } = await db
    .from("client_updates")
    .update({
      title: input.title,
      body_markdown: input.bodyMarkdown,
      is_internal: input.staffOnly,
      decision_needed: input.decisionNeeded,
      decision_due: input.decisionDue ?? null,
      decision_from: input.decisionFrom ?? null,
      milestone_id: input.milestoneId ?? null,
      requirement_document_id: input.requirementDocumentId ?? null,
    })
    .eq("id", input.updateId)
    .eq("client_id", clientId)
    .select("id");
  if (error) return updateError(error);
  if (!data.length) return { ok: false, status: 404, formError: "That update does not exist, or you cannot change it." };
  return { ok: true };
}
