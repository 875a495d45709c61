import type { Database } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";
import { readLogo, type Logo } from "./read-logo.server";
import { dbFailure } from "~/lib/db-errors.server";
import { invalid, ok, type Result } from "~/lib/result";
import type { CreateClientInput } from "./schema";

export type CreatedClient = {
  clientId: string;
  slug: string;
  /** Whether the creator can see the new client (they run it, or are an admin). */
  visible: boolean;
};

/**
 * Creates a client with its brand, success criteria, logo and project manager
 * in one transaction (the create_client RPC, under RLS: any staff member may).
 * A taken address or an unknown project manager saves nothing and comes back
 * as a field error; a non-staff caller gets a 403.
 */
export async function createClient(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  input: CreateClientInput,
): Promise<Result<CreatedClient>> {
  // Everything that can be refused is checked before anything is written.
  let logo: Logo | null = null;
  if (input.logo) {
    const read = await readLogo(input.logo);
    if ("error" in read) return invalid("logo", read.error);
    logo = read.logo;
  }
  const runsIt = viewer.isAdmin || input.projectManagerId === viewer.id;

  // The SQL function takes null for the optional dates; the generated types say string.
  const args = {
    p_slug: input.slug,
    p_name: input.name,
    p_primary_color: input.primaryColor,
    p_accent_color: input.accentColor,
    p_welcome_text: input.welcomeText ?? "",
    p_go_live_date: input.goLiveDate ?? null,
    p_service_takeover_date: input.serviceTakeoverDate ?? null,
    p_project_manager: input.projectManagerId,
    p_success_criteria: input.successCriteria.map((c) => ({ statement: c.statement, measure: c.measure ?? null })),
    p_logo_content_type: logo?.contentType ?? null,
    p_logo_base64: logo?.dataBase64 ?? null,
  } as unknown as Database["public"]["Functions"]["create_client"]["Args"];
  const { data: clientId, error } = await db.rpc("create_client", args);
  if (error) {
    // The SQL names the field it refuses (a taken address, a project manager who is not staff).
    if (error.code === "42501") throw new Response("Only staff can create clients.", { status: 403 });
    return dbFailure(error, { what: "client" });
  }

  return ok({ clientId, slug: input.slug, visible: runsIt });
}
