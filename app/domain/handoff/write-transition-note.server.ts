import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { z } from "zod";
import type { WriteTransitionSchema } from "./schema";

const MESSAGES = { what: "transition note", forbidden: "Only the client's project manager can write the transition note." };

/**
 * The PM hands the client over to ongoing service: a note (open items, open
 * commitments, open concerns, the client's preferences) naming the incoming
 * relationship manager, in one transaction (write_transition_note). It can be
 * rewritten until the relationship manager acknowledges it (then PT409).
 */
export async function writeTransitionNote(db: Db, clientId: string, input: z.infer<typeof WriteTransitionSchema>): Promise<Result> {
  const { error } = await db.rpc("write_transition_note", {
    p_client: clientId,
    p_relationship_manager: input.relationshipManagerId,
    p_open_items: input.openItems ?? "",
    p_open_commitments: input.openCommitments ?? "",
    p_open_concerns: input.openConcerns ?? "",
    p_client_preferences: input.clientPreferences ?? "",
  });
  return error ? dbFailure(error, MESSAGES) : ok();
}
