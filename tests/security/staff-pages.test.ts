// The staff pages' functions (docs/decisions/0016): plan_editor (migration
// 20261202001000), requirement_list (001010), client_settings_page (001020),
// client_team_page (001030), client_updates_page (001040), handoff_page
// (001050) and feedback_register (001060) each replace the
// requireClient guard and the page's select(s) with one PostgREST call;
// lifecycle_page (001070) replaces the lifecycle view's three reads.
// They must return exactly what those selects returned for every person (RLS
// decides both), in the order the page shows, with the guard's client_access
// row; anyone who cannot see the client gets null and nothing else.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireClient } from "~/domain/clients/require-client.server";
import { getHandoff, HANDOFF_SELECT, readHandoffPage } from "~/domain/handoff/get-handoff.server";
import { FLAGGED_LIMIT, getLifecycle, LIFECYCLE_SELECTS, readLifecycle } from "~/domain/portfolio/get-lifecycle.server";
import { FLAGS } from "~/domain/portfolio/lifecycle";
import { getRegister, readRegister, REGISTER_SELECTS } from "~/domain/pulse/register.server";
import { listRequirementDocuments, readRequirementList, REQUIREMENT_LIST_SELECT } from "~/domain/requirements/list-requirement-documents.server";
import { getClientSettings, readClientSettings, SETTINGS_SELECT } from "~/domain/setup/get-client-settings.server";
import { getClientTeam, readClientTeam, TEAM_SELECT } from "~/domain/setup/get-client-team.server";
import { STAFF_SELECT } from "~/domain/setup/list-staff.server";
import { listClientUpdates, readClientUpdates, UPDATES_PAGE_SELECT } from "~/domain/updates/list-client-updates.server";
import { getPlanEditor, PLAN_SELECT, readPlanEditor, TEMPLATES_SELECT } from "~/domain/timeline/get-plan-editor.server";
import { ACTORS, disposeWorld, freshSignoffDocument, seedPortal, seedWorld, signAs, type StandardActor, type World } from "../support/attack";
import { seedTenantHandoff } from "../support/handoff";
import { asPerson, asPersonCounting, serviceDb, type Db } from "../support/stack";

const NORTHWIND = "northwind";
const DANA = "c1000000-0000-4000-8000-000000000001";
const MARGARET = "c1000000-0000-4000-8000-000000000003";
const PRIYA = "5a000000-0000-4000-8000-000000000002";
const SAM = "5a000000-0000-4000-8000-000000000004";
const KIM = "c2000000-0000-4000-8000-000000000001";

/** The same rows in any order: keys sorted (jsonb orders them its own way) and arrays sorted by content, recursively. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  return value;
}

/** What the plan editor read before: the plan's embedded select and the templates, in the page's order. */
async function planSelects(db: Db, slug: string) {
  const [plan, templates] = await Promise.all([
    db
      .from("clients")
      .select(PLAN_SELECT)
      .eq("slug", slug)
      .order("position", { referencedTable: "phases" })
      .order("due_date", { referencedTable: "client_tasks", nullsFirst: false })
      .maybeSingle(),
    db.from("timeline_templates").select(TEMPLATES_SELECT).order("is_builtin", { ascending: false }).order("name"),
  ]);
  if (plan.error || templates.error) throw new Error(plan.error?.message ?? templates.error?.message);
  return { plan: plan.data, templates: templates.data };
}

/** What the requirement list read before: its embedded select, documents oldest first. */
async function listSelect(db: Db, slug: string) {
  const { data, error } = await db
    .from("clients")
    .select(REQUIREMENT_LIST_SELECT)
    .eq("slug", slug)
    .order("created_at", { referencedTable: "requirement_documents" })
    .maybeSingle();
  if (error) throw new Error(error.message);
  return data;
}

/** The guard's answer, as requireClient gives it (null for its 404). */
async function guard(db: Db, slug: string) {
  try {
    const access = await requireClient(db, slug);
    return { id: access.client.id, is_staff: access.isStaff, is_pm: access.isPm, is_admin: access.isAdmin, contact_role: access.contactRole };
  } catch (error) {
    if (error instanceof Response && error.status === 404) return null;
    throw error;
  }
}

let w: World;

beforeAll(async () => {
  w = await seedWorld();
  // Visible and internal phases and milestones, a dated task and a custom template by A's PM.
  await seedPortal(w);
  const db = serviceDb();
  const { error } = await db.from("client_tasks").insert([
    { client_id: w.a.client.id, title: "Undated task", owner_id: w.a.contacts.viewer.id },
    { client_id: w.a.client.id, title: "Early task", due_date: "2026-01-05", owner_id: w.a.contacts.approver.id },
  ]);
  if (error) throw new Error(error.message);
  // A published version with its approvers, one of whom approved; and a document with only a draft.
  const { version } = await freshSignoffDocument(w.a.client.id, [w.person.approverA, w.person.deciderA]);
  await signAs(w.person.approverA, String(version.id));
  const draftOnly = (await db.from("requirement_documents").insert({ client_id: w.a.client.id, title: "Draft only", area: "Benefits" }).select("id").single()).data!;
  await db.from("requirement_drafts").upsert({ document_id: draftOnly.id, client_id: w.a.client.id, body_markdown: "Draft only staff see" });
  for (const update of [
    { title: "Visible update", body_markdown: "Hello", decision_needed: true, decision_due: "2027-01-10", decision_from: w.a.contacts.decision_maker.id },
    { title: "Staff-only update", body_markdown: "Internal", is_internal: true },
  ]) {
    const { error } = await db.from("client_updates").insert({ client_id: w.a.client.id, author_id: w.a.pm.id, ...update });
    if (error) throw new Error(error.message);
  }
  // The handoff: meeting, commitments with links and history, a fact with the seller's note, an internal note,
  // a written transition note, and one open and one resolved dissatisfier.
  await seedTenantHandoff(w.a.client.id);
  for (const [table, row] of [
    ["service_transitions", { client_id: w.a.client.id, relationship_manager_id: w.a.serviceTeam.id, written_by: w.a.pm.id }],
    ["service_transition_notes", { client_id: w.a.client.id, open_items: "Carrier file", client_preferences: "Email, not calls" }],
    ["dissatisfiers", { client_id: w.a.client.id, summary: "Open concern", source: "call", owner_id: w.a.pm.id }],
    ["dissatisfiers", { client_id: w.a.client.id, summary: "Resolved concern", source: "call", status: "resolved", resolution: "Fixed", resolved_at: new Date().toISOString() }],
  ] as const) {
    const { error } = await (db as unknown as SupabaseClient).from(table).insert(row);
    if (error) throw new Error(`${table}: ${error.message}`);
  }
});

afterAll(async () => {
  if (w) await disposeWorld(w);
});

describe("plan_editor returns what the plan editor's selects returned, and the person's access", () => {
  async function compare(db: Db, slug: string) {
    const [rows, before, access] = await Promise.all([readPlanEditor(db, slug), planSelects(db, slug), guard(db, slug)]);
    expect(normalise(rows?.client ?? null)).toEqual(normalise(before.plan));
    if (!rows) return { rows, access };
    expect(rows.access).toMatchObject(access!);
    // In the page's order: phases by position, tasks by due date (undated last), templates built-in first, then by name.
    expect(rows.client.phases.map((p) => p.position)).toEqual(before.plan!.phases.map((p) => p.position));
    expect(rows.client.client_tasks.map((t) => t.due_date)).toEqual(before.plan!.client_tasks.map((t) => t.due_date));
    expect(rows.templates.map((t) => t.id)).toEqual(before.templates.map((t) => t.id));
    return { rows, access };
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A`, async () => {
      const db = w.db[actor as StandardActor];
      const { rows, access } = await compare(db, w.a.client.slug);
      const sees = !["contactB", "unassignedStaff"].includes(actor);
      expect(rows !== null).toBe(sees);
      expect(access !== null).toBe(sees);
      if (!rows) return;
      expect(rows.client.client_tasks.at(-1)?.due_date).toBeNull();
      const internal = JSON.stringify(rows.client).includes("A internal phase");
      expect(internal).toBe(Boolean(access?.is_staff));
      expect((await getPlanEditor(db, w.a.client.slug))!.canEdit).toBe(["pmA", "admin"].includes(actor));
    });
  }

  for (const [who, id] of [
    ["Dana (contact)", DANA],
    ["Margaret (decision maker)", MARGARET],
    ["Priya (project manager)", PRIYA],
    ["Sam (service team)", SAM],
  ] as const) {
    it(`${who} on the demo client's plan`, async () => {
      const { rows } = await compare(await asPerson(id), NORTHWIND);
      expect(rows!.client.phases.length).toBeGreaterThan(0);
    });
  }

  it("gives nothing to someone who cannot see the client, and anon may not call it", async () => {
    expect(await readPlanEditor(await asPerson(KIM), NORTHWIND)).toBeNull();
    expect(await getPlanEditor(w.db.unassignedStaff, w.a.client.slug)).toBeNull();
    expect(await readPlanEditor(w.db.pmA, "no-such-client")).toBeNull();
    const { error } = await w.db.anon.rpc("plan_editor", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });

  it("is one PostgREST round trip", async () => {
    const { db, requests } = await asPersonCounting(w.a.pm.id);
    const editor = await getPlanEditor(db, w.a.client.slug);
    expect(requests).toHaveLength(1);
    expect(editor!.phases.map((p) => p.name)).toEqual(expect.arrayContaining(["A visible phase", "A internal phase"]));
    const positions = editor!.phases.map((p) => p.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });
});

describe("requirement_list returns what the list's select returned, and the person's access", () => {
  async function compare(db: Db, slug: string) {
    const [rows, before, access] = await Promise.all([readRequirementList(db, slug), listSelect(db, slug), guard(db, slug)]);
    expect(normalise(rows?.client ?? null)).toEqual(normalise(before));
    if (!rows) return { rows, access };
    expect(rows.access).toMatchObject(access!);
    // Oldest document first, as the page lists them.
    expect(rows.client.requirement_documents.map((d) => d.created_at)).toEqual(before!.requirement_documents.map((d) => d.created_at));
    return { rows, access };
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A`, async () => {
      const db = w.db[actor as StandardActor];
      const { rows, access } = await compare(db, w.a.client.slug);
      const sees = !["contactB", "unassignedStaff"].includes(actor);
      expect(rows !== null).toBe(sees);
      expect(access !== null).toBe(sees);
      if (!rows) return;
      const signed = rows.client.requirement_documents.find((d) => d.signoffs.length > 0);
      expect(signed?.requirement_versions).toHaveLength(1);
      expect(signed?.requirement_approvers).toHaveLength(2);
      expect((await listRequirementDocuments(db, w.a.client.slug))!.canEdit).toBe(["pmA", "admin"].includes(actor));
    });
  }

  for (const [who, id] of [
    ["Dana (approver)", DANA],
    ["Margaret (decision maker)", MARGARET],
    ["Priya (project manager)", PRIYA],
    ["Sam (service team)", SAM],
  ] as const) {
    it(`${who} on the demo client's documents, with versions, approvers and sign-offs`, async () => {
      const { rows } = await compare(await asPerson(id), NORTHWIND);
      expect(rows!.client.requirement_documents.some((d) => d.signoffs.length > 0)).toBe(true);
    });
  }

  it("gives nothing to someone who cannot see the client, and anon may not call it", async () => {
    expect(await readRequirementList(await asPerson(KIM), NORTHWIND)).toBeNull();
    expect(await listRequirementDocuments(w.db.contactB, w.a.client.slug)).toBeNull();
    const { error } = await w.db.anon.rpc("requirement_list", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });

  it("is one PostgREST round trip", async () => {
    const { db, requests } = await asPersonCounting(w.a.pm.id);
    const list = await listRequirementDocuments(db, w.a.client.slug);
    expect(requests).toHaveLength(1);
    expect(list!.documents.map((d) => d.status)).toEqual(["awaiting_signoff", "draft"]);
  });
});

/** One select from clients by slug, as the page read it before (null when RLS hides the client). */
async function clientSelect(db: Db, select: string, slug: string) {
  const { data, error } = await db.from("clients").select(select).eq("slug", slug).maybeSingle();
  if (error) throw new Error(error.message);
  return data;
}

const SEES_A = (actor: string) => !["contactB", "unassignedStaff"].includes(actor);
const DEMO_PEOPLE = [
  ["Dana (contact)", DANA],
  ["Margaret (decision maker)", MARGARET],
  ["Priya (project manager)", PRIYA],
  ["Sam (service team)", SAM],
] as const;

describe("client_settings_page returns what the settings select returned, and the person's access", () => {
  async function compare(db: Db, slug: string) {
    const [rows, before, access] = await Promise.all([readClientSettings(db, slug), clientSelect(db, SETTINGS_SELECT, slug), guard(db, slug)]);
    expect(rows?.client ?? null).toEqual(before);
    expect(rows?.access ?? null).toEqual(access ? expect.objectContaining(access) : null);
    return rows;
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A, with its logo`, async () => {
      const db = w.db[actor as StandardActor];
      const rows = await compare(db, w.a.client.slug);
      expect(rows !== null).toBe(SEES_A(actor));
      if (rows) expect(rows.client.client_logos).not.toBeNull();
      if (rows) expect((await getClientSettings(db, w.a.client.slug))!.canEdit).toBe(["pmA", "admin"].includes(actor));
    });
  }

  for (const [who, id] of DEMO_PEOPLE) {
    it(`${who} on the demo client`, async () => {
      const rows = await compare(await asPerson(id), NORTHWIND);
      expect(rows!.client).toMatchObject({ name: "Northwind Logistics", client_logos: null });
    });
  }

  it("gives nothing to someone who cannot see the client, is one round trip, and anon may not call it", async () => {
    expect(await readClientSettings(await asPerson(KIM), NORTHWIND)).toBeNull();
    const { db, requests } = await asPersonCounting(w.a.pm.id);
    expect(await getClientSettings(db, w.a.client.slug)).toMatchObject({ client: { name: w.a.client.name }, canEdit: true });
    expect(requests).toHaveLength(1);
    const { error } = await w.db.anon.rpc("client_settings_page", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });
});

describe("client_team_page returns what the team and staff selects returned, and the person's access", () => {
  async function compare(db: Db, slug: string) {
    const [rows, before, staff, access] = await Promise.all([
      readClientTeam(db, slug),
      clientSelect(db, TEAM_SELECT, slug),
      db.from("staff").select(STAFF_SELECT),
      guard(db, slug),
    ]);
    expect(normalise(rows?.client ?? null)).toEqual(normalise(before));
    expect(rows?.access ?? null).toEqual(access ? expect.objectContaining(access) : null);
    if (rows) expect(normalise(rows.staff)).toEqual(normalise(staff.data));
    return rows;
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A`, async () => {
      const db = w.db[actor as StandardActor];
      const rows = await compare(db, w.a.client.slug);
      expect(rows !== null).toBe(SEES_A(actor));
      if (!rows) return;
      const team = (await getClientTeam(db, w.a.client.slug))!;
      const manages = ["pmA", "admin"].includes(actor);
      expect(team.canManage).toBe(manages);
      // The staff who could be added are offered to those who manage the team only.
      expect(team.staffOptions.length > 0).toBe(manages);
      expect(team.staffOptions.map((s) => s.id)).not.toContain(w.a.pm.id);
    });
  }

  for (const [who, id] of DEMO_PEOPLE) {
    it(`${who} on the demo client's team`, async () => {
      const rows = await compare(await asPerson(id), NORTHWIND);
      expect(rows!.client.client_staff.length).toBeGreaterThan(0);
    });
  }

  it("gives nothing to someone who cannot see the client, is one round trip, and anon may not call it", async () => {
    expect(await readClientTeam(await asPerson(KIM), NORTHWIND)).toBeNull();
    expect(await getClientTeam(w.db.unassignedStaff, w.a.client.slug)).toBeNull();
    const { db, requests } = await asPersonCounting(w.a.pm.id);
    expect((await getClientTeam(db, w.a.client.slug))!.staffOptions.map((s) => s.id)).toContain(w.unassignedStaff.id);
    expect(requests).toHaveLength(1);
    const { error } = await w.db.anon.rpc("client_team_page", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });
});

describe("client_updates_page returns what the updates page's select returned, and the person's access", () => {
  async function compare(db: Db, slug: string) {
    const [rows, before, access] = await Promise.all([readClientUpdates(db, slug), clientSelect(db, UPDATES_PAGE_SELECT, slug), guard(db, slug)]);
    expect(normalise(rows?.client ?? null)).toEqual(normalise(before));
    expect(rows?.access ?? null).toEqual(access ? expect.objectContaining(access) : null);
    return rows;
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A`, async () => {
      const db = w.db[actor as StandardActor];
      const rows = await compare(db, w.a.client.slug);
      expect(rows !== null).toBe(SEES_A(actor));
      if (!rows) return;
      const staff = ["pmA", "serviceTeamA", "admin"].includes(actor);
      expect(JSON.stringify(rows.client).includes("Staff-only update")).toBe(staff);
      // The page is the team's: a contact calling the function gets their own view, but the page gives them nothing.
      const page = await listClientUpdates(db, w.a.client.slug, w.person[actor as keyof typeof w.person].id);
      expect(page !== null).toBe(staff);
      if (page) expect(page.updates.map((u) => u.title).sort()).toEqual(["Staff-only update", "Visible update"]);
    });
  }

  for (const [who, id] of DEMO_PEOPLE) {
    it(`${who} on the demo client's updates, with their replies`, async () => {
      const rows = await compare(await asPerson(id), NORTHWIND);
      expect(rows!.client.client_updates.length).toBeGreaterThan(0);
    });
  }

  it("gives nothing to someone who cannot see the client, is one round trip, and anon may not call it", async () => {
    expect(await readClientUpdates(await asPerson(KIM), NORTHWIND)).toBeNull();
    const { db, requests } = await asPersonCounting(PRIYA);
    const page = await listClientUpdates(db, NORTHWIND, PRIYA);
    expect(requests).toHaveLength(1);
    expect(page!.updates.some((u) => (u.decision?.replies.length ?? 0) > 0)).toBe(true);
    const { error } = await w.db.anon.rpc("client_updates_page", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });
});

describe("handoff_page returns what the handoff page's select returned, and the person's access", () => {
  async function handoffSelect(db: Db, slug: string) {
    const { data, error } = await db
      .from("clients")
      .select(HANDOFF_SELECT)
      .eq("slug", slug)
      .order("created_at", { referencedTable: "commitments" })
      .order("position", { referencedTable: "client_facts" })
      .order("created_at", { referencedTable: "handoff_internal_notes" })
      .order("position", { referencedTable: "success_criteria" })
      .order("position", { referencedTable: "phases" })
      .order("created_at", { referencedTable: "requirement_documents" })
      .neq("dissatisfiers.status", "resolved")
      .order("created_at", { referencedTable: "dissatisfiers" })
      .maybeSingle();
    if (error) throw new Error(error.message);
    return data;
  }

  async function compare(db: Db, slug: string) {
    const [rows, before, access] = await Promise.all([readHandoffPage(db, slug), handoffSelect(db, slug), guard(db, slug)]);
    expect(normalise(rows?.client ?? null)).toEqual(normalise(before));
    expect(rows?.access ?? null).toEqual(access ? expect.objectContaining(access) : null);
    if (!rows) return rows;
    // In the page's order (rows with equal keys may come in either order).
    const order = { commitments: "created_at", client_facts: "position", handoff_internal_notes: "created_at", success_criteria: "position", phases: "position", requirement_documents: "created_at", dissatisfiers: "created_at" } as const;
    for (const [key, by] of Object.entries(order) as [keyof typeof order, string][]) {
      const keys = (list: Record<string, unknown>[]) => list.map((r) => r[by]);
      expect(keys(rows.client[key]), key).toEqual(keys(before![key]));
    }
    return rows;
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A`, async () => {
      const db = w.db[actor as StandardActor];
      const rows = await compare(db, w.a.client.slug);
      expect(rows !== null).toBe(SEES_A(actor));
      if (!rows) return;
      const staff = ["pmA", "serviceTeamA", "admin"].includes(actor);
      // The staff's side (internal notes, the seller's notes) reaches the team only; the page is the team's.
      expect(rows.client.handoff_internal_notes.length > 0).toBe(staff);
      const page = await getHandoff(db, w.a.client.slug, w.person[actor as keyof typeof w.person].id);
      expect(page !== null).toBe(staff);
      if (!page) return;
      expect(page.openConcerns.map((c) => c.summary)).toEqual(["Open concern"]);
      expect(page.transition?.note.clientPreferences).toBe("Email, not calls");
      expect(page.canAcknowledge).toBe(actor === "serviceTeamA");
      expect(page.commitments.length).toBe(2);
    });
  }

  for (const [who, id] of DEMO_PEOPLE) {
    it(`${who} on the demo client's handoff`, async () => {
      const rows = await compare(await asPerson(id), NORTHWIND);
      expect(rows!.client.commitments.length).toBeGreaterThan(0);
    });
  }

  it("gives nothing to someone who cannot see the client, is one round trip, and anon may not call it", async () => {
    expect(await readHandoffPage(await asPerson(KIM), NORTHWIND)).toBeNull();
    expect(await getHandoff(w.db.unassignedStaff, w.a.client.slug)).toBeNull();
    const { db, requests } = await asPersonCounting(PRIYA);
    const page = await getHandoff(db, NORTHWIND, PRIYA);
    expect(requests).toHaveLength(1);
    expect(page!.commitments.some((c) => c.history.length > 0)).toBe(true);
    const { error } = await w.db.anon.rpc("handoff_page", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });
});

describe("feedback_register returns what the register's six selects returned, and the person's access", () => {
  async function registerSelects(db: Db, slug: string) {
    const client = await clientSelect(db, "id", slug);
    if (!client) return null;
    const id = (client as unknown as { id: string }).id;
    const [dissatisfiers, notes, team, pulses, answers, setting] = await Promise.all([
      db.from("dissatisfiers").select(REGISTER_SELECTS.dissatisfiers).eq("client_id", id),
      db.from("dissatisfier_notes").select(REGISTER_SELECTS.notes).eq("client_id", id),
      db.from("client_staff").select(REGISTER_SELECTS.team).eq("client_id", id),
      db.from("pulses").select(REGISTER_SELECTS.pulses).eq("client_id", id).order("created_at", { ascending: false }).limit(20),
      db.from("pulse_answers").select(REGISTER_SELECTS.answers).eq("client_id", id),
      db.from("clients").select(REGISTER_SELECTS.setting).eq("id", id).single(),
    ]);
    for (const r of [dissatisfiers, notes, team, pulses, answers, setting]) if (r.error) throw new Error(r.error.message);
    return { dissatisfiers: dissatisfiers.data, notes: notes.data, team: team.data, pulses: pulses.data, answers: answers.data, setting: setting.data };
  }

  async function compare(db: Db, slug: string) {
    const [rows, before, access] = await Promise.all([readRegister(db, slug), registerSelects(db, slug), guard(db, slug)]);
    expect(rows?.access ?? null).toEqual(access ? expect.objectContaining(access) : null);
    if (!rows) {
      expect(before).toBeNull();
      return rows;
    }
    const { access: _, ...reads } = rows;
    expect(normalise(reads)).toEqual(normalise(before));
    // Newest pulse first, as the select asks.
    expect(rows.pulses.map((p) => p.created_at)).toEqual(before!.pulses!.map((p) => p.created_at));
    return rows;
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A`, async () => {
      const db = w.db[actor as StandardActor];
      const rows = await compare(db, w.a.client.slug);
      expect(rows !== null).toBe(SEES_A(actor));
      if (!rows) return;
      const staff = ["pmA", "serviceTeamA", "admin"].includes(actor);
      const result = await getRegister(db, w.a.client.slug, "2026-12-01");
      expect(result.ok ? "ok" : result.kind).toBe(staff ? "ok" : "forbidden");
      if (result.ok) expect(result.value.register.entries.map((e) => e.summary)).toEqual(["Open concern", "Resolved concern"]);
    });
  }

  for (const [who, id] of DEMO_PEOPLE) {
    it(`${who} on the demo client's pulse and register`, async () => {
      const rows = await compare(await asPerson(id), NORTHWIND);
      expect(rows!.setting.pulse_interval_days).toBeGreaterThan(0);
    });
  }

  it("gives nothing to someone who cannot see the client, is one round trip, and anon may not call it", async () => {
    expect(await readRegister(await asPerson(KIM), NORTHWIND)).toBeNull();
    expect(await getRegister(w.db.unassignedStaff, w.a.client.slug, "2026-12-01")).toMatchObject({ ok: false, kind: "not_found" });
    const { db, requests } = await asPersonCounting(PRIYA);
    const result = await getRegister(db, NORTHWIND, "2026-12-01");
    expect(requests).toHaveLength(1);
    expect(result.ok && result.value.register.pulses.some((p) => p.answers.length > 0)).toBe(true);
    const { error } = await w.db.anon.rpc("feedback_register", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });
});

describe("lifecycle_page returns what the lifecycle view's three selects returned", () => {
  async function lifecycleSelects(db: Db) {
    const [stages, slips, flagged] = await Promise.all([
      db.from("lifecycle_stages").select(LIFECYCLE_SELECTS.stages),
      db.from("go_live_against_plan").select(LIFECYCLE_SELECTS.slips).order("position"),
      db
        .from("portfolio")
        .select(LIFECYCLE_SELECTS.flagged)
        .or(FLAGS.map((f) => `flag_${f}.is.true`).join(","))
        .order("score")
        .order("name")
        .limit(FLAGGED_LIMIT + 1),
    ]);
    for (const r of [stages, slips, flagged]) if (r.error) throw new Error(r.error.message);
    return { stages: stages.data, slips: slips.data, flagged: flagged.data };
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor}`, async () => {
      const db = w.db[actor as StandardActor];
      const [rows, before] = await Promise.all([readLifecycle(db), lifecycleSelects(db)]);
      expect(normalise(rows)).toEqual(normalise(before));
      // In the view's order: slip bands by position, flagged clients by score (ties by name).
      expect(rows.slips.map((s) => s.position)).toEqual(before.slips!.map((s) => s.position));
      expect(rows.flagged.map((f) => [f.score, f.slug])).toEqual(before.flagged!.map((f) => [f.score, f.slug]));
      // Contacts see no client in the portfolio; staff count only the clients they may see.
      if (["viewerA", "approverA", "deciderA", "contactB"].includes(actor)) expect(rows.flagged).toEqual([]);
    });
  }

  it("counts every client for an admin, in one round trip; anon may not call it", async () => {
    const { db, requests } = await asPersonCounting(w.admin.id);
    const life = await getLifecycle(db);
    expect(requests).toHaveLength(1);
    expect(life.stages.reduce((n, s) => n + s.clients, 0)).toBeGreaterThanOrEqual(4);
    expect(life.flagged.length).toBeGreaterThan(0);
    expect(life.slips.length).toBeGreaterThan(0);
    const { error } = await w.db.anon.rpc("lifecycle_page");
    expect(error?.code).toBe("42501");
  });
});
