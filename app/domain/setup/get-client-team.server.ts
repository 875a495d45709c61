import type { QueryData } from "@supabase/supabase-js";
import type { Db } from "~/lib/supabase.server";
import { toClientAccess, type ClientAccessRow } from "../clients/require-client.server";
import { toStaffOptions, type StaffOption, type StaffRows } from "./list-staff.server";
import type { ContactRole, StaffRole } from "./schema";

export type TeamMember = {
  id: string;
  fullName: string;
  email: string;
  title: string | null;
  role: StaffRole;
  responsibilities: string | null;
};
export type Contact = {
  id: string;
  fullName: string;
  email: string;
  title: string | null;
  phone: string | null;
  role: ContactRole;
};

export type ClientTeam = {
  client: { id: string; slug: string; name: string; primaryColor: string; accentColor: string };
  team: TeamMember[];
  contacts: Contact[];
  /** The project manager or an admin (or the creator, while there is no PM): requireClient's manageTeam. RLS agrees. */
  canManage: boolean;
  /** Staff who could be added (not on the team yet); empty unless canManage. */
  staffOptions: StaffOption[];
};

const ROLE_ORDER: StaffRole[] = ["project_manager", "service_team", "relationship_manager", "sales"];

/**
 * The team page's rows, in the shape of these selects: the client_team_page
 * function (migration 20261202001030, ADR 0016) returns the same JSON (and
 * every staff member as STAFF_SELECT gives them), plus the caller's
 * client_access row, in one call; tests/security/staff-pages.test.ts compares them.
 */
export const TEAM_SELECT = `id, slug, name, primary_color, accent_color,
  client_staff(role, responsibilities, people(id, full_name, email, title)),
  client_contacts(role, people(id, full_name, email, title, phone))`;
const _teamSelect = (db: Db) => db.from("clients").select(TEAM_SELECT).single();
type TeamRow = QueryData<ReturnType<typeof _teamSelect>>;

export type TeamPageRows = { client: TeamRow; access: ClientAccessRow; staff: StaffRows };

/** The team page's rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readClientTeam(db: Db, slug: string): Promise<TeamPageRows | null> {
  const { data, error } = await db.rpc("client_team_page", { p_slug: slug });
  if (error) throw new Error(`Could not load the client's team: ${error.message}`);
  return (data as unknown as TeamPageRows | null) ?? null;
}

/** A client's team and contacts for the staff team page, or null when it does not exist or this person may not see it (RLS): one round trip, guard included. */
export async function getClientTeam(db: Db, slug: string): Promise<ClientTeam | null> {
  const page = await readClientTeam(db, slug);
  if (!page?.client || !page.access) return null;
  const data = page.client;
  const access = toClientAccess(page.access);
  const team: TeamMember[] = data.client_staff
    .flatMap((s) =>
      s.people
        ? [
            {
              id: s.people.id,
              fullName: s.people.full_name,
              email: s.people.email,
              title: s.people.title,
              role: s.role,
              responsibilities: s.responsibilities,
            },
          ]
        : [],
    )
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.fullName.localeCompare(b.fullName));
  const contacts: Contact[] = data.client_contacts
    .flatMap((c) =>
      c.people
        ? [
            {
              id: c.people.id,
              fullName: c.people.full_name,
              email: c.people.email,
              title: c.people.title,
              phone: c.people.phone,
              role: c.role,
            },
          ]
        : [],
    )
    .sort((a, b) => a.fullName.localeCompare(b.fullName));

  const canManage = access.may.manageTeam;
  const onTeam = new Set(team.map((m) => m.id));

  return {
    client: {
      id: data.id,
      slug: data.slug,
      name: data.name,
      primaryColor: data.primary_color,
      accentColor: data.accent_color,
    },
    team,
    contacts,
    canManage,
    // The function returns every staff member this person may read (RLS); only those who manage the team are offered them.
    staffOptions: canManage ? toStaffOptions(page.staff).filter((s) => !onTeam.has(s.id)) : [],
  };
}
