import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { z } from "zod";
import type { SaveFactSchema } from "./schema";

const MESSAGES = { what: "fact", forbidden: "Only the client's team can record key facts." };

/** A key fact about the client with the seller's version of it (kept apart, staff only), in one transaction (RPC). */
export async function saveClientFact(db: Db, clientId: string, input: z.infer<typeof SaveFactSchema>): Promise<Result> {
  const { error } = await db.rpc("save_client_fact", {
    p_client: clientId,
    p_fact: input.factId ?? (null as unknown as string),
    p_label: input.label,
    p_seller_value: input.sellerValue ?? (null as unknown as string),
    p_note: input.note ?? (null as unknown as string),
  });
  return error ? dbFailure(error, MESSAGES) : ok();
}

export async function deleteClientFact(db: Db, clientId: string, factId: string): Promise<Result> {
  const { data, error } = await db.from("client_facts").delete().eq("id", factId).eq("client_id", clientId).select("id");
  if (error) return dbFailure(error, MESSAGES);
  return data.length ? ok() : fail("not_found", "That fact no longer exists, or you cannot change it.");
}
