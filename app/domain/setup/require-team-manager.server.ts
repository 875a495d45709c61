import type { Db } from "~/lib/supabase.server";
import { getClientTeam, type ClientTeam } from "./get-client-team.server";

/** The client's team when this person may change it; otherwise a thrown 404 (not theirs) or 403 (read-only). */
export async function requireTeamManager(
  db: Db,
  viewer: { id: string; isAdmin: boolean },
  slug: string,
): Promise<ClientTeam> {
  const team = await getClientTeam(db, viewer, slug);
  if (!team) throw new Response("The page does not exist, or you do not have access to it.", { status: 404 });
  if (!team.canManage) {
    throw new Response("Only the client's project manager (or an admin) can change its team and contacts.", {
      status: 403,
    });
  }
  return team;
}
