import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import { listStaff, type StaffOption } from "./list-staff.server";
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

/** A client's team and contacts for the staff team page (see requireClient), or null when it is gone (RLS). */
export async function getClientTeam(db: Db, access: ClientAccess): Promise<ClientTeam | null> {
  const [{ data, error }, staff] = await Promise.all([
    db
      .from("clients")
      .select(
        `id, slug, name, primary_color, accent_color,
         client_staff(role, responsibilities, people(id, full_name, email, title)),
         client_contacts(role, people(id, full_name, email, title, phone))`,
      )
      .eq("id", access.client.id)
      .maybeSingle(),
    access.may.manageTeam ? listStaff(db) : Promise.resolve([]),
  ]);
  if (error) throw new Error(`Could not load the client's team: ${error.message}`);
  if (!data) return null;

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
    staffOptions: canManage ? staff.filter((s) => !onTeam.has(s.id)) : [],
  };
}
