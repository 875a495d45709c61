// PM updates, decision replies and page visits (migration 20261201000800),
// attacked through PostgREST with real JWTs: every actor of the security world
// reads, writes, edits and deletes each table and calls each function.
//
// Tenant A is the target, B the neighbour. Each tenant has an update visible to
// its contacts that asks A's approver for a decision (with that approver's
// reply), and a staff-only update.
import type { PostgrestError, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTORS,
  disposeWorld,
  freshContact,
  freshMilestone,
  freshPhase,
  readRow,
  readRows,
  seedRow,
  seedWorld,
  type Row,
  type StandardActor,
  type World,
} from "../support/attack";
import { asPerson, serviceDb, type Db } from "../support/stack";

type Seeded = { visible: Row; internal: Row; plain: Row };

let w: World;
let seeded: { a: Seeded; b: Seeded };

const untyped = (db: Db) => db as unknown as SupabaseClient;

async function seedUpdates(t: "a" | "b"): Promise<Seeded> {
  const tenant = w[t];
  const visible = await seedRow("client_updates", {
    client_id: tenant.client.id,
    title: `${t.toUpperCase()}: carrier decision`,
    body_markdown: "Which carrier file format do you want?",
    decision_needed: true,
    decision_due: "2027-03-10",
    decision_from: tenant.contacts.approver.id,
    author_id: tenant.pm.id,
  });
  const internal = await seedRow("client_updates", {
    client_id: tenant.client.id,
    title: `${t.toUpperCase()}: staff only`,
    body_markdown: "The carrier is late again; do not tell the client yet.",
    is_internal: true,
    author_id: tenant.pm.id,
  });
  const plain = await seedRow("client_updates", {
    client_id: tenant.client.id,
    title: `${t.toUpperCase()}: week 3`,
    body_markdown: "All on track.",
    author_id: tenant.serviceTeam.id,
  });
  const approver = await asPerson(tenant.contacts.approver.id);
  const { error } = await approver.rpc("reply_to_update", { p_update: String(visible.id), p_answer: "Format B", p_comment: "As discussed." });
  if (error) throw new Error(`seeding a reply failed: ${error.message}`);
  return { visible, internal, plain };
}

beforeAll(async () => {
  w = await seedWorld();
  seeded = { a: await seedUpdates("a"), b: await seedUpdates("b") };
});

afterAll(async () => {
  if (w) await disposeWorld(w);
});

const titlesSeenBy = async (actor: StandardActor) => {
  const { data, error } = await w.db[actor].from("client_updates").select("title").in("client_id", [w.a.client.id, w.b.client.id]);
  if (actor === "anon") return { error };
  expect(error).toBeNull();
  return { titles: (data ?? []).map((r) => r.title).sort() };
};

/** A failure's SQLSTATE (or "ok"), for one-line expectations. */
const code = (r: { error: PostgrestError | null }) => (r.error ? r.error.code : "ok");

describe("client_updates: who reads which update", () => {
  const A = ["A: carrier decision", "A: week 3"];
  const B = ["B: carrier decision", "B: week 3"];
  const expected: Record<StandardActor, string[] | "denied"> = {
    anon: "denied",
    viewerA: A,
    approverA: A,
    deciderA: A,
    contactB: B,
    unassignedStaff: [],
    pmA: [...A, "A: staff only"].sort(),
    serviceTeamA: [...A, "A: staff only"].sort(),
    admin: [...A, "A: staff only", ...B, "B: staff only"].sort(),
  };
  for (const actor of ACTORS) {
    it(`${actor} sees ${expected[actor] === "denied" ? "nothing (no grant)" : (expected[actor] as string[]).join(", ") || "nothing"}`, async () => {
      const seen = await titlesSeenBy(actor);
      if (expected[actor] === "denied") expect(seen.error?.code).toBe("42501");
      else expect(seen.titles).toEqual(expected[actor]);
    });
  }

  it("a contact cannot reach a staff-only update by id, embedded in the client, or through its replies", async () => {
    const db = w.db.viewerA;
    const id = String(seeded.a.internal.id);
    expect((await db.from("client_updates").select("id").eq("id", id)).data).toEqual([]);
    const { data } = await db.from("clients").select("id, client_updates(title, body_markdown)").eq("id", w.a.client.id).single();
    expect(JSON.stringify(data)).not.toContain("do not tell the client");
    expect((await db.from("update_replies").select("update_id").eq("update_id", id)).data).toEqual([]);
  });
});

describe("client_updates: posting", () => {
  const row = (overrides: Row = {}) => ({ client_id: w.a.client.id, title: "Posted by an attacker?", body_markdown: "Hello", ...overrides });
  const expected: Record<StandardActor, string> = {
    anon: "42501",
    viewerA: "42501",
    approverA: "42501",
    deciderA: "42501",
    contactB: "42501",
    unassignedStaff: "42501",
    pmA: "ok",
    serviceTeamA: "ok",
    admin: "ok",
  };
  for (const actor of ACTORS) {
    it(`${actor}: insert ${expected[actor]}, post_client_update ${expected[actor]}`, async () => {
      const title = `insert by ${actor}`;
      const inserted = await untyped(w.db[actor]).from("client_updates").insert(row({ title })).select("id, author_id");
      expect(code(inserted)).toBe(expected[actor]);
      const posted = await w.db[actor].rpc("post_client_update", { p_client: w.a.client.id, p_title: `rpc by ${actor}`, p_body_markdown: "Hello" });
      expect(code(posted)).toBe(expected[actor]);
      const saved = await readRows("client_updates", { client_id: w.a.client.id });
      const mine = saved.filter((r) => r.title === title || r.title === `rpc by ${actor}`);
      if (expected[actor] === "ok") {
        expect(mine).toHaveLength(2);
        // The author is whoever posted it, whatever the request said.
        for (const r of mine) expect(r.author_id).toBe(w.person[actor as Exclude<StandardActor, "anon">].id);
      } else expect(mine).toEqual([]);
    });
  }

  it("the author, the time and the edited mark cannot be supplied", async () => {
    for (const extra of [{ author_id: w.a.serviceTeam.id }, { created_at: "2020-01-01T00:00:00Z" }, { edited_at: "2020-01-01T00:00:00Z" }]) {
      const r = await untyped(w.db.pmA).from("client_updates").insert(row(extra)).select("id");
      expect(code(r)).toBe("42501");
    }
  });

  it("another client's contact cannot be asked for the decision; a staff-only update asks no one", async () => {
    const cases: [Row, string][] = [
      [{ decision_needed: true, decision_from: w.b.contacts.approver.id }, "23514"],
      [{ decision_needed: true, decision_from: w.a.pm.id }, "23514"],
      [{ decision_needed: true, is_internal: true, decision_from: w.a.contacts.approver.id }, "23514"],
      [{ decision_needed: false, decision_from: w.a.contacts.approver.id }, "23514"],
    ];
    for (const [extra, expectedCode] of cases) {
      const r = await untyped(w.db.pmA).from("client_updates").insert(row({ title: "bad decision", ...extra })).select("id");
      expect(code(r), JSON.stringify(extra)).toBe(expectedCode);
    }
    expect(await readRows("client_updates", { title: "bad decision" })).toEqual([]);
  });

  it("links only to this client's milestones and documents; a client-visible update not to an internal milestone", async () => {
    const phaseB = await freshPhase(w.b.client.id);
    const milestoneB = await freshMilestone(w.b.client.id, String(phaseB.id));
    const phaseA = await freshPhase(w.a.client.id);
    const internalA = await freshMilestone(w.a.client.id, String(phaseA.id), { isInternal: true });
    const documentB = await seedRow("requirement_documents", { client_id: w.b.client.id, title: "B's document" });
    const bad: Row[] = [{ milestone_id: milestoneB.id }, { requirement_document_id: documentB.id }, { milestone_id: internalA.id }];
    for (const extra of bad) {
      const r = await untyped(w.db.pmA).from("client_updates").insert(row({ title: "bad link", ...extra })).select("id");
      expect(code(r), JSON.stringify(extra)).toBe("23514");
    }
    // A staff-only update may point at an internal milestone.
    const ok = await untyped(w.db.pmA).from("client_updates").insert(row({ title: "internal link", is_internal: true, milestone_id: internalA.id })).select("id");
    expect(code(ok)).toBe("ok");
    expect(await readRows("client_updates", { title: "bad link" })).toEqual([]);
  });
});

describe("client_updates: editing and deleting", () => {
  const fresh = (authorId: string, extra: Row = {}) =>
    seedRow("client_updates", { client_id: w.a.client.id, title: "Editable", body_markdown: "Before", author_id: authorId, ...extra });

  // The author or the PM (or an admin) edits; nobody else, and no contact.
  const expected: Record<StandardActor, "ok" | "none" | "denied"> = {
    anon: "denied",
    viewerA: "none",
    approverA: "none",
    deciderA: "none",
    contactB: "none",
    unassignedStaff: "none",
    pmA: "ok",
    serviceTeamA: "ok", // the author below
    admin: "ok",
  };
  for (const actor of ACTORS) {
    it(`${actor} editing the service team's update: ${expected[actor]}; deleting it: ${expected[actor]}`, async () => {
      const row = await fresh(w.a.serviceTeam.id);
      const edited = await untyped(w.db[actor]).from("client_updates").update({ body_markdown: `After, by ${actor}` }).eq("id", row.id).select("id");
      const after = await readRow("client_updates", { id: String(row.id) });
      if (expected[actor] === "ok") {
        expect(edited.data).toHaveLength(1);
        expect(after?.body_markdown).toBe(`After, by ${actor}`);
        expect(after?.edited_at).not.toBeNull();
        expect(after?.author_id).toBe(w.a.serviceTeam.id);
      } else {
        expect(expected[actor] === "denied" ? code(edited) : edited.data).toEqual(expected[actor] === "denied" ? "42501" : []);
        expect(after?.body_markdown).toBe("Before");
        expect(after?.edited_at).toBeNull();
      }
      const deleted = await untyped(w.db[actor]).from("client_updates").delete().eq("id", row.id).select("id");
      const gone = !(await readRow("client_updates", { id: String(row.id) }));
      expect(gone).toBe(expected[actor] === "ok");
      if (expected[actor] === "denied") expect(code(deleted)).toBe("42501");
    });
  }

  it("a team member who is not the author or the PM cannot edit the PM's update", async () => {
    const row = await fresh(w.a.pm.id);
    const r = await untyped(w.db.serviceTeamA).from("client_updates").update({ title: "Hijacked" }).eq("id", row.id).select("id");
    expect(r.data).toEqual([]);
    expect((await readRow("client_updates", { id: String(row.id) }))?.title).toBe("Editable");
  });

  it("a contact cannot turn a staff-only update visible, nor move an update to another client", async () => {
    const row = await fresh(w.a.pm.id, { is_internal: true });
    const flip = await untyped(w.db.approverA).from("client_updates").update({ is_internal: false }).eq("id", row.id).select("id");
    expect(flip.data ?? []).toEqual([]);
    const move = await untyped(w.db.pmA).from("client_updates").update({ client_id: w.b.client.id }).eq("id", row.id).select("id");
    expect(code(move)).toBe("42501");
    expect(await readRow("client_updates", { id: String(row.id) })).toMatchObject({ is_internal: true, client_id: w.a.client.id });
  });

  it("saving without a change leaves no edited mark; the author and time cannot be edited", async () => {
    const row = await fresh(w.a.pm.id);
    await w.db.pmA.from("client_updates").update({ title: "Editable", body_markdown: "Before" }).eq("id", String(row.id));
    expect((await readRow("client_updates", { id: String(row.id) }))?.edited_at).toBeNull();
    for (const extra of [{ author_id: w.a.serviceTeam.id }, { created_at: "2020-01-01T00:00:00Z" }, { edited_at: null }]) {
      const r = await untyped(w.db.pmA).from("client_updates").update(extra).eq("id", row.id).select("id");
      expect(code(r)).toBe("42501");
    }
  });
});

describe("update_replies: answering a decision request", () => {
  const reply = (actor: StandardActor, updateId: unknown, answer = `Answer by ${actor}`) =>
    w.db[actor].rpc("reply_to_update", { p_update: String(updateId), p_answer: answer });

  it("who reads the replies: the client's staff and contacts, on updates they can see", async () => {
    const seen = async (actor: StandardActor) =>
      ((await w.db[actor].from("update_replies").select("update_id").in("client_id", [w.a.client.id, w.b.client.id])).data ?? [])
        .map((r) => r.update_id)
        .sort();
    const A = [String(seeded.a.visible.id)];
    const B = [String(seeded.b.visible.id)];
    expect(await seen("viewerA")).toEqual(A);
    expect(await seen("deciderA")).toEqual(A);
    expect(await seen("pmA")).toEqual(A);
    expect(await seen("serviceTeamA")).toEqual(A);
    expect(await seen("contactB")).toEqual(B);
    expect(await seen("unassignedStaff")).toEqual([]);
    expect(await seen("admin")).toEqual([...A, ...B].sort());
    expect(code(await w.db.anon.from("update_replies").select("update_id"))).toBe("42501");
  });

  const expected: Record<StandardActor, string> = {
    anon: "42501",
    viewerA: "ok",
    approverA: "ok",
    deciderA: "ok",
    contactB: "42501",
    unassignedStaff: "42501",
    pmA: "42501",
    serviceTeamA: "42501",
    admin: "42501",
  };
  for (const actor of ACTORS) {
    it(`${actor} replying to A's decision request: ${expected[actor]}`, async () => {
      const update = await seedRow("client_updates", {
        client_id: w.a.client.id,
        title: "Decide",
        body_markdown: "Please decide.",
        decision_needed: true,
        author_id: w.a.pm.id,
      });
      expect(code(await reply(actor, update.id))).toBe(expected[actor]);
      const rows = await readRows("update_replies", { update_id: String(update.id) });
      expect(rows.map((r) => r.answer)).toEqual(expected[actor] === "ok" ? [`Answer by ${actor}`] : []);
    });
  }

  it("no reply to a staff-only update, another client's update, or an update that asks no decision", async () => {
    expect(code(await reply("approverA", seeded.a.internal.id))).toBe("42501");
    expect(code(await reply("approverA", seeded.b.visible.id))).toBe("42501");
    expect(code(await reply("approverA", seeded.a.plain.id))).toBe("PT409");
    expect(await readRows("update_replies", { update_id: String(seeded.a.internal.id) })).toEqual([]);
    expect(await readRows("update_replies", { update_id: String(seeded.a.plain.id) })).toEqual([]);
  });

  it("a contact writes only their own reply: no other person, no other client, no one else's edit", async () => {
    const id = String(seeded.a.visible.id);
    const spoof = await untyped(w.db.deciderA).from("update_replies").insert({ update_id: id, answer: "Forged", person_id: w.a.contacts.viewer.id }).select("*");
    expect(code(spoof)).toBe("42501");
    const otherClient = await untyped(w.db.deciderA).from("update_replies").insert({ update_id: id, answer: "Moved", client_id: w.b.client.id }).select("*");
    expect(code(otherClient)).toBe("42501");
    const edit = await w.db.deciderA.from("update_replies").update({ answer: "Overwritten" }).eq("update_id", id).eq("person_id", w.a.contacts.approver.id).select("*");
    expect(edit.data).toEqual([]);
    const del = await untyped(w.db.approverA).from("update_replies").delete().eq("update_id", id).select("*");
    expect(code(del)).toBe("42501");
    expect(await readRow("update_replies", { update_id: id, person_id: w.a.contacts.approver.id })).toMatchObject({ answer: "Format B" });
  });

  it("replies vanish from contacts when their update becomes staff-only", async () => {
    const update = await seedRow("client_updates", {
      client_id: w.a.client.id,
      title: "Soon internal",
      body_markdown: "Decide please.",
      decision_needed: true,
      author_id: w.a.pm.id,
    });
    expect(code(await reply("viewerA", update.id, "Yes"))).toBe("ok");
    await serviceDb().from("client_updates").update({ decision_needed: false, is_internal: true }).eq("id", String(update.id));
    expect((await w.db.viewerA.from("update_replies").select("answer").eq("update_id", String(update.id))).data).toEqual([]);
    expect((await w.db.pmA.from("update_replies").select("answer").eq("update_id", String(update.id))).data).toEqual([{ answer: "Yes" }]);
  });

  it("50 replies at once from one contact leave exactly one, the answer of one of them", async () => {
    const update = await seedRow("client_updates", {
      client_id: w.a.client.id,
      title: "Race",
      body_markdown: "Decide quickly.",
      decision_needed: true,
      author_id: w.a.pm.id,
    });
    const answers = Array.from({ length: 50 }, (_, i) => `Answer ${i}`);
    const results = await Promise.all(answers.map((a) => reply("deciderA", update.id, a)));
    expect(results.map(code)).toEqual(answers.map(() => "ok"));
    const rows = await readRows("update_replies", { update_id: String(update.id) });
    expect(rows).toHaveLength(1);
    expect(answers).toContain(rows[0]!.answer);
    expect(rows[0]!.person_id).toBe(w.a.contacts.decision_maker.id);
  });

  it("50 contacts replying at once leave 50 replies, one each", async () => {
    const update = await seedRow("client_updates", {
      client_id: w.a.client.id,
      title: "Everyone decides",
      body_markdown: "Vote.",
      decision_needed: true,
      author_id: w.a.pm.id,
    });
    const contacts = await Promise.all(Array.from({ length: 50 }, () => freshContact(w.a.client.id)));
    const dbs = await Promise.all(contacts.map((c) => asPerson(c.id)));
    const results = await Promise.all(dbs.map((db, i) => db.rpc("reply_to_update", { p_update: String(update.id), p_answer: `Vote ${i}` })));
    expect(results.map(code)).toEqual(contacts.map(() => "ok"));
    const rows = await readRows("update_replies", { update_id: String(update.id) });
    expect(rows.map((r) => r.person_id).sort()).toEqual(contacts.map((c) => c.id).sort());
    await serviceDb().from("people").delete().in("id", contacts.map((c) => c.id));
  });
});

describe("client_visits: each person's own, written by the database", () => {
  it("the first visit returns null; a visit lasts while the page is opened within 30 minutes; nobody else sees them", async () => {
    const contact = await freshContact(w.a.client.id);
    const db = await asPerson(contact.id);
    const first = await db.rpc("record_client_visit", { p_slug: w.a.client.slug });
    expect(first).toMatchObject({ error: null, data: null });
    const stored = await readRow("client_visits", { person_id: contact.id });
    // Opened again at once: the same visit, so still no previous one, and nothing written.
    expect(await db.rpc("record_client_visit", { p_slug: w.a.client.slug })).toMatchObject({ error: null, data: null });
    expect(await readRow("client_visits", { person_id: contact.id })).toEqual(stored);

    // 31 minutes without opening it: the next open starts a new visit, and the
    // previous one ended when the page was last opened.
    const ended = new Date(Date.now() - 31 * 60_000).toISOString();
    await serviceDb().from("client_visits").update({ last_seen_at: ended }).eq("person_id", contact.id);
    const second = await db.rpc("record_client_visit", { p_slug: w.a.client.slug });
    expect(second.error).toBeNull();
    expect(Date.parse(second.data!)).toBe(Date.parse(ended));
    const now = await readRow("client_visits", { person_id: contact.id });
    expect(Date.parse(String(now!.last_seen_at))).toBeGreaterThan(Date.parse(ended));
    // Within this visit the answer stays the end of the previous one.
    const again = await db.rpc("record_client_visit", { p_slug: w.a.client.slug });
    expect(Date.parse(again.data!)).toBe(Date.parse(ended));

    // Opened 20 minutes after the last open: still the same visit, and the row is refreshed.
    const recent = new Date(Date.now() - 20 * 60_000).toISOString();
    await serviceDb().from("client_visits").update({ last_seen_at: recent }).eq("person_id", contact.id);
    const same = await db.rpc("record_client_visit", { p_slug: w.a.client.slug });
    expect(Date.parse(same.data!)).toBe(Date.parse(ended));
    expect(Date.parse(String((await readRow("client_visits", { person_id: contact.id }))!.last_seen_at))).toBeGreaterThan(Date.parse(recent));

    for (const actor of ACTORS.filter((a) => a !== "anon")) {
      const seen = await w.db[actor].from("client_visits").select("person_id").eq("person_id", contact.id);
      expect(seen.data, actor).toEqual([]);
    }
    expect(code(await w.db.anon.from("client_visits").select("person_id"))).toBe("42501");
  });

  it("50 opens at once at the start of a visit keep one row and all answer the same previous visit", async () => {
    const contact = await freshContact(w.a.client.id);
    const db = await asPerson(contact.id);
    await db.rpc("record_client_visit", { p_slug: w.a.client.slug });
    const ended = new Date(Date.now() - 45 * 60_000).toISOString();
    await serviceDb().from("client_visits").update({ last_seen_at: ended }).eq("person_id", contact.id);
    const results = await Promise.all(Array.from({ length: 50 }, () => db.rpc("record_client_visit", { p_slug: w.a.client.slug })));
    expect(results.map((r) => r.error)).toEqual(results.map(() => null));
    expect(new Set(results.map((r) => Date.parse(r.data!)))).toEqual(new Set([Date.parse(ended)]));
    const rows = await readRows("client_visits", { person_id: contact.id });
    expect(rows).toHaveLength(1);
    expect(Date.parse(String(rows[0]!.previous_seen_at))).toBe(Date.parse(ended));
  });

  it("a page the person cannot see records nothing", async () => {
    for (const actor of ["contactB", "unassignedStaff"] as const) {
      const r = await w.db[actor].rpc("record_client_visit", { p_slug: w.a.client.slug });
      expect(r).toMatchObject({ error: null, data: null });
      expect(await readRows("client_visits", { person_id: w.person[actor].id, client_id: w.a.client.id })).toEqual([]);
    }
    expect(code(await w.db.anon.rpc("record_client_visit", { p_slug: w.a.client.slug }))).toBe("42501");
  });

  it("times come from the database; no one writes another person's visit or deletes one", async () => {
    await w.db.viewerA.rpc("record_client_visit", { p_slug: w.a.client.slug });
    const spoof = await untyped(w.db.viewerA).from("client_visits").insert({ client_id: w.b.client.id }).select("*");
    expect(code(spoof)).toBe("42501");
    const forOther = await untyped(w.db.viewerA).from("client_visits").insert({ client_id: w.a.client.id, person_id: w.a.contacts.approver.id }).select("*");
    expect(code(forOther)).toBe("42501");
    const future = await w.db.viewerA.from("client_visits").update({ last_seen_at: "2999-01-01T00:00:00Z" }).eq("person_id", w.a.contacts.viewer.id).select("*");
    expect(future.error).toBeNull();
    expect(Date.parse(String((await readRow("client_visits", { person_id: w.a.contacts.viewer.id }))!.last_seen_at))).toBeLessThan(Date.parse("2999-01-01"));
    const prev = await untyped(w.db.viewerA).from("client_visits").update({ previous_seen_at: null }).eq("person_id", w.a.contacts.viewer.id).select("*");
    expect(code(prev)).toBe("42501");
    const other = await w.db.pmA.from("client_visits").update({ last_seen_at: new Date().toISOString() }).eq("person_id", w.a.contacts.viewer.id).select("*");
    expect(other.data).toEqual([]);
    const del = await untyped(w.db.viewerA).from("client_visits").delete().eq("person_id", w.a.contacts.viewer.id).select("*");
    expect(code(del)).toBe("42501");
  });
});
