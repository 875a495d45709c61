import { invalid } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { notFound, ok, planError, type PlanResult } from "./plan-errors.server";
import type { SaveMilestoneSchema } from "./schema";
import type { z } from "zod";

/** Adds or edits a milestone. Moving its planned date needs a reason and a side (the database enforces it too). */
export async function saveMilestone(db: Db, clientId: string, input: z.infer<typeof SaveMilestoneSchema>): Promise<PlanResult> {
  const fields = {
    phase_id: input.phaseId,
    title: input.title,
    description: input.description ?? null,
    planned_date: input.plannedDate,
    actual_date: input.actualDate ?? null,
    risk_note: input.riskNote ?? null,
    is_internal: input.isInternal,
    change_reason: input.changeReason ?? null,
    change_side: input.changeSide ?? null,
  };
  if (!input.milestoneId) {
    const { error } = await db.from("milestones").insert({ ...fields, client_id: clientId });
    if (error?.code === "23503") return invalid("phaseId", "Choose a phase of this client.");
    return error ? planError(error, "milestone") : ok;
  }
  const { data, error } = await db.from("milestones").update(fields).eq("id", input.milestoneId).eq("client_id", clientId).select("id");
  if (error?.code === "23503") return invalid("phaseId", "Choose a phase of this client.");
  if (error) return planError(error, "milestone");
  return data.length ? ok : notFound("milestone");
}
