// The client_page function (migration 20261201002500, docs/decisions/0016):
// the client's page in one PostgREST call. It replaces an embedded select that
// PostgREST took ~60 ms of CPU to build, so it must return exactly what that
// select returned for every person (RLS decides both), give nothing to anyone
// else, and record a visit only where the person may look.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireClient } from "~/domain/clients/require-client.server";
import { PORTAL_SELECT, readClientPage } from "~/domain/portal/get-client-portal.server";
import { REQUIREMENT_SELECT, readRequirementPage } from "~/domain/requirements/get-requirement-document.server";
import { openClientPortal } from "~/domain/updates/open-client-portal.server";
import { getViewer, readViewer, VIEWER_SELECT } from "~/lib/viewer.server";
import { ACTORS, disposeWorld, seedWorld, type StandardActor, type World } from "../support/attack";
import { asPerson, asPersonCounting, serviceDb, sql, type Db } from "../support/stack";

const NORTHWIND = "northwind";
const DANA = "c1000000-0000-4000-8000-000000000001";
const LEO = "c1000000-0000-4000-8000-000000000002";
const MARGARET = "c1000000-0000-4000-8000-000000000003";
const PRIYA = "5a000000-0000-4000-8000-000000000002";
const KIM = "c2000000-0000-4000-8000-000000000001";

async function must(query: PromiseLike<{ error: { message: string } | null }>) {
  const { error } = await query;
  if (error) throw new Error(error.message);
}

async function mustRows<T>(query: PromiseLike<{ data: T[] | null; error: { message: string } | null }>): Promise<T[]> {
  const { data, error } = await query;
  if (error || !data) throw new Error(error?.message ?? "no rows");
  return data;
}

/** The same rows in any order: arrays sorted by content, recursively. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

async function embedded(db: Db, slug: string) {
  const { data, error } = await db.from("clients").select(PORTAL_SELECT).eq("slug", slug).maybeSingle();
  if (error) throw new Error(error.message);
  return data;
}

async function embeddedDocument(db: Db, slug: string, documentId: string) {
  const { data, error } = await db.from("clients").select(REQUIREMENT_SELECT).eq("slug", slug).eq("requirement_documents.id", documentId).maybeSingle();
  if (error) throw new Error(error.message);
  return data;
}

const NORTHWIND_DOCUMENT = "d1000000-0000-4000-8000-000000000001";

let w: World;
let documentA: string;

beforeAll(async () => {
  w = await seedWorld();
  const db = serviceDb();
  const [phase] = (await db
    .from("phases")
    .insert([
      { client_id: w.a.client.id, name: "Build", position: 0, planned_start: "2026-11-01", planned_end: "2026-12-15", is_internal: false },
      { client_id: w.a.client.id, name: "Secret phase", position: 1, planned_start: "2026-12-01", planned_end: "2026-12-05", is_internal: true },
    ])
    .select("id")).data!;
  const milestones = (await db
    .from("milestones")
    .insert([
      { client_id: w.a.client.id, phase_id: phase!.id, title: "Kick-off", planned_date: "2026-11-02", actual_date: "2026-11-02", is_internal: false },
      { client_id: w.a.client.id, phase_id: phase!.id, title: "Internal milestone", planned_date: "2026-12-01", is_internal: true },
    ])
    .select("id")).data!;
  await db.from("success_criteria").insert([
    { client_id: w.a.client.id, statement: "95% enrol online", is_internal: false },
    { client_id: w.a.client.id, statement: "Renewal lever (internal)", is_internal: true },
  ]);
  documentA = (await db.from("requirement_documents").insert({ client_id: w.a.client.id, title: "Plan design", area: "Benefits" }).select("id").single()).data!.id;
  await db.from("requirement_drafts").upsert({ document_id: documentA, client_id: w.a.client.id, body_markdown: "Draft only staff see" });
  const updates = (await mustRows(db
    .from("client_updates")
    .insert([
      {
        client_id: w.a.client.id,
        title: "Visible update",
        body_markdown: "Hello",
        author_id: w.a.pm.id,
        decision_needed: true,
        decision_from: w.a.contacts.approver.id,
        milestone_id: milestones[0]!.id,
        requirement_document_id: documentA,
      },
      { client_id: w.a.client.id, title: "Staff-only update", body_markdown: "Internal", is_internal: true, author_id: w.a.pm.id, milestone_id: milestones[1]!.id },
    ], { defaultToNull: false })
    .select("id")));
  // Every part of the page that names a person, a milestone or a document, so
  // the function's joins are all compared: replies, slips, the service handover,
  // a task's owner, a commitment's links.
  for (const [contact, answer] of [[w.a.contacts.approver, "Approved"], [w.a.contacts.viewer, "Seen"]] as const) {
    await must((await asPerson(contact.id)).rpc("reply_to_update", { p_update: updates[0]!.id, p_answer: answer, p_comment: "Fine" }));
  }
  await must(db.from("date_changes").insert([
    { client_id: w.a.client.id, milestone_id: milestones[0]!.id, item_title: "Kick-off", field: "planned_date", old_date: "2026-11-01", new_date: "2026-11-02", reason: "Room booked", side: "provider", changed_by: w.a.pm.id },
    { client_id: w.a.client.id, milestone_id: milestones[1]!.id, item_title: "Internal milestone", field: "planned_date", old_date: "2026-11-20", new_date: "2026-12-01", reason: "Internal", side: "provider", changed_by: w.a.serviceTeam.id, is_internal: true },
  ], { defaultToNull: false }));
  await must(db.from("service_transitions").insert({ client_id: w.a.client.id, relationship_manager_id: w.a.serviceTeam.id, written_by: w.a.pm.id }));
  await must(db.from("client_tasks").insert({ client_id: w.a.client.id, title: "Send the census", owner_id: w.a.contacts.approver.id, milestone_id: milestones[0]!.id }));
  const commitment = (await db.from("commitments").insert({ client_id: w.a.client.id, promise: "Payroll file by Friday", promised_by: "Sales" }).select("id").single()).data!;
  await must(db.from("commitment_links").insert([
    { commitment_id: commitment.id, client_id: w.a.client.id, milestone_id: milestones[1]!.id },
    { commitment_id: commitment.id, client_id: w.a.client.id, requirement_document_id: documentA },
  ], { defaultToNull: false }));
});

afterAll(async () => {
  await disposeWorld(w);
});

describe("client_page returns what the embedded select returned, for every person", () => {
  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A`, async () => {
      const db = w.db[actor as StandardActor];
      const [page, select] = await Promise.all([readClientPage(db, w.a.client.slug), embedded(db, w.a.client.slug)]);
      expect(normalise(page?.client ?? null)).toEqual(normalise(select));
      const sees = !["contactB", "unassignedStaff"].includes(actor);
      expect(page !== null).toBe(sees);
      if (["viewerA", "approverA", "deciderA"].includes(actor)) {
        const text = JSON.stringify(page);
        for (const secret of ["Secret phase", "Internal milestone", "Renewal lever", "Staff-only update"]) expect(text).not.toContain(secret);
      }
    });
  }

  for (const [who, id] of [
    ["Dana (contact)", DANA],
    ["Leo (contact, answered the pulse)", LEO],
    ["Margaret (decision maker)", MARGARET],
    ["Priya (project manager)", PRIYA],
  ] as const) {
    it(`${who} on the demo client, with its commitments, documents, sign-offs, updates and replies`, async () => {
      const db = await asPerson(id);
      const [page, select] = await Promise.all([readClientPage(db, NORTHWIND), embedded(db, NORTHWIND)]);
      expect(select).not.toBeNull();
      expect(normalise(page!.client)).toEqual(normalise(select));
    });
  }

  it("anon may not call it", async () => {
    const { error } = await w.db.anon.rpc("client_page", { p_slug: w.a.client.slug });
    expect(error?.code).toBe("42501");
  });
});

describe("requirement_page returns what the embedded select returned, and the person's access", () => {
  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor} on tenant A's document`, async () => {
      const db = w.db[actor as StandardActor];
      const [page, select] = await Promise.all([readRequirementPage(db, w.a.client.slug, documentA), embeddedDocument(db, w.a.client.slug, documentA)]);
      expect(normalise(page?.client ?? null)).toEqual(normalise(select));
      const sees = !["contactB", "unassignedStaff"].includes(actor);
      expect(page !== null).toBe(sees);
      if (!page) return;
      const access = await requireClient(db, w.a.client.slug);
      expect(page.access).toMatchObject({ id: access.client.id, is_staff: access.isStaff, is_pm: access.isPm, contact_role: access.contactRole });
      expect(JSON.stringify(page).includes("Draft only staff see")).toBe(access.isStaff);
    });
  }

  for (const [who, id] of [
    ["Dana (approver)", DANA],
    ["Margaret (decision maker)", MARGARET],
    ["Priya (project manager)", PRIYA],
  ] as const) {
    it(`${who} on the demo document, with its versions, approvers and sign-offs`, async () => {
      const db = await asPerson(id);
      const [page, select] = await Promise.all([readRequirementPage(db, NORTHWIND, NORTHWIND_DOCUMENT), embeddedDocument(db, NORTHWIND, NORTHWIND_DOCUMENT)]);
      expect(select!.requirement_documents).toHaveLength(1);
      expect(normalise(page!.client)).toEqual(normalise(select));
    });
  }

  it("another client's document through one's own client gives no document; anon may not call it", async () => {
    const page = await readRequirementPage(await asPerson(DANA), NORTHWIND, documentA);
    expect(page!.client.requirement_documents).toEqual([]);
    const { error } = await w.db.anon.rpc("requirement_page", { p_slug: NORTHWIND, p_document_id: NORTHWIND_DOCUMENT });
    expect(error?.code).toBe("42501");
  });
});

describe("current_viewer returns what the embedded select returned", () => {
  async function session(personId: string) {
    const [row] = await sql<{ id: string }>("insert into public.auth_sessions (person_id) values ($1) returning id", [personId]);
    return row!.id;
  }

  for (const actor of ACTORS.filter((a) => a !== "anon")) {
    it(`${actor}, for themselves and for the project manager's session`, async () => {
      const db = w.db[actor as StandardActor];
      const me = w.person[actor as StandardActor & keyof typeof w.person];
      for (const [personId, sessionId] of [
        [me.id, await session(me.id)],
        [w.a.pm.id, await session(w.a.pm.id)],
      ]) {
        const [fn, select] = await Promise.all([
          readViewer(db, personId!, sessionId!),
          db.from("people").select(VIEWER_SELECT).eq("id", personId!).eq("auth_sessions.id", sessionId!).maybeSingle(),
        ]);
        expect(normalise(fn)).toEqual(normalise(select.data));
      }
      // Only one's own session counts: someone else's session id signs no one in.
      expect(await getViewer(db, me.id, await session(me.id))).toMatchObject({ id: me.id });
      if (me.id !== w.a.pm.id) expect(await getViewer(db, w.a.pm.id, await session(w.a.pm.id))).toBeNull();
    });
  }

  it("anon may not call it", async () => {
    const { error } = await w.db.anon.rpc("current_viewer", { p_person_id: DANA, p_session_id: DANA });
    expect(error?.code).toBe("42501");
  });
});

describe("opening the page", () => {
  it("is one PostgREST round trip: the rows, the visit and the contact's own pulse section", async () => {
    const { db, requests } = await asPersonCounting(LEO);
    const opened = await openClientPortal(db, NORTHWIND);
    expect(requests).toHaveLength(1);
    expect(opened!.portal.client.name).toBe("Northwind Logistics");
    expect(opened!.pulse.pulse).toMatchObject({ myScore: 4, myComment: "Going well so far." });
    // Dana has not answered that pulse: her section shows it unanswered, not Leo's answer.
    const dana = await openClientPortal(await asPerson(DANA), NORTHWIND);
    expect(dana!.pulse.pulse).toMatchObject({ myScore: null, myComment: null });
  });

  it("records the visit and answers with the one before; a client the person cannot see records nothing", async () => {
    const contact = w.person.viewerA;
    const db = await asPerson(contact.id);
    const first = await readClientPage(db, w.a.client.slug, { open: true });
    expect(first!.previous_visit).toBeNull();
    // Half an hour later: a new visit, and the previous one ended at the last open.
    const [visit] = await sql<{ last_seen_at: Date }>(
      "update public.client_visits set last_seen_at = last_seen_at - interval '31 minutes' where person_id = $1 and client_id = $2 returning last_seen_at",
      [contact.id, w.a.client.id],
    );
    const second = await readClientPage(db, w.a.client.slug, { open: true });
    expect(new Date(second!.previous_visit!).getTime()).toBe(visit!.last_seen_at.getTime());

    expect(await readClientPage(w.db.contactB, w.a.client.slug, { open: true })).toBeNull();
    const foreign = await sql("select 1 from public.client_visits where person_id = $1 and client_id = $2", [w.person.contactB.id, w.a.client.id]);
    expect(foreign).toEqual([]);
    expect(await readClientPage(await asPerson(KIM), NORTHWIND, { open: true })).toBeNull();
  });

  it("reading without opening records no visit", async () => {
    const db = w.db.deciderA;
    await readClientPage(db, w.a.client.slug);
    const rows = await sql("select 1 from public.client_visits where person_id = $1 and client_id = $2", [w.person.deciderA.id, w.a.client.id]);
    expect(rows).toEqual([]);
  });
});

describe("signed_in_client_page: the session check and the page in one call", () => {
  type Answer = { viewer: { id: string } | null; live: boolean; page: { client: { name: string }; previous_visit: string | null } | null };

  async function session(personId: string, { hoursAgo = 0, revoked = false } = {}) {
    const [row] = await sql<{ id: string }>(
      `insert into public.auth_sessions (person_id, created_at, revoked_at)
       values ($1, now() - make_interval(hours => $2), case when $3 then now() end) returning id`,
      [personId, hoursAgo, revoked],
    );
    return row!.id;
  }

  async function call(db: Db, personId: string, sessionId: string, slug: string, open = true): Promise<Answer> {
    const { data, error } = await db.rpc("signed_in_client_page", {
      p_person_id: personId,
      p_session_id: sessionId,
      p_session_hours: 12,
      p_slug: slug,
      p_open: open,
    });
    if (error) throw new Error(error.message);
    return data as unknown as Answer;
  }

  async function visits(personId: string, clientId: string) {
    return sql("select 1 from public.client_visits where person_id = $1 and client_id = $2", [personId, clientId]);
  }

  it("gives a live session's viewer as current_viewer does and the page as client_page does", async () => {
    const db = w.db.deciderA;
    const me = w.person.deciderA;
    const sessionId = await session(me.id);
    const answer = await call(db, me.id, sessionId, w.a.client.slug, false);
    expect(answer.live).toBe(true);
    expect(answer.viewer).toEqual(await readViewer(db, me.id, sessionId));
    expect(normalise(answer.page)).toEqual(normalise(await readClientPage(db, w.a.client.slug)));
    expect(answer.page!.client.name).toBe(w.a.client.name);
  });

  it("opens the page (records the visit) for a live session, in one round trip", async () => {
    const me = w.person.approverA;
    const { db, requests } = await asPersonCounting(me.id);
    const answer = await call(db, me.id, await session(me.id), w.a.client.slug);
    expect(requests).toHaveLength(1);
    expect(answer.page!.previous_visit).toBeNull();
    expect(await visits(me.id, w.a.client.id)).toHaveLength(1);
  });

  it("reads no page and records no visit for a signed-out, expired or someone else's session", async () => {
    const me = w.person.deciderA;
    const db = await asPerson(me.id);
    const pm = w.a.pm;
    const before = [await visits(me.id, w.a.client.id), await visits(pm.id, w.a.client.id)];
    const cases: [string, string, string][] = [
      ["signed out", me.id, await session(me.id, { revoked: true })],
      ["older than the session's length", me.id, await session(me.id, { hoursAgo: 13 })],
      ["someone else's session under one's own id", me.id, await session(pm.id)],
      ["someone else's id and session", pm.id, await session(pm.id)],
      ["a session that does not exist", me.id, "00000000-0000-4000-8000-000000000000"],
    ];
    for (const [what, personId, sessionId] of cases) {
      const answer = await call(db, personId, sessionId, w.a.client.slug);
      expect(answer.page, what).toBeNull();
      expect(answer.live, what).toBe(false);
    }
    expect([await visits(me.id, w.a.client.id), await visits(pm.id, w.a.client.id)]).toEqual(before);
    expect(before[0]).toEqual([]);
    // The same person with a live session reads the page.
    expect((await call(db, me.id, await session(me.id, { hoursAgo: 11 }), w.a.client.slug)).page).not.toBeNull();
  });

  it("gives no page of another tenant's client, and records no visit there", async () => {
    const me = w.person.contactB;
    const answer = await call(w.db.contactB, me.id, await session(me.id), w.a.client.slug);
    expect(answer.viewer).toMatchObject({ id: me.id });
    expect(answer.page).toBeNull();
    expect(await visits(me.id, w.a.client.id)).toEqual([]);
  });

  it("50 opens at once at the start of a visit: one visit row, every answer with the same previous visit", async () => {
    const me = w.person.deciderA;
    await sql("delete from public.client_visits where person_id = $1 and client_id = $2", [me.id, w.a.client.id]);
    const sessionId = await session(me.id);
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(w.db.deciderA, me.id, sessionId, w.a.client.slug)));
    expect(answers.every((a) => a.page !== null)).toBe(true);
    expect(new Set(answers.map((a) => a.page!.previous_visit)).size).toBe(1);
    expect(await visits(me.id, w.a.client.id)).toHaveLength(1);
  });

  it("anon may not call it", async () => {
    const { error } = await w.db.anon.rpc("signed_in_client_page", {
      p_person_id: DANA,
      p_session_id: DANA,
      p_session_hours: 12,
      p_slug: NORTHWIND,
    });
    expect(error?.code).toBe("42501");
  });
});

describe("signed_in_requirement_page and signed_in_portfolio_page: the session check and the page in one call", () => {
  async function session(personId: string, { revoked = false } = {}) {
    const [row] = await sql<{ id: string }>(
      "insert into public.auth_sessions (person_id, revoked_at) values ($1, case when $2 then now() end) returning id",
      [personId, revoked],
    );
    return row!.id;
  }
  const hours = { p_session_hours: 12 };

  it("a contact's live session gives the requirement page as requirement_page does; a signed-out one gives none", async () => {
    const db = w.db.approverA;
    const me = w.person.approverA;
    const args = { p_slug: w.a.client.slug, p_document_id: documentA };
    const live = await db.rpc("signed_in_requirement_page", { p_person_id: me.id, p_session_id: await session(me.id), ...hours, ...args });
    expect(live.error).toBeNull();
    expect(live.data).toMatchObject({ live: true, viewer: { id: me.id } });
    expect(normalise((live.data as { page: unknown }).page)).toEqual(normalise(await readRequirementPage(db, w.a.client.slug, documentA)));
    expect((live.data as { page: unknown }).page).not.toBeNull();
    const ended = await db.rpc("signed_in_requirement_page", { p_person_id: me.id, p_session_id: await session(me.id, { revoked: true }), ...hours, ...args });
    expect(ended.data).toMatchObject({ live: false, page: null });
    // Another tenant's contact, live: no page of A's document.
    const other = w.person.contactB;
    const foreign = await w.db.contactB.rpc("signed_in_requirement_page", { p_person_id: other.id, p_session_id: await session(other.id), ...hours, ...args });
    expect(foreign.data).toMatchObject({ live: true, page: null });
  });

  it("a PM's live session gives the staff home as portfolio_page does; a signed-out one gives none", async () => {
    const db = w.db.pmA;
    const me = w.a.pm;
    const live = await db.rpc("signed_in_portfolio_page", { p_person_id: me.id, p_session_id: await session(me.id), ...hours });
    expect(live.error).toBeNull();
    const page = (live.data as { page: { rows: { slug: string }[] } }).page;
    expect(live.data).toMatchObject({ live: true, viewer: { id: me.id } });
    expect(page).toEqual((await db.rpc("portfolio_page", {})).data);
    expect(page.rows.map((r) => r.slug)).toContain(w.a.client.slug);
    const ended = await db.rpc("signed_in_portfolio_page", { p_person_id: me.id, p_session_id: await session(me.id, { revoked: true }), ...hours });
    expect(ended.data).toMatchObject({ live: false, page: null });
  });

  it("anon may call neither", async () => {
    const requirement = await w.db.anon.rpc("signed_in_requirement_page", { p_person_id: DANA, p_session_id: DANA, ...hours, p_slug: NORTHWIND, p_document_id: NORTHWIND_DOCUMENT });
    const portfolio = await w.db.anon.rpc("signed_in_portfolio_page", { p_person_id: DANA, p_session_id: DANA, ...hours });
    expect([requirement.error?.code, portfolio.error?.code]).toEqual(["42501", "42501"]);
  });
});
