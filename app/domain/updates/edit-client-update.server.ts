import type { ClientAccess } from "~/domain/clients/require-client.server";
import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { UPDATE_MESSAGES } from "./post-client-update.server";
import type { EditUpdateInput } from "./schema";

/** The author (or the PM) edits an update; the database sets the "edited" mark when what readers see changes. */
export async function editClientUpdate(db: Db, access: Pick<ClientAccess, "client">, input: EditUpdateInput): Promise<Result> {
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
    .eq("client_id", access.client.id)
    .select("id");
  if (error) return dbFailure(error, UPDATE_MESSAGES);
  // RLS hid it: not theirs to change, or gone.
  if (!data.length) return fail("not_found", "That update does not exist, or only its author or the project manager can change it.");
  return ok();
}
