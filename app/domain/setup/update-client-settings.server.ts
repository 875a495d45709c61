import type { Database } from "~/lib/database.types";
import { dbFailure } from "~/lib/db-errors.server";
import { invalid, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import { readLogo, type Logo } from "./read-logo.server";
import type { ClientSettingsInput } from "./schema";

export type UpdatedSettings = { slug: string; name: string; logo: "replaced" | "removed" | "kept" };

/**
 * Changes a client's name, brand colours, welcome text and dates, and replaces
 * or removes its logo, as the signed-in person, in one transaction (the
 * update_client_settings RPC, under RLS: the client's PM or an admin; the
 * route's requireClient(…, "editSettings") has already sent anyone else away
 * with a 403 or 404). The slug never changes. The logo's type and size are
 * checked by its bytes before anything is written.
 */
export async function updateClientSettings(db: Db, access: ClientAccess, input: ClientSettingsInput): Promise<Result<UpdatedSettings>> {
  let logo: Logo | null = null;
  if (input.logo) {
    const read = await readLogo(input.logo);
    if ("error" in read) return invalid("logo", read.error);
    logo = read.logo;
  }
  // The SQL function takes null for the optional values; the generated types say string.
  const args = {
    p_client: access.client.id,
    p_name: input.name,
    p_primary_color: input.primaryColor,
    p_accent_color: input.accentColor,
    p_welcome_text: input.welcomeText ?? null,
    p_go_live_date: input.goLiveDate ?? null,
    p_service_takeover_date: input.serviceTakeoverDate ?? null,
    p_logo_content_type: logo?.contentType ?? null,
    p_logo_base64: logo?.dataBase64 ?? null,
    p_remove_logo: Boolean(input.removeLogo),
  } as unknown as Database["public"]["Functions"]["update_client_settings"]["Args"];
  const { data, error } = await db.rpc("update_client_settings", args);
  if (error) {
    return dbFailure(error, { what: "settings", forbidden: "Only the client's project manager (or an admin) can change its settings." });
  }
  return ok({ slug: access.client.slug, name: input.name, logo: data as UpdatedSettings["logo"] });
}
