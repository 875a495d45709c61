import type { Db } from "~/lib/supabase.server";
import { requireTeamManager } from "./require-team-manager.server";

export type RemoveStaffResult = { ok: true; fullName: string } | { ok: false; formError: string };

/** Takes a staff member off the client's team. The last project manager stays: a client always has one. */
export async function removeStaff(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  slug: string,
  personId: string,
): Promise<RemoveStaffResult> {
  const { client, team } = await requireTeamManager(db, viewer, slug);
  const member = team.find((m) => m.id === personId);
  if (!member) return { ok: false, formError: "That person is not on the team (any more)." };
  if (member.role === "project_manager" && team.filter((m) => m.role === "project_manager").length === 1) {
    return {
      ok: false,
      formError: `${member.fullName} is the only project manager. Add another project manager before removing them.`,
    };
  }
  const { error, count } = await db
    .from("client_staff")
    .delete({ count: "exact" })
    .eq("client_id", client.id)
    .eq("person_id", personId);
  if (error) throw new Error(`Could not remove the team member: ${error.message}`);
  if (!count) throw new Response("Only the client's project manager can change its team.", { status: 403 });
  return { ok: true, fullName: member.fullName };
}
