import type { Db } from "~/lib/supabase.server";

/**
 * Records that the signed-in person opened this client's page (one statement,
 * once per page load) and returns when they opened it before: null on a first
 * visit, and for a page they cannot see (nothing is written then).
 */
export async function recordClientVisit(db: Db, slug: string): Promise<string | null> {
  const { data, error } = await db.rpc("record_client_visit", { p_slug: slug });
  if (error) throw new Error(`Could not record the visit: ${error.message}`);
  return data ?? null;
}
