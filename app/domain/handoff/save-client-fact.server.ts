import type { Db } from "~/lib/supabase.server";
import { handoffError, notFound, ok, type HandoffResult } from "./handoff-errors.server";
import type { SaveFactSchema } from "./schema";
import type { z } from "zod";

/** A key fact about the client with the seller's version of it (kept apart, staff only), in one transaction. */
export async function saveClientFact(db: Db, clientId: string, input: z.infer<typeof SaveFactSchema>): Promise<HandoffResult> {
  const { error } = await db.rpc("save_client_fact", {
    p_client: clientId,
    p_fact: input.factId ?? (null as unknown as string),
    p_label: input.label,
    p_seller_value: input.sellerValue ?? (null as unknown as string),
    p_note: input.note ?? (null as unknown as string),
  });
  if (error?.code === "P0002") return notFound("fact");
  return error ? handoffError(error, "fact") : ok;
}

export async function deleteClientFact(db: Db, clientId: string, factId: string): Promise<HandoffResult> {
  const { data, error } = await db.from("client_facts").delete().eq("id", factId).eq("client_id", clientId).select("id");
  if (error) return handoffError(error, "fact");
  return data.length ? ok : notFound("fact");
}
