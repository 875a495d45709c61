// Helpers for the security suite (tests/security): a world of two tenants with
// every kind of actor holding a real JWT, throwaway rows to attack, read-backs
// through the service role, and raw requests with hand-made tokens.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { PostgrestError, SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import pg from "pg";
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
  /** Gives a seeded row a readable name for label() (seedPortal names its rows here). */
  name: (id: string | number, label: string) => void;
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
  return {
    a,
    b,
    unassignedStaff,
    admin,
    person,
    db,
    label: (id) => labels.get(String(id)) ?? `unknown:${id}`,
    name: (id, label) => void labels.set(String(id), label),
  };
}

/** Removes the world (memberships, timelines, tasks and feeds go with their client or person). */
export async function disposeWorld(w: World) {
  const people = [
    ...[w.a, w.b].flatMap((t) => [...Object.values(t.contacts), t.pm, t.serviceTeam].map((p) => p.id)),
    w.unassignedStaff.id,
    w.admin.id,
  ];
  // Templates outlive their author (created_by is set null): remove the world's own.
  const { error } = await serviceDb().from("timeline_templates").delete().in("created_by", people).eq("is_builtin", false);
  if (error) throw new Error(`cleanup of timeline_templates failed: ${error.message}`);
  // Sign-offs and published versions refuse DELETE for every role, and they hold
  // on to the client (cascade), the signer (restrict) and the publisher (set null).
  await purgeRequirementHistory({ clientIds: [w.a.client.id, w.b.client.id] });
  await deleteClients(w.a.client.id, w.b.client.id);
  await deletePeople(...people);
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

export type Result = { data: unknown; error: PostgrestError | null; status?: number };

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

export async function readRows(table: Table, match: Match): Promise<Record<string, unknown>[]> {
  const { data, error } = await untyped().from(table).select("*").match(match);
  if (error) throw new Error(`read-back of ${table} failed: ${error.message}`);
  return data as Record<string, unknown>[];
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
  const { data, error } = await serviceDb()
    .from("clients")
    .insert({ slug, name: `Client ${slug}` })
    .select("id")
    .single();
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

// ---------------------------------------------------------------- the client portal (migration 20261125000200)

export type Row = Record<string, unknown>;
/** Everyone who signs in (has a person). */
export type SignedInActor = keyof World["person"];

/** Inserts one row as the service role (every column explicit) and returns it. */
export async function seedRow(table: Table, row: Row): Promise<Row> {
  const { data, error } = await untyped().from(table).insert(row).select("*").single();
  if (error || !data) throw new Error(`seed of ${table} failed: ${error?.message}`);
  return data as Row;
}

export async function deleteRows(table: Table, column: string, ...values: (string | number)[]) {
  const { error } = await untyped().from(table).delete().in(column, values);
  if (error) throw new Error(`cleanup of ${table} failed: ${error.message}`);
}

/** A yyyy-mm-dd date this many days after another. */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Where seeded timelines start. */
export const PLAN_START = "2027-03-01";

export async function freshPhase(clientId: string, { isInternal = false, name = uniq("Phase") } = {}): Promise<Row> {
  return seedRow("phases", {
    client_id: clientId,
    name,
    position: 0,
    planned_start: PLAN_START,
    planned_end: addDays(PLAN_START, 27),
    is_internal: isInternal,
  });
}

export async function freshMilestone(
  clientId: string,
  phaseId: string,
  { isInternal = false, title = uniq("Milestone") } = {},
): Promise<Row> {
  return seedRow("milestones", {
    client_id: clientId,
    phase_id: phaseId,
    title,
    planned_date: addDays(PLAN_START, 10),
    is_internal: isInternal,
  });
}

export async function freshCriterion(clientId: string, { isInternal = false } = {}): Promise<Row> {
  return seedRow("success_criteria", {
    client_id: clientId,
    statement: uniq("Payroll runs on time"),
    measure: "every run",
    is_internal: isInternal,
  });
}

export async function freshTask(
  clientId: string,
  { ownerId = null as string | null, status = "open" as "open" | "done", milestoneId = null as string | null } = {},
): Promise<Row> {
  return seedRow("client_tasks", {
    client_id: clientId,
    title: uniq("Send the census file"),
    description: "The current census, as CSV.",
    due_date: addDays(PLAN_START, 5),
    owner_id: ownerId,
    milestone_id: milestoneId,
    status,
  });
}

/** A token hash of the right shape (the SHA-256 of 32 random bytes, as the app stores it). */
export const feedTokenHash = () => createHash("sha256").update(randomBytes(32)).digest("hex");

export async function freshFeed(personId: string, clientId: string, { revoked = false } = {}): Promise<Row> {
  return seedRow("calendar_feeds", {
    person_id: personId,
    client_id: clientId,
    token_hash: feedTokenHash(),
    revoked_at: revoked ? new Date(Date.now() - 60_000).toISOString() : null,
  });
}

/** A 1x1 PNG. */
export const LOGO_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

export async function freshLogo(clientId: string): Promise<Row> {
  return seedRow("client_logos", { client_id: clientId, content_type: "image/png", data_base64: LOGO_PNG });
}

/** Two phases and three milestones, in the shape the migration documents. */
export const TEMPLATE_PHASES = [
  { name: "Setup", start_offset_days: 0, duration_days: 7, milestones: [{ title: "Kick-off", offset_days: 1 }] },
  {
    name: "Go-live",
    start_offset_days: 7,
    duration_days: 7,
    milestones: [
      { title: "Go-live", offset_days: 0 },
      { title: "Handover", offset_days: 6 },
    ],
  },
];

export async function freshTemplate({ createdBy, isBuiltin = false }: { createdBy: string | null; isBuiltin?: boolean }) {
  return seedRow("timeline_templates", {
    name: uniq("sec-template"),
    description: "A template to attack.",
    phases: TEMPLATE_PHASES,
    is_builtin: isBuiltin,
    created_by: createdBy,
  });
}

/** A built-in template the migration ships. */
export async function builtinTemplate(name = "Quick start (4 weeks)"): Promise<Row> {
  const row = await readRow("timeline_templates", { name, is_builtin: true });
  if (!row) throw new Error(`the built-in template "${name}" is missing`);
  return row;
}

/**
 * Moves a planned date as the service role, with a reason and a side, so that
 * the trigger writes the slip log; returns the ids of the log rows it wrote.
 */
export async function slip(table: "phases" | "milestones", id: string, values: Row): Promise<number[]> {
  const { error } = await untyped()
    .from(table)
    .update({ ...values, change_reason: "Seeded slip for the security suite", change_side: "client" })
    .eq("id", id);
  if (error) throw new Error(`slipping ${table} failed: ${error.message}`);
  const logs = await readRows("date_changes", table === "phases" ? { phase_id: id } : { milestone_id: id });
  return logs.map((r) => Number(r.id));
}

export type TenantPortal = {
  criteria: { visible: Row; internal: Row };
  phases: { visible: Row; internal: Row };
  /** inInternalPhase is not internal itself, but its phase is. */
  milestones: { visible: Row; internal: Row; inInternalPhase: Row };
  /** One slip-log row per slipped item, written by the trigger. */
  dateChanges: Record<"milestone" | "internalMilestone" | "milestoneInInternalPhase" | "phase" | "internalPhase", number>;
  task: Row;
  logo: Row;
};

export type Portal = {
  a: TenantPortal;
  b: TenantPortal;
  /** One feed per signed-in actor: on B for contactB and admin, on A for everyone else. */
  feeds: Record<SignedInActor, Row>;
  templates: { builtin: Row; custom: Row };
};

async function seedTenantPortal(w: World, t: "A" | "B"): Promise<TenantPortal> {
  const tenant = t === "A" ? w.a : w.b;
  const clientId = tenant.client.id;
  const criteria = {
    visible: await freshCriterion(clientId),
    internal: await freshCriterion(clientId, { isInternal: true }),
  };
  const phases = {
    visible: await freshPhase(clientId, { name: `${t} visible phase` }),
    internal: await freshPhase(clientId, { isInternal: true, name: `${t} internal phase` }),
  };
  const milestones = {
    visible: await freshMilestone(clientId, String(phases.visible.id)),
    internal: await freshMilestone(clientId, String(phases.visible.id), { isInternal: true }),
    inInternalPhase: await freshMilestone(clientId, String(phases.internal.id)),
  };
  const moved = { planned_date: addDays(PLAN_START, 12) };
  const dateChanges = {
    milestone: (await slip("milestones", String(milestones.visible.id), moved))[0],
    internalMilestone: (await slip("milestones", String(milestones.internal.id), moved))[0],
    milestoneInInternalPhase: (await slip("milestones", String(milestones.inInternalPhase.id), moved))[0],
    phase: (await slip("phases", String(phases.visible.id), { planned_end: addDays(PLAN_START, 30) }))[0],
    internalPhase: (await slip("phases", String(phases.internal.id), { planned_end: addDays(PLAN_START, 30) }))[0],
  };
  const task = await freshTask(clientId, { ownerId: tenant.contacts.viewer.id });
  const logo = await freshLogo(clientId);

  for (const [kind, rows] of Object.entries({ criteria, phases, milestones })) {
    for (const [name, row] of Object.entries(rows as Record<string, Row>)) {
      if (!row.id) throw new Error(`seed of ${kind} ${name} has no id`);
      w.name(String(row.id), `${t}:${name}`);
    }
  }
  for (const [name, id] of Object.entries(dateChanges)) {
    if (id === undefined) throw new Error(`the trigger wrote no slip-log row for ${t}:${name}`);
    w.name(id, `${t}:${name}`);
  }
  w.name(String(task.id), `${t}:task`);
  return { criteria, phases, milestones, dateChanges, task, logo };
}

/** Each tenant's portal content (visible and internal), a feed per person and a custom template by A's PM. */
export async function seedPortal(w: World): Promise<Portal> {
  const [a, b] = await Promise.all([seedTenantPortal(w, "A"), seedTenantPortal(w, "B")]);
  const feeds = {} as Record<SignedInActor, Row>;
  for (const [actor, person] of Object.entries(w.person) as [SignedInActor, SeededPerson][]) {
    const clientId = actor === "contactB" || actor === "admin" ? w.b.client.id : w.a.client.id;
    feeds[actor] = await freshFeed(person.id, clientId);
    w.name(String(feeds[actor].id), actor);
  }
  const templates = { builtin: await builtinTemplate(), custom: await freshTemplate({ createdBy: w.a.pm.id }) };
  w.name(String(templates.builtin.id), "builtin");
  w.name(String(templates.custom.id), "custom");
  return { a, b, feeds, templates };
}

// ---------------------------------------------------------------- requirements sign-off (migration 20261125000400)

/** The SHA-256 (hex) of a text's UTF-8 bytes, as the version trigger computes it. */
export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The consent statement an approver ticks. */
export const CONSENT = "I have read this version and approve it as the basis of our implementation.";

export async function freshDocument(clientId: string, { createdBy = null as string | null } = {}): Promise<Row> {
  return seedRow("requirement_documents", {
    client_id: clientId,
    title: uniq("Payroll requirements"),
    area: "Payroll",
    due_date: addDays(PLAN_START, 14),
    created_by: createdBy,
  });
}

/** Publishes a version as the service role (the trigger numbers and hashes it; published_by is null). */
export async function freshVersion(documentId: string, body = `# Payroll\n\n${uniq("Runs twice a month")}`): Promise<Row> {
  return seedRow("requirement_versions", {
    document_id: documentId,
    // the trigger fills these from the document and the text
    client_id: randomUUID(),
    version: 0,
    body_sha256: "0".repeat(64),
    body_markdown: body,
  });
}

export async function nameApprovers(document: Row, ...people: SeededPerson[]) {
  for (const person of people)
    await seedRow("requirement_approvers", { document_id: document.id, client_id: document.client_id, person_id: person.id });
}

/** A sign-off as its signer makes it (the trigger takes the signer from the JWT). */
export async function signAs(
  signer: SeededPerson,
  versionId: string,
  decision: "approved" | "changes_requested" = "approved",
): Promise<Row> {
  const db = (await asPerson(signer.id)) as unknown as SupabaseClient;
  const { data, error } = await db
    .from("signoffs")
    .insert(
      decision === "approved"
        ? { version_id: versionId, decision, signature_name: signer.fullName, consent_text: CONSENT }
        : { version_id: versionId, decision, comment: "Add the bonus runs." },
    )
    .select("*")
    .single();
  if (error || !data) throw new Error(`seed of a sign-off failed: ${error?.message}`);
  return data as Row;
}

/** A document with one published version and its required approvers, who have not signed yet. */
export async function freshSignoffDocument(clientId: string, approvers: SeededPerson[]) {
  const document = await freshDocument(clientId);
  // Named before publishing: a version is signed by the approvers it was published for (its snapshot).
  await nameApprovers(document, ...approvers);
  const version = await freshVersion(String(document.id));
  return { document, version };
}

/**
 * Test teardown only. Sign-offs and published versions refuse UPDATE and DELETE
 * for every role (triggers), so nothing that holds them can be deleted either:
 * not their document or client (the cascade reaches the frozen rows) and not the
 * signer (restrict) or publisher (set null is an UPDATE). As the database owner,
 * with triggers (and FK actions) off for this one transaction, this removes the
 * sign-offs and versions of the given clients or documents, and those documents
 * with their approvers; ordinary deletes then work.
 */
export async function purgeRequirementHistory({ clientIds = [], documentIds = [] }: { clientIds?: string[]; documentIds?: string[] }) {
  const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
  await db.connect();
  try {
    await db.query("begin");
    // The clients whose portfolio facts (kept by the triggers switched off here) change.
    const touched = await db.query<{ id: string }>(
      "select distinct client_id as id from public.requirement_documents where client_id = any($1::uuid[]) or id = any($2::uuid[])",
      [clientIds, documentIds],
    );
    await db.query("set local session_replication_role = replica");
    const args = [clientIds, documentIds];
    const where = "client_id = any($1::uuid[]) or document_id = any($2::uuid[])";
    await db.query(`delete from public.signoffs where ${where}`, args);
    await db.query(`delete from public.requirement_version_approvers where ${where}`, args);
    await db.query(`delete from public.requirement_versions where ${where}`, args);
    await db.query("delete from public.requirement_approvers where document_id = any($1::uuid[])", [documentIds]);
    await db.query("delete from public.requirement_documents where id = any($1::uuid[])", [documentIds]);
    await db.query("set local session_replication_role = origin");
    await db.query("select app_private.refresh_portfolio_facts($1::uuid[])", [touched.rows.map((r) => r.id)]);
    await db.query("commit");
  } catch (error) {
    await db.query("rollback").catch(() => {});
    throw new Error(`purge of requirement history failed: ${(error as Error).message}`);
  } finally {
    await db.end();
  }
}

/** Removes a throwaway document with whatever versions and sign-offs it has. */
export const dropDocuments = (...ids: string[]) => purgeRequirementHistory({ documentIds: ids });

export type TenantRequirements = { document: Row; version: Row; signoff: Row };

/**
 * For each tenant: a document, its published version, its approver (the tenant's
 * approver contact) and that approver's sign-off. Labels: "<T>:document",
 * "<T>:version", "<T>:approverT" (the approver row) and "<T>:signoff".
 */
export async function seedRequirements(w: World): Promise<{ a: TenantRequirements; b: TenantRequirements }> {
  const seed = async (t: "A" | "B"): Promise<TenantRequirements> => {
    const tenant = t === "A" ? w.a : w.b;
    const { document, version } = await freshSignoffDocument(tenant.client.id, [tenant.contacts.approver]);
    const signoff = await signAs(tenant.contacts.approver, String(version.id));
    w.name(String(document.id), `${t}:document`);
    w.name(String(version.id), `${t}:version`);
    w.name(`signoff:${signoff.id}`, `${t}:signoff`); // bigint ids: keyed apart from date_changes ids
    return { document, version, signoff };
  };
  const [a, b] = await Promise.all([seed("A"), seed("B")]);
  return { a, b };
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
