import type { Db } from "~/lib/supabase.server";
import { requireSettingsEditor } from "./get-client-settings.server";
import { readLogo, type Logo } from "./read-logo.server";
import type { ClientSettingsInput, FieldErrors } from "./schema";

export type UpdateClientSettingsResult =
  | {
      ok: true;
      slug: string;
      name: string;
      logo: "replaced" | "removed" | "kept";
    }
  | { ok: false; fieldErrors: FieldErrors };

const FORBIDDEN = "Only the client's project manager (or an admin) can change its settings.";

/**
 * Changes a client's name, brand colours, welcome text and dates, and replaces
 * or removes its logo, as the signed-in person (RLS: the client's PM or an
 * admin). The slug never changes. Everything that can be refused (the logo's
 * type and size, by its bytes) is checked before anything is written; someone
 * who may see the client but not change it gets a 403, anyone else a 404.
 */
export async function updateClientSettings(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  slug: string,
  input: ClientSettingsInput,
): Promise<UpdateClientSettingsResult> {
  const { client } = await requireSettingsEditor(db, viewer, slug);

  let logo: Logo | null = null;
  if (input.logo) {
    const read = await readLogo(input.logo);
    if ("error" in read) return { ok: false, fieldErrors: { logo: [read.error] } };
    logo = read.logo;
  }

  const { data: updated, error } = await db
    .from("clients")
    .update({
      name: input.name,
      primary_color: input.primaryColor,
      accent_color: input.accentColor,
      welcome_text: input.welcomeText ?? null,
      go_live_date: input.goLiveDate ?? null,
      service_takeover_date: input.serviceTakeoverDate ?? null,
    })
    .eq("id", client.id)
    .select("id");
  if (error) {
    if (error.code === "42501") throw new Response(FORBIDDEN, { status: 403 });
    throw new Error(`Could not save the client's settings: ${error.message}`);
  }
  // RLS hides the row from an update it refuses: nothing changed.
  if (updated.length === 0) throw new Response(FORBIDDEN, { status: 403 });

  if (logo) {
    const { error: logoError } = await db.from("client_logos").upsert(
      {
        client_id: client.id,
        content_type: logo.contentType,
        data_base64: logo.dataBase64,
        updated_at: new Date().toISOString(),
      },
      { onConflict: "client_id" },
    );
    if (logoError) {
      if (logoError.code === "42501") throw new Response(FORBIDDEN, { status: 403 });
      throw new Error(`Could not save the logo: ${logoError.message}`);
    }
  } else if (input.removeLogo) {
    const { error: removeError } = await db.from("client_logos").delete().eq("client_id", client.id);
    if (removeError) throw new Error(`Could not remove the logo: ${removeError.message}`);
  }

  return {
    ok: true,
    slug: client.slug,
    name: input.name,
    logo: logo ? "replaced" : input.removeLogo && client.logoUpdatedAt ? "removed" : "kept",
  };
}
