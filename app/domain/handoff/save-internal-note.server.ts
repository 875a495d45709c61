import type { Db } from "~/lib/supabase.server";
import { handoffError, notFound, ok, type HandoffResult } from "./handoff-errors.server";
import type { SaveNoteSchema } from "./schema";
import type { z } from "zod";

/** An internal note (temperament, red flag, sensitivity, history): the client's staff only, never the client (RLS). */
export async function saveInternalNote(db: Db, clientId: string, input: z.infer<typeof SaveNoteSchema>): Promise<HandoffResult> {
  if (!input.noteId) {
    const { error } = await db.from("handoff_internal_notes").insert({ client_id: clientId, kind: input.kind, body: input.body });
    return error ? handoffError(error, "note") : ok;
  }
  const { data, error } = await db
    .from("handoff_internal_notes")
    .update({ kind: input.kind, body: input.body })
    .eq("id", input.noteId)
    .eq("client_id", clientId)
    .select("id");
  if (error) return handoffError(error, "note");
  return data.length ? ok : notFound("note");
}

export async function deleteInternalNote(db: Db, clientId: string, noteId: string): Promise<HandoffResult> {
  const { data, error } = await db.from("handoff_internal_notes").delete().eq("id", noteId).eq("client_id", clientId).select("id");
  if (error) return handoffError(error, "note");
  return data.length ? ok : notFound("note");
}
