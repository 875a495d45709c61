import type { Db } from "~/lib/supabase.server";
import { handoffError, notFound, ok, type HandoffResult } from "./handoff-errors.server";
import type { SaveCommitmentSchema } from "./schema";
import type { z } from "zod";

/**
 * Records what sales promised, or rewords it. Staff never set the status
 * directly: a new commitment is captured; ticking "at risk" flags it, and
 * unticking it hands the status back to the client's answer and the links
 * (the database decides, see the migration's guard_commitment).
 */
export async function saveCommitment(db: Db, clientId: string, input: z.infer<typeof SaveCommitmentSchema>): Promise<HandoffResult> {
  const values = {
    promise: input.promise,
    promised_by: input.promisedBy,
    promised_on: input.promisedOn ?? null,
    source: input.source ?? null,
    due_date: input.dueDate ?? null,
  };
  if (!input.commitmentId) {
    const { error } = await db.from("commitments").insert({ client_id: clientId, ...values, status: input.atRisk ? "at_risk" : "captured" });
    return error ? handoffError(error, "commitment") : ok;
  }
  const { data: current, error: readError } = await db
    .from("commitments")
    .select("status")
    .eq("id", input.commitmentId)
    .eq("client_id", clientId)
    .maybeSingle();
  if (readError) return handoffError(readError, "commitment");
  if (!current) return notFound("commitment");
  // Only a change of the risk flag touches the status; a dispute stays until staff untick "at risk" on purpose.
  const wasAtRisk = current.status === "at_risk";
  const status = input.atRisk && !wasAtRisk ? "at_risk" : !input.atRisk && wasAtRisk ? "captured" : undefined;
  const { data, error } = await db
    .from("commitments")
    .update({ ...values, ...(status ? { status } : {}) })
    .eq("id", input.commitmentId)
    .eq("client_id", clientId)
    .select("id");
  if (error) return handoffError(error, "commitment");
  return data.length ? ok : notFound("commitment");
}
