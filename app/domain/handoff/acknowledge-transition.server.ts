import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";

const MESSAGES = { what: "transition note", forbidden: "Only the relationship manager named in the transition note can acknowledge it." };

/**
 * The incoming relationship manager acknowledges the transition note: every open
 * commitment and every open dissatisfier of the client moves to them in the same
 * transaction (acknowledge_transition; the database decides who may), and the
 * client's page then names them as the day-to-day contact. The value is what moved.
 */
export async function acknowledgeTransition(db: Db, clientId: string): Promise<Result<{ commitments: number; concerns: number }>> {
  const { data, error } = await db.rpc("acknowledge_transition", { p_client: clientId });
  if (error) return dbFailure(error, MESSAGES);
  return ok({ commitments: data.moved_commitments, concerns: data.moved_concerns });
}
