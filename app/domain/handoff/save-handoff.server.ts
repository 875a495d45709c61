import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { z } from "zod";
import type { SaveHandoffSchema } from "./schema";

const MESSAGES = { what: "handoff", forbidden: "Only the client's team can fill in the handoff." };

/** The handoff meeting's date, who attended and a summary: one record per client, created on first save. */
export async function saveHandoff(db: Db, clientId: string, input: z.infer<typeof SaveHandoffSchema>): Promise<Result> {
  const values = { meeting_date: input.meetingDate ?? null, attendees: input.attendees ?? null, summary: input.summary ?? null };
  for (let attempt = 0; attempt < 2; attempt++) {
    const updated = await db.from("handoffs").update(values).eq("client_id", clientId).select("client_id");
    if (updated.error) return dbFailure(updated.error, MESSAGES);
    if (updated.data.length) return ok();
    const inserted = await db.from("handoffs").insert({ client_id: clientId, ...values });
    // Someone else created it a moment ago: update theirs.
    if (inserted.error?.code === "23505") continue;
    if (inserted.error) return dbFailure(inserted.error, MESSAGES);
    return ok();
  }
  return fail("conflict", "The handoff changed while you were saving it: try again.");
}
