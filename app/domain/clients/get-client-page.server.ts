import type { Db } from "~/lib/supabase.server";

export type ClientPage = {
  id: string;
  slug: string;
  name: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  welcomeText: string | null;
};

/** A client's page by slug, or null when it does not exist or this person may not see it (RLS). */
export async function getClientPage(db: Db, slug: string): Promise<ClientPage | null> {
  const { data, error } = await db
    .from("clients")
    .select("id, slug, name, logo_url, primary_color, accent_color, welcome_text")
    .eq("slug", slug)
    .maybeSingle();
  if (error) throw new Error(`Could not load the client: ${error.message}`);
  if (!data) return null;
  return {
    id: data.id,
    slug: data.slug,
    name: data.name,
    logoUrl: data.logo_url,
    primaryColor: data.primary_color,
    accentColor: data.accent_color,
    welcomeText: data.welcome_text,
  };
}
