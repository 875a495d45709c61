// Who is signed in: the guard every route starts with, and the one-round-trip
// lookup behind it. Infrastructure for routes; it imports nothing from app/domain.
import type { AppLoadContext } from "@remix-run/node";
import type { QueryData } from "@supabase/supabase-js";
import { requireUser, signOut } from "./auth/sign-in.server";
import type { Database } from "./database.types";
import { createUserClient, type Db } from "./supabase.server";

export type Viewer = {
  id: string;
  email: string;
  fullName: string;
  isStaff: boolean;
  isAdmin: boolean;
  clients: { slug: string; name: string; role: string }[];
};

/** How long a session lasts, whatever the cookie says. */
export const SESSION_HOURS = 12;

/**
 * The rows behind the viewer, in the shape of this embedded select: the
 * current_viewer function (migration 20261201002520, ADR 0016) returns the same
 * JSON for a fraction of PostgREST's CPU; tests/security/client-page.test.ts
 * compares the two.
 */
export const VIEWER_SELECT =
  "id, email, full_name, staff!staff_person_id_fkey(is_admin), client_contacts(role, clients(slug, name)), auth_sessions(created_at, revoked_at)";
const _viewerSelect = (db: Db) => db.from("people").select(VIEWER_SELECT).single();
type ViewerRow = QueryData<ReturnType<typeof _viewerSelect>>;

export async function readViewer(db: Db, personId: string, sessionId: string): Promise<ViewerRow | null> {
  const { data, error } = await db.rpc("current_viewer", { p_person_id: personId, p_session_id: sessionId });
  if (error) throw new Error(`Could not load the signed-in person: ${error.message}`);
  return (data as unknown as ViewerRow | null) ?? null;
}

/**
 * Who is signed in and what they belong to, in one PostgREST round trip (under
 * RLS), or null when the person or their session is gone: the session must
 * exist, be theirs, not be revoked (signed out) and be younger than SESSION_HOURS.
 */
export async function getViewer(db: Db, personId: string, sessionId: string, now = Date.now()): Promise<Viewer | null> {
  return toViewer(await readViewer(db, personId, sessionId), now);
}

/** The viewer from current_viewer's rows, or null when the session is missing, someone else's, revoked or too old. */
function toViewer(data: ViewerRow | null, now = Date.now()): Viewer | null {
  if (!data) return null;
  const session = data.auth_sessions[0];
  if (!session || session.revoked_at || now - Date.parse(session.created_at) > SESSION_HOURS * 3_600_000) return null;
  return {
    id: data.id,
    email: data.email,
    fullName: data.full_name,
    isStaff: Boolean(data.staff),
    isAdmin: Boolean(data.staff?.is_admin),
    clients: data.client_contacts.flatMap((c) => (c.clients ? [{ slug: c.clients.slug, name: c.clients.name, role: c.role }] : [])),
  };
}

export type Signedin = { viewer: Viewer; db: Db };

/** Guard: the signed-in person with a database client acting as them. */
export async function requireViewer(request: Request, _context?: AppLoadContext): Promise<Signedin> {
  const user = await requireUser(request);
  const db = await createUserClient(user);
  const viewer = user.sessionId ? await getViewer(db, user.id, user.sessionId) : null;
  if (!viewer) throw await endSession(request);
  return { viewer, db };
}

/** Signed out elsewhere, expired, or the person was removed: end this session, and come back here after signing in. */
async function endSession(request: Request) {
  const url = new URL(request.url);
  return signOut(request, { returnTo: url.pathname + url.search });
}

type Functions = Database["public"]["Functions"];
/** The main pages whose database call also checks the session (migration 20261202002100). */
export type SignedInPage = "signed_in_client_page" | "signed_in_requirement_page" | "signed_in_portfolio_page";
type PageArgs<F extends SignedInPage> = Omit<Functions[F]["Args"], "p_person_id" | "p_session_id" | "p_session_hours">;

/**
 * The guard and a main page's call in one PostgREST round trip: `rpc` answers
 * {viewer, live, page}, and reads the page (for the client's page, records the visit)
 * only for the caller's own live session. The viewer is checked here exactly
 * as requireViewer checks it. `page` is null where the page's own function
 * gives null (a client the person cannot see, or that does not exist).
 */
export async function requireViewerWithPage<Page, F extends SignedInPage = SignedInPage>(
  request: Request,
  rpc: F,
  args: PageArgs<F>,
): Promise<Signedin & { page: Page | null }> {
  const user = await requireUser(request);
  if (!user.sessionId) throw await endSession(request);
  const db = await createUserClient(user);
  const session = { p_person_id: user.id, p_session_id: user.sessionId, p_session_hours: SESSION_HOURS };
  const { data, error } = await db.rpc(rpc, { ...session, ...args } as Functions[F]["Args"]);
  if (error) throw new Error(`Could not load the page: ${error.message}`);
  const answer = data as unknown as { viewer: ViewerRow | null; live: boolean; page: Page | null };
  // Either rule saying no (the database's clock and the app's may differ by a moment) ends the session.
  const viewer = answer.live ? toViewer(answer.viewer) : null;
  if (!viewer) throw await endSession(request);
  return { viewer, db, page: answer.page };
}

export async function requireStaff(request: Request): Promise<Signedin> {
  const signedIn = await requireViewer(request);
  assertStaff(signedIn.viewer);
  return signedIn;
}

/** A staff page's second half of the guard, after requireViewer or requireViewerWithPage. */
export function assertStaff(viewer: Viewer): void {
  if (!viewer.isStaff) throw new Response("This page is for staff.", { status: 403 });
}
