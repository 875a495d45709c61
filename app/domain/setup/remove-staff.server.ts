import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";

/** Takes a staff member off the client's team. The last project manager stays: a client always has one. */
export async function removeStaff(db: Db, access: ClientAccess, personId: string): Promise<Result<{ fullName: string }>> {
  const { data: team, error: teamError } = await db
    .from("client_staff")
    .select("person_id, role, people(full_name)")
    .eq("client_id", access.client.id);
  if (teamError) throw new Error(`Could not load the team: ${teamError.message}`);
  const member = team.find((m) => m.person_id === personId);
  if (!member) return fail("invalid", "That person is not on the team (any more).");
  const fullName = member.people?.full_name ?? "";
  if (member.role === "project_manager" && team.filter((m) => m.role === "project_manager").length === 1) {
    return fail("invalid", `${fullName} is the only project manager. Add another project manager before removing them.`);
  }
  const { error, count } = await db
    .from("client_staff")
    .delete({ count: "exact" })
    .eq("client_id", access.client.id)
    .eq("person_id", personId);
  if (error) throw new Error(`Could not remove the team member: ${error.message}`);
  if (!count) return fail("forbidden", "Only the client's project manager can change its team.");
  return ok({ fullName });
}
