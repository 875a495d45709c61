// The attack matrix's shared state and vocabulary: the seeded world every
// case reads, the expected-outcome helpers and the shapes of a case. The cases
// live in one file per area beside this one; tests/security/rls-matrix.test.ts
// runs them.
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "~/lib/database.types";
import {
  ACTORS,
  addDays,
  deleteAuthEvents,
  deleteClients,
  deletePeople,
  deleteRows,
  disposeWorld,
  freshAuthEvent,
  PLAN_START,
  readRow,
  readRows,
  seedPortal,
  seedRequirements,
  seedRow,
  seedWorld,
  type Actor,
  type Outcome,
  type Portal,
  type Result,
  type Row,
  type StandardActor,
  type Table,
  type TenantRequirements,
  type World,
} from "../../support/attack";
import { uniq, type Db } from "../../support/stack";

/** The two tenants, unassigned staff and an admin, each with a signed-in client (tests/support/attack.ts). */
export let w: World;
/** The client portal's rows for both tenants (migration 20261125000200). */
export let p: Portal;
/** Each tenant's requirement document, version, approver and sign-off (migration 20261125000400). */
export let rq: { a: TenantRequirements; b: TenantRequirements };
/** One sign-in event for the select cases. */
export let authEventId: number | undefined;
/** One server-side session per signed-in actor, for the select cases. */
export const sessionIds: Record<string, string> = {};

/** Seeds what every case reads (the runner's beforeAll). */
export async function seedMatrix() {
  w = await seedWorld();
  p = await seedPortal(w);
  rq = await seedRequirements(w);
  authEventId = await freshAuthEvent();
  for (const [actor, person] of Object.entries(w.person)) {
    const row = await seedRow("auth_sessions", { person_id: person.id, user_agent: uniq("sec-session") });
    sessionIds[actor] = String(row.id);
    w.name(String(row.id), `session:${actor}`);
  }
}

/** Removes it again (the runner's afterAll). */
export async function disposeMatrix() {
  if (authEventId) await deleteAuthEvents(authEventId);
  if (w) await disposeWorld(w);
}

// ---------------------------------------------------------------- vocabulary

export const OK = "ok" satisfies Outcome;
export const NONE = "none" satisfies Outcome;
export const DENIED = "denied" satisfies Outcome;
export const SKIP = "skip" as const;

export type Spec = Partial<Record<Actor | "contactsA" | "others", Outcome | typeof SKIP>>;

/**
 * Expected outcome per actor. `contactsA` stands for A's viewer, approver and
 * decision maker; `others` for every standard actor not named. The service
 * role is tested only where named. SKIP leaves an actor out, with a reason in
 * the case (e.g. anon has no row of its own).
 */
export function outcomes(spec: Spec): [Actor, Outcome][] {
  const out: [Actor, Outcome][] = [];
  const pick = (actor: Actor) =>
    spec[actor] ??
    (actor === "viewerA" || actor === "approverA" || actor === "deciderA" ? spec.contactsA : undefined) ??
    (actor === "serviceRole" ? undefined : spec.others);
  for (const actor of [...ACTORS, "serviceRole"] as Actor[]) {
    const outcome = pick(actor);
    if (outcome === undefined && actor !== "serviceRole") throw new Error(`no expectation for ${actor}`);
    if (outcome !== undefined && outcome !== SKIP) out.push([actor, outcome]);
  }
  return out;
}

export const sorted = (xs: string[]) => [...xs].sort();
export const contactsOf = (t: "A" | "B") => [`viewer${t}`, `approver${t}`, `decider${t}`];
export const teamOf = (t: "A" | "B") => [`pm${t}`, `serviceTeam${t}`];
export const ALL_STAFF = [...teamOf("A"), ...teamOf("B"), "unassignedStaff", "admin"];
export const memberships = (t: "A" | "B", people: string[]) => people.map((p) => `${t}:${p}`);

// ---------------------------------------------------------------- select

export type Visibility = {
  table: Table;
  /** Reads the seeded rows of both tenants as this actor; returns their labels. */
  read: (db: Db) => Promise<{ labels: string[] | null; error: Result["error"] }>;
  /** The exact labels each actor sees, or DENIED. */
  sees: Partial<Record<Actor, string[] | typeof DENIED>> & Record<StandardActor, string[] | typeof DENIED>;
};

export const labelled = (rows: Record<string, string | number>[] | null, label: (row: Record<string, string | number>) => string) =>
  rows ? rows.map(label) : null;

export type PortalTable = "success_criteria" | "phases" | "milestones" | "client_tasks";

/** Reads the seeded portal rows of both tenants by id (other cases add and remove rows of their own). */
export async function readSeeded(db: Db, table: PortalTable, rows: (t: Portal["a"]) => Row[]) {
  const ids = [p.a, p.b].flatMap((t) => rows(t).map((r) => String(r.id)));
  const { data, error } = await db.from(table).select("id").in("id", ids);
  return { labels: labelled(data, (r) => w.label(String(r.id))), error };
}

/**
 * Who sees a client's timeline-like rows: its staff (and admins) everything,
 * its contacts only the rows that are not internal, anyone else nothing.
 * Labels are "<tenant>:<name>".
 */
export function internalAware(visible: string[], internal: string[]): Visibility["sees"] {
  const shown = (t: "A" | "B") => visible.map((x) => `${t}:${x}`);
  const all = (t: "A" | "B") => [...shown(t), ...internal.map((x) => `${t}:${x}`)];
  return {
    anon: DENIED,
    viewerA: shown("A"),
    approverA: shown("A"),
    deciderA: shown("A"),
    contactB: shown("B"),
    unassignedStaff: [],
    pmA: all("A"),
    serviceTeamA: all("A"),
    admin: [...all("A"), ...all("B")],
  };
}

/** The seeded requirement rows of both tenants, by kind. */
export const requirementIds = (kind: "document" | "version") => [rq.a, rq.b].map((t) => String(t[kind].id));

/** Rows of a client that its contacts and staff (and admins) all read: labels "<tenant>:<name>". */
export function clientWide(names: string[]): Visibility["sees"] {
  const of = (t: "A" | "B") => names.map((n) => `${t}:${n}`);
  return {
    anon: DENIED,
    viewerA: of("A"),
    approverA: of("A"),
    deciderA: of("A"),
    contactB: of("B"),
    unassignedStaff: [],
    pmA: of("A"),
    serviceTeamA: of("A"),
    admin: [...of("A"), ...of("B")],
  };
}

/** The seeded approver rows ("A:approverA", "B:approverB"), as clientWide sees them. */
export function approverRowsSeen(): Partial<Visibility["sees"]> {
  const a = ["A:approverA"];
  const b = ["B:approverB"];
  return { viewerA: a, approverA: a, deciderA: a, contactB: b, pmA: a, serviceTeamA: a, admin: [...a, ...b] };
}


// ---------------------------------------------------------------- insert, update, delete

export type Attempt = {
  /** The request under attack, made with the actor's client (update/delete ask for the affected rows). */
  act: (db: Db) => PromiseLike<Result>;
  /** Read back with the service role: did the change take effect? */
  landed: () => Promise<boolean>;
  /** Further assertions once it worked (what the database stamped, what the actor now sees). */
  afterOk?: (db: Db) => Promise<void>;
  cleanup?: () => Promise<unknown>;
};

export type Mutation = {
  table: Table;
  op: "insert" | "update" | "delete";
  what: string;
  expect: [Actor, Outcome][];
  /** Fresh rows for one attempt, so that no attempt depends on another. */
  arrange: (actor: Actor) => Promise<Attempt>;
};

export const phoneMarker = () => `+1 555 ${randomUUID().slice(0, 8)}`;
export const textMarker = (what: string) => `${what} ${randomUUID()}`;
export const randomColor = () => `#${randomUUID().replace(/-/g, "").slice(0, 6)}`;
export const signedIn = (actor: Actor) => {
  if (actor === "anon" || actor === "serviceRole") throw new Error(`${actor} is nobody`);
  return w.person[actor];
};

// ---------------------------------------------------------------- the client portal: vocabulary

export type Tenant = "A" | "B";
export const tenant = (t: Tenant) => (t === "A" ? w.a : w.b);
export const portalOf = (t: Tenant) => (t === "A" ? p.a : p.b);
/** Only the tenant's PM (or an admin) may add rows to it. */
export const pmInserts = (t: Tenant): Spec => (t === "A" ? { pmA: OK, admin: OK, others: DENIED } : { admin: OK, others: DENIED });
/** Only the tenant's PM (or an admin) may change or remove its rows; others see none to change. */
export const pmEdits = (t: Tenant): Spec =>
  t === "A" ? { pmA: OK, admin: OK, anon: DENIED, others: NONE } : { admin: OK, anon: DENIED, others: NONE };
/** A contact of A who is not this actor. */
export const otherContactOfA = (actor: Actor) => (actor === "viewerA" ? w.a.contacts.approver : w.a.contacts.viewer);
export const recently = (at: unknown) => typeof at === "string" && Math.abs(Date.now() - Date.parse(at)) < 60_000;

/** A client credited to this person as its creator (seeded), with a project manager already when given. */
export async function clientCreatedBy(personId: string, pm?: { id: string }): Promise<string> {
  const slug = uniq("sec-created").toLowerCase();
  const row = await seedRow("clients", { slug, name: `Client ${slug}`, created_by: personId });
  if (pm) await seedRow("client_staff", { client_id: row.id, person_id: pm.id, role: "project_manager", responsibilities: null });
  return String(row.id);
}

export const clientArgs = (slug: string, pmId: string) => ({
  p_slug: slug,
  p_name: `Client ${slug}`,
  p_primary_color: "#123456",
  p_accent_color: "#abcdef",
  p_welcome_text: "Welcome aboard.",
  p_go_live_date: addDays(PLAN_START, 60),
  p_service_takeover_date: addDays(PLAN_START, 90),
  p_project_manager: pmId,
});

/** Creates a client through the RPC as this actor, naming its project manager. */
export async function createClientAs(actor: Actor, pmId: string): Promise<string> {
  const { data, error } = await w.db[actor].rpc("create_client", clientArgs(uniq("sec-rpc").toLowerCase(), pmId));
  if (error || !data) throw new Error(`create_client as ${actor} failed: ${error?.message}`);
  return data;
}

// ---------------------------------------------------------------- requirements sign-off: vocabulary

/** Sign-off inserts name only the granted columns (or forge others): past the generated Insert type. */
export const untyped = (db: Db) => db as unknown as SupabaseClient;

/** Did the row change in any column, or vanish, since it was read as `before`? */
export async function rowChanged(table: Table, id: string | number, before: Row): Promise<boolean> {
  const now = await readRow(table, { id });
  return JSON.stringify(now) !== JSON.stringify(before);
}

/** Who an actor signs as: themselves, or (anon, the service role) A's approver's name. */
export const signerFor = (actor: Actor) => (actor === "anon" || actor === "serviceRole" ? w.a.contacts.approver : signedIn(actor));

/** Removes a phase or milestone with the slip-log rows written about it. */
export async function dropPlanItem(table: "phases" | "milestones", id: string) {
  await deleteRows("date_changes", table === "phases" ? "phase_id" : "milestone_id", id);
  await deleteRows(table, "id", id);
}

// ---------------------------------------------------------------- functions (/rpc)

export type RpcName = keyof Database["public"]["Functions"];

export type RpcCase = {
  fn: RpcName;
  what: string;
  expect: [Actor, Outcome][];
  /** Fresh state for one call; act calls the function with supabase-js .rpc(). */
  arrange: (actor: Actor) => Promise<Attempt>;
};

/** A's (or B's) phase ids as the service role reads them. */
export const phaseIds = async (clientId: string) => (await readRows("phases", { client_id: clientId })).map((r) => String(r.id));

export async function deleteClientBySlug(slug: string) {
  const row = await readRow("clients", { slug });
  if (row) await deleteClients(String(row.id));
}

export async function deletePersonByEmail(email: string) {
  const row = await readRow("people", { email });
  if (row) await deletePeople(String(row.id));
}
