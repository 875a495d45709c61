import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { ReplyInput } from "./schema";

/** A contact answers a decision request; answering again replaces their answer (one atomic upsert in the database). */
export async function replyToUpdate(db: Db, updateId: string, input: ReplyInput): Promise<Result> {
  const { error } = await db.rpc("reply_to_update", { p_update: updateId, p_answer: input.answer, p_comment: input.comment });
  if (error) return dbFailure(error, { what: "answer", forbidden: "Only the client's contacts can answer its decision requests." });
  return ok();
}
