import type { AppLoadContext } from "@remix-run/node";
import { getViewer, type Viewer } from "~/domain/people/get-viewer.server";
import { requireUser, signOut } from "./auth/sign-in.server";
import { createUserClient, type Db } from "./supabase.server";

export type Signedin = { viewer: Viewer; db: Db };

/** Guard: the signed-in person with a database client acting as them. */
export async function requireViewer(request: Request, _context?: AppLoadContext): Promise<Signedin> {
  const user = await requireUser(request);
  const db = await createUserClient(user);
  const viewer = user.sessionId ? await getViewer(db, user.id, user.sessionId) : null;
  // Signed out elsewhere, expired, or the person was removed: end this session.
  if (!viewer) {
    const url = new URL(request.url);
    throw await signOut(request, { returnTo: url.pathname + url.search });
  }
  return { viewer, db };
}

export async function requireStaff(request: Request): Promise<Signedin> {
  const signedIn = await requireViewer(request);
  if (!signedIn.viewer.isStaff) throw new Response("This page is for staff.", { status: 403 });
  return signedIn;
}
