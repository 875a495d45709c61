import type { Database } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";
import { readLogo, type Logo } from "./read-logo.server";
import type { CreateClientInput, FieldErrors } from "./schema";

export type CreateClientResult =
  | { ok: true; clientId: string; slug: string; /** Whether the creator can see the new client (they run it, or are an admin). */ visible: boolean }
  | { ok: false; fieldErrors: FieldErrors };

const ONLY_PM_MESSAGE =
  "Only the client's project manager can add this. Choose yourself as project manager, or leave it for them to add.";

/**
 * Creates a client with its brand and project manager in one transaction (the
 * create_client RPC, under RLS: any staff member may), then its success
 * criteria and logo. A taken address or an unknown project manager saves
 * nothing and comes back as a field error; a non-staff caller gets a 403.
 */
export async function createClient(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  input: CreateClientInput,
): Promise<CreateClientResult> {
  // Everything that can be refused is checked before anything is written.
  let logo: Logo | null = null;
  if (input.logo) {
    const read = await readLogo(input.logo);
    if ("error" in read) return { ok: false, fieldErrors: { logo: [read.error] } };
    logo = read.logo;
  }
  // RLS lets the creator add criteria and a logo only while they run the client
  // (see the report on is_client_creator): refuse up front rather than half-save.
  const runsIt = viewer.isAdmin || input.projectManagerId === viewer.id;
  if (!runsIt && (logo || input.successCriteria.length)) {
    const fieldErrors: FieldErrors = {};
    if (logo) fieldErrors.logo = [ONLY_PM_MESSAGE];
    if (input.successCriteria.length) fieldErrors.successCriteria = [ONLY_PM_MESSAGE];
    return { ok: false, fieldErrors };
  }

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
  } as unknown as Database["public"]["Functions"]["create_client"]["Args"];
  const { data: clientId, error } = await db.rpc("create_client", args);
  if (error) {
    if (error.code === "23505" && error.message.includes("clients_slug_key")) {
      return {
        ok: false,
        fieldErrors: { slug: [`The address "${input.slug}" is already used by another client. Choose another.`] },
      };
    }
    if (error.code === "23503") {
      return { ok: false, fieldErrors: { projectManagerId: ["Choose the project manager from the list of staff."] } };
    }
    if (error.code === "42501") throw new Response("Only staff can create clients.", { status: 403 });
    throw new Error(`Could not create the client: ${error.message}`);
  }

  const writes: PromiseLike<{ error: { message: string } | null }>[] = [];
  if (input.successCriteria.length) {
    writes.push(
      db.from("success_criteria").insert(
        input.successCriteria.map((c, position) => ({ client_id: clientId, statement: c.statement, measure: c.measure, position })),
      ),
    );
  }
  if (logo) {
    writes.push(db.from("client_logos").insert({ client_id: clientId, content_type: logo.contentType, data_base64: logo.dataBase64 }));
  }
  for (const { error: writeError } of await Promise.all(writes)) {
    if (writeError) throw new Error(`The client was created, but its setup was not completed: ${writeError.message}`);
  }
  return { ok: true, clientId, slug: input.slug, visible: runsIt };
}
