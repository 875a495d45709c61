import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { z } from "zod";
import type { SaveCommitmentSchema } from "./schema";

const MESSAGES = { what: "commitment", forbidden: "Only the client's team can record commitments." };
const gone = () => fail("not_found", "That commitment no longer exists, or you cannot change it.");

/**
 * Records what sales promised, or rewords it. Staff never set the status
 * directly: a new commitment is captured; ticking "at risk" flags it, and
 * unticking it hands the status back to the client's answer and the links
 * (the database decides, see guard_commitment in the handoff migration).
 */
export async function saveCommitment(db: Db, clientId: string, input: z.infer<typeof SaveCommitmentSchema>): Promise<Result> {
  const values = {
    promise: input.promise,
    promised_by: input.promisedBy,
    promised_on: input.promisedOn ?? null,
    source: input.source ?? null,
    due_date: input.dueDate ?? null,
  };
  if (!input.commitmentId) {
    const { error } = await db.from("commitments").insert({ client_id: clientId, ...values, status: input.atRisk ? "at_risk" : "captured" });
    return error ? dbFailure(error, MESSAGES) : ok();
  }
  const { data: current, error: readError } = await db
    .from("commitments")
    .select("status")
    .eq("id", input.commitmentId)
    .eq("client_id", clientId)
    .maybeSingle();
  if (readError) return dbFailure(readError, MESSAGES);
  if (!current) return gone();
  // Only a change of the risk flag touches the status.
  const wasAtRisk = current.status === "at_risk";
  const status = input.atRisk && !wasAtRisk ? "at_risk" : !input.atRisk && wasAtRisk ? "captured" : undefined;
  const { data, error } = await db
    .from("commitments")
    .update({ ...values, ...(status ? { status } : {}) })
    .eq("id", input.commitmentId)
    .eq("client_id", clientId)
    .select("id");
  if (error) return dbFailure(error, MESSAGES);
  return data.length ? ok() : gone();
}

/** Removes a commitment recorded by mistake. One the client has confirmed or disputed stays (RLS refuses it). */
export async function deleteCommitment(db: Db, clientId: string, commitmentId: string): Promise<Result> {
  const { data, error } = await db.from("commitments").delete().eq("id", commitmentId).eq("client_id", clientId).select("id");
  if (error) return dbFailure(error, MESSAGES);
  if (data.length) return ok();
  return fail("conflict", "That commitment cannot be deleted: the client has answered it (their word stays on record), or it is gone.");
}
