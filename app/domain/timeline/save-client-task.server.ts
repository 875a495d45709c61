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
  if (result.error?.code === "23514" && /owner/i.test(result.error.message)) {
    return { ok: false, status: 400, fieldErrors: { ownerId: ["Choose one of this client's contacts."] } };
  }
  if (result.error?.code === "23514" && /milestone/i.test(result.error.message)) {
    return { ok: false, status: 400, fieldErrors: { milestoneId: ["Choose a milestone of this client."] } };
  }
  if (result.error) return planError(result.error, "task");
  return result.data.length ? ok : notFound("task");
}
