import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { CommitmentResponse } from "./schema";

const COMMITMENT = { what: "commitment" };
const gone = (what: string) => fail("not_found", `That ${what} no longer exists, or it is not yours to answer.`);

/**
 * A contact answers on their page: confirms a commitment, says "that's not
 * what we agreed" with a comment, or answers a key fact. The database checks
 * who may do what and stamps who and when (guard_commitment, guard_client_fact).
 * A commitment's answer is one RPC, respond_to_commitment: a dispute writes the
 * email to the PM and the sales lead into the outbox in the same transaction
 * (the worker delivers it, linking to the configured origin), and a new dispute
 * opens a dissatisfier (the contact's concern). The value is how many emails
 * the dispute queued (0 when it repeats the dispute already recorded).
 */
export async function respondToCommitment(db: Db, clientId: string, input: CommitmentResponse): Promise<Result<{ notified: number }>> {
  switch (input.intent) {
    case "confirm-commitment":
    case "dispute-commitment": {
      const dispute = input.intent === "dispute-commitment";
      const { data, error } = await db.rpc("respond_to_commitment", {
        p_commitment: input.commitmentId,
        p_status: dispute ? "disputed" : "confirmed_by_client",
        p_comment: dispute ? input.comment : undefined,
      });
      if (error) return dbFailure(error, COMMITMENT);
      return ok({ notified: data ?? 0 });
    }
    case "answer-fact": {
      const { data, error } = await db
        .from("client_facts")
        .update({ client_value: input.value })
        .eq("id", input.factId)
        .eq("client_id", clientId)
        .select("id");
      if (error) return dbFailure(error, { what: "fact" });
      return data.length ? ok({ notified: 0 }) : gone("fact");
    }
  }
}
