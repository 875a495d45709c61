import type { Db } from "~/lib/supabase.server";
import { handoffError, ok, type HandoffResult } from "./handoff-errors.server";
import type { SaveHandoffSchema } from "./schema";
import type { z } from "zod";

/** The handoff meeting's date, who attended and a summary: one record per client, created on first save. */
export async function saveHandoff(db: Db, clientId: string, input: z.infer<typeof SaveHandoffSchema>): Promise<HandoffResult> {
  const values = { meeting_date: input.meetingDate ?? null, attendees: input.attendees ?? null, summary: input.summary ?? null };
  for (let attempt = 0; attempt < 2; attempt++) {
    const updated = await db.from("handoffs").update(values).eq("client_id", clientId).select("client_id");
    if (updated.error) return handoffError(updated.error, "handoff");
    if (updated.data.length) return ok;
    const inserted = await db.from("handoffs").insert({ client_id: clientId, ...values });
    // Someone else created it a moment ago: update theirs.
    if (inserted.error?.code === "23505") continue;
    if (inserted.error) return handoffError(inserted.error, "handoff");
    return ok;
  }
  return { ok: false, status: 409, formError: "The handoff changed while you were saving it: try again." };
}
