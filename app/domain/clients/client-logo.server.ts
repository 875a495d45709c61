import type { Db } from "~/lib/supabase.server";

/** The client's logo, stored in the database (RLS: the client's people only). */
export async function getClientLogo(db: Db, slug: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  const { data, error } = await db
    .from("client_logos")
    .select("content_type, data_base64, clients!inner(slug)")
    .eq("clients.slug", slug)
    .maybeSingle();
  if (error) throw new Error(`Could not load the logo: ${error.message}`);
  if (!data) return null;
  return { contentType: data.content_type, bytes: new Uint8Array(Buffer.from(data.data_base64, "base64")) };
}
