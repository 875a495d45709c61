import type { Db } from "~/lib/supabase.server";
import { toClientUpdate, UPDATE_COLUMNS, type ClientUpdate, type UpdateRow } from "./client-update";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One update of a client, as this person may see it (RLS), or null. */
export async function getClientUpdate(db: Db, slug: string, updateId: string): Promise<{ client: { id: string; slug: string; name: string }; update: ClientUpdate } | null> {
  if (!UUID.test(updateId)) return null;
  const { data, error } = await db
    .from("client_updates")
    .select(`${UPDATE_COLUMNS}, client:clients!inner(id, slug, name)`)
    .eq("id", updateId)
    .eq("client.slug", slug)
    .maybeSingle();
  if (error) throw new Error(`Could not load the update: ${error.message}`);
  if (!data?.client) return null;
  return { client: data.client, update: toClientUpdate(data as unknown as UpdateRow) };
}
