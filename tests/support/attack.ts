// Helpers for the security suite (tests/security): a world of two tenants with
// every kind of actor holding a real JWT, throwaway rows to attack, read-backs
// through the service role, and raw requests with hand-made tokens.
import { randomUUID } from "node:crypto";
import type { PostgrestError, SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import type { Database } from "~/lib/database.types";
import { asAnon, asPerson, serviceDb, stackEnv, uniq, type Db } from "./stack";
import { assignStaff, seedPerson, seedStaff, seedTenant, type SeededPerson, type Tenant } from "./tenants";

export type Table = keyof Database["public"]["Tables"];
type ContactRole = Database["public"]["Enums"]["contact_role"];
type StaffRole = Database["public"]["Enums"]["staff_role"];

// ---------------------------------------------------------------- actors

/** Everyone who attacks every table. Tenant A is the target; B is the neighbour. */
export const ACTORS = [
  "anon",
  "viewerA",
  "approverA",
  "deciderA",
  "contactB",
  "unassignedStaff",
  "pmA",
  "serviceTeamA",
  "admin",
] as const;
export type StandardActor = (typeof ACTORS)[number];
/** The service role is an actor only where it is the one allowed (auth_events). */
export type Actor = StandardActor | "serviceRole";

export type World = {
  a: Tenant;
  b: Tenant;
  unassignedStaff: SeededPerson;
  admin: SeededPerson;
  /** The person behind each signed-in actor. */
  person: Record<Exclude<Actor, "anon" | "serviceRole">, SeededPerson>;
  db: Record<Actor, Db>;
  /** Readable names for the seeded people ("pmA", "deciderB"...) and clients ("A", "B"). */
  label: (id: string) => string;
};

/** Two tenants, staff on no client and an admin, with a supabase-js client per actor. */
export async function seedWorld(): Promise<World> {
  const [a, b, unassignedStaff, admin] = await Promise.all([
    seedTenant("sec-a"),
    seedTenant("sec-b"),
    seedStaff("sec-unassigned"),
    seedStaff("sec-admin", { isAdmin: true }),
  ]);
  const person = {
    viewerA: a.contacts.viewer,
    approverA: a.contacts.approver,
    deciderA: a.contacts.decision_maker,
    contactB: b.contacts.viewer,
    unassignedStaff,
    pmA: a.pm,
    serviceTeamA: a.serviceTeam,
    admin,
  };
  const db = { anon: asAnon(), serviceRole: serviceDb() } as Record<Actor, Db>;
  for (const [actor, p] of Object.entries(person)) db[actor as Actor] = await asPerson(p.id);

  const labels = new Map<string, string>([
    [a.client.id, "A"],
    [b.client.id, "B"],
    [unassignedStaff.id, "unassignedStaff"],
    [admin.id, "admin"],
  ]);
  for (const [t, name] of [
    [a, "A"],
    [b, "B"],
  ] as const) {
    labels.set(t.contacts.viewer.id, `viewer${name}`);
    labels.set(t.contacts.approver.id, `approver${name}`);
    labels.set(t.contacts.decision_maker.id, `decider${name}`);
    labels.set(t.pm.id, `pm${name}`);
    labels.set(t.serviceTeam.id, `serviceTeam${name}`);
  }
  return { a, b, unassignedStaff, admin, person, db, label: (id) => labels.get(id) ?? `unknown:${id}` };
}

/** Removes the world (memberships go with their client or person). */
export async function disposeWorld(w: World) {
  await deleteClients(w.a.client.id, w.b.client.id);
  await deletePeople(
    ...[w.a, w.b].flatMap((t) => [...Object.values(t.contacts), t.pm, t.serviceTeam].map((p) => p.id)),
    w.unassignedStaff.id,
    w.admin.id,
  );
}

// ---------------------------------------------------------------- outcomes

/**
 * What an attempt must end in, in PostgREST terms:
 *   ok      it worked: no error, one row affected (update/delete), and the service role reads the change;
 *   none    RLS hid the row: no error, zero rows affected, nothing changed;
 *   denied  SQLSTATE 42501 (no grant, or an insert/update failing WITH CHECK), nothing changed;
 *   {error} any other SQLSTATE (a trigger or constraint), nothing changed.
 */
export type Outcome = "ok" | "none" | "denied" | { error: string };

export const describeOutcome = (o: Outcome) => (typeof o === "string" ? o : `error ${o.error}`);

export type Result = { data: unknown; error: PostgrestError | null };

// ---------------------------------------------------------------- throwaway rows

/** The service role without table types, for read-backs over any table. */
const untyped = () => serviceDb() as unknown as SupabaseClient;

type Match = Record<string, string | number | boolean>;

export async function rowExists(table: Table, match: Match): Promise<boolean> {
  const { count, error } = await untyped().from(table).select("*", { count: "exact", head: true }).match(match);
  if (error) throw new Error(`read-back of ${table} failed: ${error.message}`);
  return (count ?? 0) > 0;
}

export async function readRow(table: Table, match: Match): Promise<Record<string, unknown> | null> {
  const { data, error } = await untyped().from(table).select("*").match(match).maybeSingle();
  if (error) throw new Error(`read-back of ${table} failed: ${error.message}`);
  return data as Record<string, unknown> | null;
}

export async function restoreRow(table: Table, match: Match, values: Record<string, unknown>) {
  const { error } = await untyped().from(table).update(values).match(match);
  if (error) throw new Error(`restoring ${table} failed: ${error.message}`);
}

export async function deletePeople(...ids: string[]) {
  const { error } = await serviceDb().from("people").delete().in("id", ids);
  if (error) throw new Error(`cleanup of people failed: ${error.message}`);
}

export async function deleteClients(...ids: string[]) {
  const { error } = await serviceDb().from("clients").delete().in("id", ids);
  if (error) throw new Error(`cleanup of clients failed: ${error.message}`);
}

/** A person who is nobody's contact and not staff. */
export const freshPerson = (label = "sec-fresh") => seedPerson(label);

/** A new contact of this client. */
export async function freshContact(clientId: string, role: ContactRole = "viewer"): Promise<SeededPerson> {
  const person = await seedPerson("sec-contact");
  const { error } = await serviceDb().from("client_contacts").insert({ client_id: clientId, person_id: person.id, role });
  if (error) throw new Error(`seed failed: ${error.message}`);
  return person;
}

/** A new (non-admin) staff member, assigned to a client when asked. */
export async function freshStaff(assign?: { clientId: string; role: StaffRole }): Promise<SeededPerson> {
  const person = await seedStaff("sec-staff");
  if (assign) await assignStaff(assign.clientId, person, assign.role);
  return person;
}

/** A new client run by these staff, with these contacts. */
export async function freshClient(
  team: { staff?: [SeededPerson, StaffRole][]; contacts?: [SeededPerson, ContactRole][] } = {},
): Promise<{ id: string; slug: string }> {
  const slug = uniq("sec-client").toLowerCase();
  const { data, error } = await serviceDb().from("clients").insert({ slug, name: `Client ${slug}` }).select("id").single();
  if (error || !data) throw new Error(`seed failed: ${error?.message}`);
  for (const [person, role] of team.staff ?? []) await assignStaff(data.id, person, role);
  for (const [person, role] of team.contacts ?? []) {
    const { error: e } = await serviceDb().from("client_contacts").insert({ client_id: data.id, person_id: person.id, role });
    if (e) throw new Error(`seed failed: ${e.message}`);
  }
  return { id: data.id, slug };
}

/** A sign-in bookkeeping row, as the sign-in job writes it. */
export async function freshAuthEvent(): Promise<number> {
  const { data, error } = await serviceDb()
    .from("auth_events")
    .insert({ kind: "code_requested", email: `${uniq("sec-event")}@test.example`, ip: "203.0.113.7" })
    .select("id")
    .single();
  if (error || !data) throw new Error(`seed failed: ${error?.message}`);
  return data.id;
}

export async function deleteAuthEvents(...ids: number[]) {
  const { error } = await serviceDb().from("auth_events").delete().in("id", ids);
  if (error) throw new Error(`cleanup of auth_events failed: ${error.message}`);
}

// ---------------------------------------------------------------- raw tokens and requests

/**
 * Signs exactly these claims (HS256), adding nothing: unlike tokenFor() in
 * stack.ts, which always sets a fresh `exp`, so it cannot make an expired token.
 */
export async function signToken(claims: Record<string, unknown>, secret = stackEnv.jwtSecret): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));
}

/** An unsigned token (`alg: none`), the classic signature bypass. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A secret of the right shape that is not the stack's. */
export const wrongSecret = () => randomUUID().replace(/-/g, "") + randomUUID().replace(/-/g, "");

/** A plain fetch to PostgREST through the gateway, with exactly the headers given. */
export async function rest(
  pathAndQuery: string,
  { apikey, token }: { apikey?: string; token?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (apikey !== undefined) headers.apikey = apikey;
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${stackEnv.url}/rest/v1${pathAndQuery}`, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}
