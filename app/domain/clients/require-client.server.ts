import type { Database } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";

type StaffRole = Database["public"]["Enums"]["staff_role"];
type ContactRole = Database["public"]["Enums"]["contact_role"];

/** What the signed-in person may do on a client. RLS decides every write anyway: these say what to offer. */
export type ClientPermissions = {
  /** Change the timeline (phases, milestones, tasks). */
  editPlan: boolean;
  /** Add or remove staff and invite contacts (the PM, an admin, or the creator while there is no PM). */
  manageTeam: boolean;
  /** Change the name, brand, welcome text, dates and logo. */
  editSettings: boolean;
  /** Create requirement documents, edit their drafts, publish versions. */
  editRequirements: boolean;
};

export type ClientAccess = {
  client: { id: string; slug: string; name: string };
  /** The client's project manager, or an admin. */
  isPm: boolean;
  /** Staff on this client's team, or an admin. */
  isStaff: boolean;
  isAdmin: boolean;
  isContact: boolean;
  staffRole: StaffRole | null;
  contactRole: ContactRole | null;
  may: ClientPermissions;
};

export type ClientPermission = keyof ClientPermissions;

const NOT_FOUND = "The page does not exist, or you do not have access to it.";

const FORBIDDEN: Record<ClientPermission, string> = {
  editPlan: "Only the client's project manager (or an admin) can change its plan.",
  manageTeam: "Only the client's project manager (or an admin) can change its team and contacts.",
  editSettings: "Only the client's project manager (or an admin) can change its settings.",
  editRequirements: "Only the client's project manager (or an admin) can change requirement documents.",
};

/**
 * Guard: the client with this slug and what the signed-in person may do there,
 * in one PostgREST round trip (the client_access view, security invoker over the
 * same SQL helpers the policies use). Throws a 404 when the client does not
 * exist or is not theirs to see, and a 403 when `need` is given and not allowed.
 */
export async function requireClient(db: Db, slug: string, need?: ClientPermission): Promise<ClientAccess> {
  const { data, error } = await db
    .from("client_access")
    .select("id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role")
    .eq("slug", slug)
    .maybeSingle();
  if (error) throw new Error(`Could not load the client: ${error.message}`);
  if (!data || !data.id || !data.slug || !data.name) throw new Response(NOT_FOUND, { status: 404 });
  const access = toClientAccess({ ...data, id: data.id, slug: data.slug, name: data.name });
  if (need && !access.may[need]) throw new Response(FORBIDDEN[need], { status: 403 });
  return access;
}

/** A row of the client_access view (also returned by page functions such as requirement_page) as what the person may do. */
export type ClientAccessRow = {
  id: string;
  slug: string;
  name: string;
  is_admin: boolean | null;
  is_pm: boolean | null;
  is_staff: boolean | null;
  is_contact: boolean | null;
  is_creator: boolean | null;
  staff_role: StaffRole | null;
  contact_role: ContactRole | null;
};

export function toClientAccess(data: ClientAccessRow): ClientAccess {
  const isPm = Boolean(data.is_pm);
  return {
    client: { id: data.id, slug: data.slug, name: data.name },
    isPm,
    isStaff: Boolean(data.is_staff),
    isAdmin: Boolean(data.is_admin),
    isContact: Boolean(data.is_contact),
    staffRole: data.staff_role,
    contactRole: data.contact_role,
    may: { editPlan: isPm, manageTeam: isPm || Boolean(data.is_creator), editSettings: isPm, editRequirements: isPm },
  };
}
