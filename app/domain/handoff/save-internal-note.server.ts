import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { z } from "zod";
import type { SaveNoteSchema } from "./schema";

const MESSAGES = { what: "note", forbidden: "Only the client's team can write internal notes." };
const gone = () => fail("not_found", "That note no longer exists, or you cannot change it.");

/** An internal note (temperament, red flag, sensitivity, history): the client's staff only, never the client (RLS). */
export async function saveInternalNote(db: Db, clientId: string, input: z.infer<typeof SaveNoteSchema>): Promise<Result> {
  if (!input.noteId) {
    const { error } = await db.from("handoff_internal_notes").insert({ client_id: clientId, kind: input.kind, body: input.body });
    return error ? dbFailure(error, MESSAGES) : ok();
  }
  const { data, error } = await db
    .from("handoff_internal_notes")
    .update({ kind: input.kind, body: input.body })
    .eq("id", input.noteId)
    .eq("client_id", clientId)
    .select("id");
  if (error) return dbFailure(error, MESSAGES);
  return data.length ? ok() : gone();
}

export async function deleteInternalNote(db: Db, clientId: string, noteId: string): Promise<Result> {
  const { data, error } = await db.from("handoff_internal_notes").delete().eq("id", noteId).eq("client_id", clientId).select("id");
  if (error) return dbFailure(error, MESSAGES);
  return data.length ? ok() : gone();
}
