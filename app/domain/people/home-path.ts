import type { Viewer } from "~/lib/viewer.server";

/** Where a person lands after sign-in: staff on their client list, a contact on their client's page. */
export function homePath(viewer: Viewer): string {
  if (viewer.isStaff) return "/staff";
  if (viewer.clients.length === 1) return `/c/${viewer.clients[0]!.slug}`;
  return "/welcome";
}
