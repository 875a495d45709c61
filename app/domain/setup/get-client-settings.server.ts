import type { QueryData } from "@supabase/supabase-js";
import type { Db } from "~/lib/supabase.server";
import { toClientAccess, type ClientAccessRow } from "../clients/require-client.server";

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

/**
 * The settings' rows, in the shape of this select: the client_settings_page
 * function (migration 20261202001020, ADR 0016) returns the same JSON, plus the
 * caller's client_access row, in one call; tests/security/staff-pages.test.ts
 * compares them.
 */
export const SETTINGS_SELECT = `id, slug, name, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date, updated_at,
  client_logos(updated_at)`;
const _settingsSelect = (db: Db) => db.from("clients").select(SETTINGS_SELECT).single();
type SettingsRow = QueryData<ReturnType<typeof _settingsSelect>>;

/** The settings' rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readClientSettings(db: Db, slug: string): Promise<{ client: SettingsRow; access: ClientAccessRow } | null> {
  const { data, error } = await db.rpc("client_settings_page", { p_slug: slug });
  if (error) throw new Error(`Could not load the client's settings: ${error.message}`);
  return (data as unknown as { client: SettingsRow; access: ClientAccessRow } | null) ?? null;
}

/** A client's settings, or null when it does not exist or this person may not see it (RLS): one round trip, guard included. */
export async function getClientSettings(db: Db, slug: string): Promise<ClientSettings | null> {
  const page = await readClientSettings(db, slug);
  if (!page?.client || !page.access) return null;
  const data = page.client;
  const access = toClientAccess(page.access);
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
