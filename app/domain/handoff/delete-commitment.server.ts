import type { Db } from "~/lib/supabase.server";
import { handoffError, ok, type HandoffResult } from "./handoff-errors.server";

/** Removes a commitment recorded by mistake. One the client has confirmed or disputed stays (RLS refuses it). */
export async function deleteCommitment(db: Db, clientId: string, commitmentId: string): Promise<HandoffResult> {
  const { data, error } = await db.from("commitments").delete().eq("id", commitmentId).eq("client_id", clientId).select("id");
  if (error) return handoffError(error, "commitment");
  if (data.length) return ok;
  return {
    ok: false,
    status: 409,
    formError: "That commitment cannot be deleted: the client has answered it (their word stays on record), or it is gone.",
  };
}
