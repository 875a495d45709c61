import type { ClientAccess } from "~/domain/clients/require-client.server";
import type { Db } from "~/lib/supabase.server";
import { toClientUpdate, UPDATE_COLUMNS, type ClientUpdate, type UpdateRow } from "./client-update";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One update of a client, as this person may see it (RLS), or null. */
export async function getClientUpdate(db: Db, access: Pick<ClientAccess, "client">, updateId: string): Promise<ClientUpdate | null> {
  if (!UUID.test(updateId)) return null;
  const { data, error } = await db.from("client_updates").select(UPDATE_COLUMNS).eq("id", updateId).eq("client_id", access.client.id).maybeSingle();
  if (error) throw new Error(`Could not load the update: ${error.message}`);
  return data ? toClientUpdate(data as unknown as UpdateRow) : null;
}
