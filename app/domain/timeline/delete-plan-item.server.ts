import type { Db } from "~/lib/supabase.server";
import { notFound, ok, planError, type PlanResult } from "./plan-errors.server";

const TABLE = { phase: "phases", milestone: "milestones", task: "client_tasks" } as const;

/** Deletes a phase (with its milestones), a milestone or a task. The slip log keeps its history. */
export async function deletePlanItem(db: Db, clientId: string, kind: keyof typeof TABLE, id: string): Promise<PlanResult> {
  const { data, error } = await db.from(TABLE[kind]).delete().eq("id", id).eq("client_id", clientId).select("id");
  if (error) return planError(error, kind);
  return data.length ? ok : notFound(kind);
}
