import type { Db } from "~/lib/supabase.server";

export type ClientSettings = {
  client: {
    id: string;
    slug: string;
    name: string;
    primaryColor: string;
    accentColor: string;
    welcomeText: string | null;
    goLiveDate: string | null;
    serviceTakeoverDate: string | null;
    /** When the settings were last saved (changes with every save). */
    updatedAt: string;
    /** When the logo was last changed (to show the current one past the browser's cache), or null without a logo. */
    logoUpdatedAt: string | null;
  };
  /** The client's project manager or an admin: may change the settings. RLS (clients_update) agrees. */
  canEdit: boolean;
};

const NOT_FOUND = "The page does not exist, or you do not have access to it.";

/** A client's settings, or null when it does not exist or this person may not see it (RLS). */
export async function getClientSettings(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  slug: string,
): Promise<ClientSettings | null> {
  const { data, error } = await db
    .from("clients")
    .select(
      `id, slug, name, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date, updated_at,
       client_logos(updated_at), client_staff(person_id, role)`,
    )
    .eq("slug", slug)
    .maybeSingle();
  if (error) throw new Error(`Could not load the client's settings: ${error.message}`);
  if (!data) return null;
  const canEdit =
    viewer.isAdmin || data.client_staff.some((s) => s.person_id === viewer.id && s.role === "project_manager");
  return {
    client: {
      id: data.id,
      slug: data.slug,
      name: data.name,
      primaryColor: data.primary_color,
      accentColor: data.accent_color,
      welcomeText: data.welcome_text,
      goLiveDate: data.go_live_date,
      serviceTakeoverDate: data.service_takeover_date,
      updatedAt: data.updated_at,
      logoUpdatedAt: data.client_logos?.updated_at ?? null,
    },
    canEdit,
  };
}

/** The client's settings when this person may change them; otherwise a thrown 404 (not theirs) or 403 (read-only). */
export async function requireSettingsEditor(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  slug: string,
): Promise<ClientSettings> {
  const settings = await getClientSettings(db, viewer, slug);
  if (!settings) throw new Response(NOT_FOUND, { status: 404 });
  if (!settings.canEdit) {
    throw new Response("Only the client's project manager (or an admin) can change its settings.", { status: 403 });
  }
  return settings;
}
