import type { Db } from "~/lib/supabase.server";
import { notFound, ok, planError, type PlanResult } from "./plan-errors.server";
import type { SaveTaskSchema } from "./schema";
import type { z } from "zod";

/** Adds or edits something the client owes us. The owner must be one of the client's contacts. */
export async function saveClientTask(db: Db, clientId: string, input: z.infer<typeof SaveTaskSchema>): Promise<PlanResult> {
  const fields = {
    title: input.title,
    description: input.description ?? null,
    due_date: input.dueDate ?? null,
    owner_id: input.ownerId ?? null,
    milestone_id: input.milestoneId ?? null,
  };
  const result = input.taskId
    ? await db.from("client_tasks").update(fields).eq("id", input.taskId).eq("client_id", clientId).select("id")
    : await db.from("client_tasks").insert({ ...fields, client_id: clientId }).select("id");
  // The database names the field it refuses (owner, milestone): see planError.
  if (result.error) return planError(result.error, "task");
  return result.data.length ? ok : notFound("task");
}
