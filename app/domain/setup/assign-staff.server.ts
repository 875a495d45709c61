import { fail, invalid, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import { staffRoleLabel, type AssignStaffInput } from "./schema";

/**
 * Adds a staff member to the client's team with a role (the PM or an admin: the
 * route's requireClient(…, "manageTeam"), and RLS decides too). One insert; the
 * database refuses someone already on the team (23505) or who is not staff (23503).
 */
export async function assignStaff(db: Db, access: ClientAccess, input: Omit<AssignStaffInput, "intent">): Promise<Result<{ fullName: string }>> {
  const { data, error } = await db
    .from("client_staff")
    .insert({ client_id: access.client.id, person_id: input.personId, role: input.role, responsibilities: input.responsibilities ?? null })
    .select("people(full_name)")
    .single();
  if (error) {
    if (error.code === "23505") {
      const { data: member } = await db
        .from("client_staff")
        .select("role, people(full_name)")
        .eq("client_id", access.client.id)
        .eq("person_id", input.personId)
        .maybeSingle();
      const name = member?.people?.full_name ?? "That person";
      const as = member ? ` as ${staffRoleLabel(member.role).toLowerCase()}` : "";
      return invalid("personId", `${name} is already on the team${as}. Remove them first to change their role.`);
    }
    if (error.code === "23503") return invalid("personId", "Choose a staff member from the list.");
    if (error.code === "42501") return fail("forbidden", "Only the client's project manager can change its team.");
    throw new Error(`Could not add the team member: ${error.message}`);
  }
  return ok({ fullName: data.people?.full_name ?? "" });
}
