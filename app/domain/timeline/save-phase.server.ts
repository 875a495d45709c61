import type { Db } from "~/lib/supabase.server";
import { notFound, ok, planError, type PlanResult } from "./plan-errors.server";
import type { SavePhaseSchema } from "./schema";
import type { z } from "zod";

/** Adds or edits a phase. A moved planned date carries its reason; the database writes the slip log. */
export async function savePhase(db: Db, clientId: string, input: z.infer<typeof SavePhaseSchema>): Promise<PlanResult> {
  const fields = {
    name: input.name,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    is_internal: input.isInternal,
    change_reason: input.changeReason ?? null,
    change_side: input.changeSide ?? null,
  };
  if (!input.phaseId) {
    const { count } = await db.from("phases").select("id", { count: "exact", head: true }).eq("client_id", clientId);
    const { error } = await db.from("phases").insert({ ...fields, client_id: clientId, position: count ?? 0 });
    return error ? planError(error, "phase") : ok;
  }
  const { data, error } = await db.from("phases").update(fields).eq("id", input.phaseId).eq("client_id", clientId).select("id");
  if (error) return planError(error, "phase");
  return data.length ? ok : notFound("phase");
}
