import type { Db } from "~/lib/supabase.server";
import { invalid } from "~/lib/result";
import { ok, planError, type PlanResult } from "./plan-errors.server";

/** Lays out phases and milestones from a template, from a start date, in one transaction. */
export async function applyTemplate(db: Db, clientId: string, templateId: string, startDate: string): Promise<PlanResult> {
  const { error } = await db.rpc("apply_timeline_template", { p_client: clientId, p_template: templateId, p_start: startDate });
  return error ? planError(error, "timeline") : ok;
}

/** Saves this client's timeline as a template for the next conversions. */
export async function saveTimelineAsTemplate(db: Db, clientId: string, name: string, description?: string): Promise<PlanResult> {
  const { error } = await db.rpc("save_timeline_as_template", {
    p_client: clientId,
    p_name: name,
    p_description: description ?? undefined,
  });
  if (error?.code === "23505") return invalid("name", "A template with that name exists.");
  return error ? planError(error, "template") : ok;
}
