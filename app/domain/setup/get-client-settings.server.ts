import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";

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
  /** The client's project manager or an admin (requireClient's editSettings): may change the settings. RLS (clients_update) agrees. */
  canEdit: boolean;
};

/** A client's settings (see requireClient): one round trip, under RLS. */
export async function getClientSettings(db: Db, access: ClientAccess): Promise<ClientSettings | null> {
  const { data, error } = await db
    .from("clients")
    .select(
      `id, slug, name, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date, updated_at,
       client_logos(updated_at)`,
    )
    .eq("id", access.client.id)
    .maybeSingle();
  if (error) throw new Error(`Could not load the client's settings: ${error.message}`);
  if (!data) return null;
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
    canEdit: access.may.editSettings,
  };
}
