import { readClientPage, toClientPortal, type ClientPageRows, type ClientPortal } from "~/domain/portal/get-client-portal.server";
import { toContactPulse, type ContactPulse } from "~/domain/pulse/pulse.server";
import type { Db } from "~/lib/supabase.server";
import { newSince, type NewSince } from "./new-since";

/**
 * The client's page as the signed-in person opens it, in one round trip: the
 * page's rows, the visit's write, and the person's own pulse section; what is
 * new is measured from the visit before this one.
 */
export async function openClientPortal(
  db: Db,
  slug: string,
  now = new Date(),
): Promise<{ portal: ClientPortal; newSince: NewSince; pulse: ContactPulse } | null> {
  const page = await readClientPage(db, slug, { open: true });
  return page ? toOpenedPortal(page, now) : null;
}

/**
 * The page as opened, from client_page's rows (read with the visit recorded):
 * here, or together with the session check (requireViewerWithPage).
 */
export function toOpenedPortal(page: ClientPageRows, now = new Date()): { portal: ClientPortal; newSince: NewSince; pulse: ContactPulse } {
  const portal = toClientPortal(page.client, now);
  return { portal, newSince: newSince(portal, page.previous_visit), pulse: toContactPulse(page) };
}
