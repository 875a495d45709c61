import type { Db } from "~/lib/supabase.server";
import type { ReplyInput } from "./schema";
import { updateError, type UpdateResult } from "./update-errors.server";

/** A contact answers a decision request; answering again replaces their answer (one atomic upsert in the database). */
export async function replyToUpdate(db: Db, updateId: string, input: ReplyInput): Promise<UpdateResult> {
  const { error } = await db.rpc("reply_to_update", { p_update: updateId, p_answer: input.answer, p_comment: input.comment });
  if (error) return updateError(error);
  return { ok: true };
}
