import { getClientPortal, type ClientPortal } from "~/domain/portal/get-client-portal.server";
import type { Db } from "~/lib/supabase.server";
import { newSince, type NewSince } from "./new-since";
import { recordClientVisit } from "./record-client-visit.server";

/**
 * The client's page as the signed-in person opens it: the page's one read and
 * the visit's one write, side by side; what is new is measured from the visit
 * before this one.
 */
export async function openClientPortal(db: Db, slug: string): Promise<{ portal: ClientPortal; newSince: NewSince } | null> {
  const [portal, previousVisit] = await Promise.all([getClientPortal(db, slug), recordClientVisit(db, slug)]);
  if (!portal) return null;
  return { portal, newSince: newSince(portal, previousVisit) };
}
