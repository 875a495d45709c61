import type { Db } from "~/lib/supabase.server";
import { requireTeamManager } from "./require-team-manager.server";
import { staffRoleLabel, type AssignStaffInput, type FieldErrors } from "./schema";

export type AssignStaffResult = { ok: true; fullName: string } | { ok: false; fieldErrors: FieldErrors };

/** Adds a staff member to the client's team with a role (the PM or an admin; RLS decides too). */
export async function assignStaff(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  slug: string,
  input: Omit<AssignStaffInput, "intent">,
): Promise<AssignStaffResult> {
  const { client, team, staffOptions } = await requireTeamManager(db, viewer, slug);
  const member = team.find((m) => m.id === input.personId);
  if (member) {
    return {
      ok: false,
      fieldErrors: {
        personId: [
          `${member.fullName} is already on the team as ${staffRoleLabel(member.role).toLowerCase()}. Remove them first to change their role.`,
        ],
      },
    };
  }
  const person = staffOptions.find((s) => s.id === input.personId);
  if (!person) return { ok: false, fieldErrors: { personId: ["Choose a staff member from the list."] } };

  const { error } = await db.from("client_staff").insert({
    client_id: client.id,
    person_id: input.personId,
    role: input.role,
    responsibilities: input.responsibilities ?? null,
  });
  if (error) {
    if (error.code === "23505")
      return { ok: false, fieldErrors: { personId: [`${person.fullName} is already on the team.`] } };
    if (error.code === "23503")
      return { ok: false, fieldErrors: { personId: ["Choose a staff member from the list."] } };
    if (error.code === "42501")
      throw new Response("Only the client's project manager can change its team.", { status: 403 });
    throw new Error(`Could not add the team member: ${error.message}`);
  }
  return { ok: true, fullName: person.fullName };
}
