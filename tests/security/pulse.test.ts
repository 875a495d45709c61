// The pulse, concerns and the dissatisfier register (migration 20261201001200),
// attacked through PostgREST with real JWTs: who reads which rows of the five
// tables, that nobody writes them except through the five RPCs, what each RPC
// does for every actor, and the rules that open a dissatisfier (including 50
// identical answers at once). Registered in tests/security/rls-matrix.test.ts as
// attacked in its own file.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTORS, disposeWorld, seedWorld, type StandardActor, type World } from "../support/attack";
import { asPerson, sql } from "../support/stack";
import { assignStaff, seedStaff, type SeededPerson } from "../support/tenants";

let w: World;
let rm: SeededPerson;
const ids = { pulseA: "", pulseB: "", answerViewerA: "", answerApproverA: "", answerB: "", concernB: "", dA: "", dB: "" };
const untyped = (actor: StandardActor) => w.db[actor] as unknown as SupabaseClient;

async function rpcAs(actor: StandardActor, fn: string, args: Record<string, unknown>) {
  return untyped(actor).rpc(fn, args);
}

async function must<T>(p: PromiseLike<{ data: T; error: { message: string } | null }>): Promise<T> {
  const { data, error } = await p;
  if (error) throw new Error(error.message);
  return data;
}

async function newPulse(clientId: string, at?: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    "insert into public.pulses (client_id, created_at) values ($1, coalesce($2::timestamptz, now())) returning id",
    [clientId, at ?? null],
  );
  return row.id;
}

const dissatisfiersOf = (clientId: string) =>
  sql<{ id: string; source: string; answer_id: string | null; raised_by: string | null; severity: string }>(
    "select id, source, answer_id, raised_by, severity from public.dissatisfiers where client_id = $1 order by created_at",
    [clientId],
  );

const mailsAbout = (dissatisfierId: string) =>
  sql<{ recipient: string; props: Record<string, unknown> }>(
    "select recipient, props from public.email_outbox where idempotency_key like $1 order by recipient",
    [`dissatisfier-opened:${dissatisfierId}:%`],
  );

beforeAll(async () => {
  w = await seedWorld();
  rm = await seedStaff("sec-rm");
  await assignStaff(w.a.client.id, rm, "relationship_manager");
  ids.pulseA = await newPulse(w.a.client.id);
  ids.pulseB = await newPulse(w.b.client.id);
  const va = await must(untyped("viewerA").rpc("answer_pulse", { p_pulse: ids.pulseA, p_score: 4, p_comment: "viewer A's private comment" }));
  ids.answerViewerA = (va as { id: string }).id;
  const aa = await must(untyped("approverA").rpc("answer_pulse", { p_pulse: ids.pulseA, p_score: 2, p_comment: "too slow" }));
  ids.answerApproverA = (aa as { id: string }).id;
  const ab = await must(untyped("contactB").rpc("answer_pulse", { p_pulse: ids.pulseB, p_score: 5 }));
  ids.answerB = (ab as { id: string }).id;
  const cb = await must(untyped("contactB").rpc("raise_concern", { p_client: w.b.client.id, p_body: "B's concern" }));
  ids.concernB = (cb as { id: string }).id;
  ids.dA = (await dissatisfiersOf(w.a.client.id))[0]!.id;
  ids.dB = (await dissatisfiersOf(w.b.client.id))[0]!.id;
  await sql("update public.dissatisfier_notes set notes = 'internal: client is grumpy' where dissatisfier_id = any($1::uuid[])", [
    [ids.dA, ids.dB],
  ]);
});

afterAll(async () => {
  if (!w) return;
  await sql("delete from public.email_outbox where client_id = any($1::uuid[])", [[w.a.client.id, w.b.client.id]]);
  await sql("delete from public.people where id = $1", [rm.id]);
  await disposeWorld(w);
});

// ---------------------------------------------------------------- reads

type Seen = string[] | "denied";
const label = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? `other:${id}`;

const VISIBILITY: { table: string; key: string; sees: Record<StandardActor, Seen> }[] = [
  {
    table: "pulses",
    key: "id",
    sees: {
      anon: "denied",
      viewerA: ["pulseA"],
      approverA: ["pulseA"],
      deciderA: ["pulseA"],
      contactB: ["pulseB"],
      unassignedStaff: [],
      pmA: ["pulseA"],
      serviceTeamA: ["pulseA"],
      admin: ["pulseA", "pulseB"],
    },
  },
  {
    table: "pulse_answers",
    key: "id",
    sees: {
      anon: "denied",
      viewerA: ["answerViewerA"],
      approverA: ["answerApproverA"],
      deciderA: [],
      contactB: ["answerB"],
      unassignedStaff: [],
      pmA: ["answerApproverA", "answerViewerA"],
      serviceTeamA: ["answerApproverA", "answerViewerA"],
      admin: ["answerApproverA", "answerB", "answerViewerA"],
    },
  },
  {
    table: "concerns",
    key: "id",
    sees: {
      anon: "denied",
      viewerA: [],
      approverA: [],
      deciderA: [],
      contactB: ["concernB"],
      unassignedStaff: [],
      pmA: [],
      serviceTeamA: [],
      admin: ["concernB"],
    },
  },
  {
    table: "dissatisfiers",
    key: "id",
    sees: {
      anon: "denied",
      viewerA: [],
      approverA: ["dA"],
      deciderA: [],
      contactB: ["dB"],
      unassignedStaff: [],
      pmA: ["dA"],
      serviceTeamA: ["dA"],
      admin: ["dA", "dB"],
    },
  },
  {
    table: "dissatisfier_notes",
    key: "dissatisfier_id",
    sees: {
      anon: "denied",
      viewerA: [],
      approverA: [],
      deciderA: [],
      contactB: [],
      unassignedStaff: [],
      pmA: ["dA"],
      serviceTeamA: ["dA"],
      admin: ["dA", "dB"],
    },
  },
];

describe("select: who reads which rows", () => {
  for (const v of VISIBILITY) {
    describe(v.table, () => {
      for (const actor of ACTORS) {
        const expected = v.sees[actor];
        it(`${actor} ${expected === "denied" ? "is denied (42501)" : `sees exactly [${expected.join(", ")}]`}`, async () => {
          const { data, error } = await untyped(actor)
            .from(v.table)
            .select(v.key)
            .in("client_id", [w.a.client.id, w.b.client.id]);
          if (expected === "denied") {
            expect(error?.code).toBe("42501");
            return;
          }
          expect(error).toBeNull();
          const seen = (data as unknown as Record<string, string>[]).map((r) => label(r[v.key]!)).sort();
          expect(seen).toEqual([...expected].sort());
        });
      }
    });
  }
});

// ---------------------------------------------------------------- direct writes through PostgREST

// The RPCs write under RLS, so the same writes made directly are attacked here.
// ok: it worked; none: RLS hid the row (0 rows); denied: 42501 (no grant, or WITH CHECK).
type Out = "ok" | "none" | "denied";
const only = (allowed: StandardActor[], otherwise: Out = "denied", anon: Out = "denied") =>
  Object.fromEntries(ACTORS.map((a) => [a, allowed.includes(a) ? "ok" : a === "anon" ? anon : otherwise])) as Record<StandardActor, Out>;
const nobody = only([]);
const STAFF_A: StandardActor[] = ["pmA", "serviceTeamA", "admin"];

type Write = {
  table: string;
  key: string;
  insert: { row: () => Record<string, unknown>; expect: Record<StandardActor, Out> };
  update: { id: () => string; change: Record<string, unknown>; expect: Record<StandardActor, Out> };
  remove: { id: () => string; expect: Record<StandardActor, Out> };
};

const WRITES: Write[] = [
  {
    table: "pulses",
    key: "id",
    insert: { row: () => ({ client_id: w.a.client.id }), expect: only(["pmA", "admin"]) },
    update: { id: () => ids.pulseA, change: { created_at: "2000-01-01T00:00:00Z" }, expect: nobody },
    remove: { id: () => ids.pulseA, expect: nobody },
  },
  {
    table: "pulse_answers",
    key: "id",
    // As deciderA, on a fresh pulse: only deciderA may give deciderA's answer.
    insert: {
      row: () => ({ pulse_id: ids.pulseA, client_id: w.a.client.id, person_id: w.person.deciderA.id, score: 5 }),
      expect: only(["deciderA"]),
    },
    update: { id: () => ids.answerApproverA, change: { score: 2, comment: "changed" }, expect: only(["approverA"], "none") },
    remove: { id: () => ids.answerApproverA, expect: nobody },
  },
  {
    table: "concerns",
    key: "id",
    insert: { row: () => ({ client_id: w.a.client.id, person_id: w.person.deciderA.id, body: "direct" }), expect: only(["deciderA"]) },
    update: { id: () => ids.concernB, change: { body: "changed" }, expect: nobody },
    remove: { id: () => ids.concernB, expect: nobody },
  },
  {
    table: "dissatisfiers",
    key: "id",
    insert: { row: () => ({ client_id: w.a.client.id, summary: "direct", source: "call" }), expect: only(["pmA", "admin"]) },
    update: { id: () => ids.dA, change: { severity: "low" }, expect: only(STAFF_A, "none") },
    remove: { id: () => ids.dA, expect: nobody },
  },
  {
    table: "dissatisfier_notes",
    key: "dissatisfier_id",
    insert: { row: () => ({ dissatisfier_id: ids.dA, client_id: w.a.client.id, notes: "direct" }), expect: nobody },
    update: { id: () => ids.dA, change: { notes: "changed directly" }, expect: only(STAFF_A, "none") },
    remove: { id: () => ids.dA, expect: nobody },
  },
];

const snapshot = (table: string, key: string, id: string) => sql(`select * from public.${table} where ${key} = $1`, [id]);

describe("direct writes through PostgREST", () => {
  for (const t of WRITES) {
    describe(t.table, () => {
      for (const actor of ACTORS) {
        it(`${actor}: insert ${t.insert.expect[actor]}, update ${t.update.expect[actor]}, delete ${t.remove.expect[actor]}`, async () => {
          // insert (on a fresh pulse, so a unique answer is possible)
          const fresh = await newPulse(w.a.client.id, "1999-01-01T00:00:00Z");
          const row = { ...t.insert.row(), ...(t.table === "pulse_answers" ? { pulse_id: fresh } : {}) };
          const before = await sql<{ n: number }>(`select count(*)::int as n from public.${t.table} where client_id = $1`, [w.a.client.id]);
          const ins = await untyped(actor).from(t.table).insert(row);
          const after = await sql<{ n: number }>(`select count(*)::int as n from public.${t.table} where client_id = $1`, [w.a.client.id]);
          if (t.insert.expect[actor] === "ok") {
            expect(ins.error).toBeNull();
            expect(after[0]!.n).toBeGreaterThan(before[0]!.n);
            if (t.table === "pulses") await sql("delete from public.pulses where client_id = $1 and created_at > now() - interval '1 minute' and requested_by = $2", [w.a.client.id, w.person[actor as "pmA"].id]);
            if (t.table === "concerns") await sql("delete from public.concerns where body = 'direct'");
            if (t.table === "dissatisfiers") await sql("delete from public.dissatisfiers where summary = 'direct'");
          } else {
            expect(ins.error?.code).toBe("42501");
            expect(after[0]!.n).toBe(before[0]!.n);
          }
          await sql("delete from public.pulses where id = $1", [fresh]);

          // update
          const id = t.update.id();
          const was = await snapshot(t.table, t.key, id);
          const upd = await untyped(actor).from(t.table).update(t.update.change).eq(t.key, id).select(t.key);
          const now = await snapshot(t.table, t.key, id);
          if (t.update.expect[actor] === "ok") {
            expect(upd.error).toBeNull();
            expect(upd.data).toHaveLength(1);
            expect(now).not.toEqual(was);
            const restore = Object.fromEntries(Object.keys(t.update.change).map((k) => [k, (was[0] as Record<string, unknown>)[k]]));
            const cols = Object.keys(restore);
            await sql(
              `update public.${t.table} set ${cols.map((c, i) => `${c} = $${i + 2}`).join(", ")} where ${t.key} = $1`,
              [id, ...cols.map((c) => restore[c])],
            );
          } else {
            if (t.update.expect[actor] === "none") {
              expect(upd.error).toBeNull();
              expect(upd.data).toEqual([]);
            } else expect(upd.error?.code).toBe("42501");
            expect(now).toEqual(was);
          }

          // delete: nobody
          const del = await untyped(actor).from(t.table).delete().eq(t.key, t.remove.id()).select(t.key);
          expect(del.error?.code).toBe("42501");
          expect(await snapshot(t.table, t.key, t.remove.id())).toHaveLength(1);
        });
      }
    });
  }

  it("a contact's direct answer of 1 still opens a dissatisfier (the trigger, not the RPC, opens it)", async () => {
    const pulse = await newPulse(w.a.client.id, "1998-01-01T00:00:00Z");
    const { error } = await untyped("deciderA")
      .from("pulse_answers")
      .insert({ pulse_id: pulse, client_id: w.a.client.id, person_id: w.person.deciderA.id, score: 1 });
    expect(error).toBeNull();
    const [answer] = await sql<{ id: string }>("select id from public.pulse_answers where pulse_id = $1", [pulse]);
    expect((await dissatisfiersOf(w.a.client.id)).filter((d) => d.answer_id === answer!.id)).toHaveLength(1);
    await sql("delete from public.pulses where id = $1", [pulse]);
  });

  it("a contact cannot answer for another contact, or for another client's pulse", async () => {
    const forOther = await untyped("viewerA")
      .from("pulse_answers")
      .insert({ pulse_id: ids.pulseA, client_id: w.a.client.id, person_id: w.person.deciderA.id, score: 5 });
    expect(forOther.error?.code).toBe("42501");
    const crossClient = await untyped("viewerA")
      .from("pulse_answers")
      .insert({ pulse_id: ids.pulseB, client_id: w.a.client.id, person_id: w.person.viewerA.id, score: 5 });
    expect(crossClient.error?.code).toBe("42501");
  });
});

// ---------------------------------------------------------------- the RPCs, by every actor

const CONTACTS_OF_A: StandardActor[] = ["viewerA", "approverA", "deciderA"];

describe("answer_pulse", () => {
  for (const actor of ACTORS) {
    const allowed = CONTACTS_OF_A.includes(actor);
    it(`${actor} ${allowed ? "answers A's pulse as themselves" : "cannot answer A's pulse"}`, async () => {
      const pulse = await newPulse(w.a.client.id, "2000-01-01T00:00:00Z");
      const { data, error } = await rpcAs(actor, "answer_pulse", { p_pulse: pulse, p_score: 4 });
      const rows = await sql<{ person_id: string }>("select person_id from public.pulse_answers where pulse_id = $1", [pulse]);
      if (allowed) {
        expect(error).toBeNull();
        expect((data as { person_id: string }).person_id).toBe(w.person[actor as "viewerA"].id);
        expect(rows.map((r) => r.person_id)).toEqual([w.person[actor as "viewerA"].id]);
      } else {
        expect(error?.code).toBe(actor === "anon" ? "42501" : "PT404");
        expect(rows).toEqual([]);
      }
      await sql("delete from public.pulses where id = $1", [pulse]);
    });
  }

  it("refuses a score outside 1-5, naming the field", async () => {
    const { error } = await rpcAs("viewerA", "answer_pulse", { p_pulse: ids.pulseA, p_score: 6 });
    expect(error?.code).toBe("23514");
    expect(error?.hint).toBe("field:score");
  });
});

describe("raise_concern", () => {
  for (const actor of ACTORS) {
    const allowed = CONTACTS_OF_A.includes(actor);
    it(`${actor} ${allowed ? "raises a concern for A" : "cannot raise a concern for A"}`, async () => {
      const body = `concern by ${actor} ${Math.random()}`;
      const { error } = await rpcAs(actor, "raise_concern", { p_client: w.a.client.id, p_body: body });
      const rows = await sql<{ person_id: string }>("select person_id from public.concerns where body = $1", [body]);
      if (allowed) {
        expect(error).toBeNull();
        expect(rows.map((r) => r.person_id)).toEqual([w.person[actor as "viewerA"].id]);
      } else {
        expect(error?.code).toBe(actor === "anon" ? "42501" : "PT404");
        expect(rows).toEqual([]);
      }
      await sql("delete from public.concerns where body = $1", [body]);
    });
  }
});

describe("request_pulse and open_dissatisfier (the PM or an admin)", () => {
  for (const actor of ACTORS) {
    const allowed = actor === "pmA" || actor === "admin";
    it(`${actor} ${allowed ? "may" : "may not"} ask A for a pulse or open a dissatisfier by hand`, async () => {
      const before = await sql<{ n: number }>("select count(*)::int as n from public.pulses where client_id = $1", [w.a.client.id]);
      const pulse = await rpcAs(actor, "request_pulse", { p_client: w.a.client.id });
      const summary = `from a call ${Math.random()}`;
      const opened = await rpcAs(actor, "open_dissatisfier", { p_client: w.a.client.id, p_summary: summary, p_source: "call" });
      const after = await sql<{ n: number }>("select count(*)::int as n from public.pulses where client_id = $1", [w.a.client.id]);
      const rows = await sql("select 1 from public.dissatisfiers where summary = $1", [summary]);
      if (allowed) {
        expect(pulse.error).toBeNull();
        expect(opened.error).toBeNull();
        expect(after[0]!.n).toBe(before[0]!.n + 1);
        expect(rows).toHaveLength(1);
        await sql("delete from public.pulses where id = $1", [(pulse.data as { id: string }).id]);
        await sql("delete from public.dissatisfiers where summary = $1", [summary]);
      } else {
        expect(pulse.error?.code).toBe("42501");
        expect(opened.error?.code).toBe("42501");
        expect(after[0]!.n).toBe(before[0]!.n);
        expect(rows).toEqual([]);
      }
    });
  }
});

describe("update_dissatisfier (staff of the client)", () => {
  for (const actor of ACTORS) {
    const allowed = actor === "pmA" || actor === "serviceTeamA" || actor === "admin";
    it(`${actor} ${allowed ? "may" : "may not"} change A's dissatisfier`, async () => {
      const before = await sql("select status, resolution from public.dissatisfiers where id = $1", [ids.dA]);
      const { error } = await rpcAs(actor, "update_dissatisfier", {
        p_id: ids.dA,
        p_status: "in_progress",
        p_severity: "high",
        p_owner: null,
        p_due_date: null,
        p_triage_notes: `notes by ${actor}`,
        p_resolution: null,
      });
      if (allowed) {
        expect(error).toBeNull();
        const [notes] = await sql<{ notes: string }>("select notes from public.dissatisfier_notes where dissatisfier_id = $1", [ids.dA]);
        expect(notes!.notes).toBe(`notes by ${actor}`);
        await sql("update public.dissatisfiers set status = 'open' where id = $1", [ids.dA]);
      } else {
        expect(error?.code).toBe(actor === "anon" ? "42501" : "PT404");
        expect(await sql("select status, resolution from public.dissatisfiers where id = $1", [ids.dA])).toEqual(before);
      }
    });
  }

  it("refuses to resolve without a resolution for the client, naming the field", async () => {
    const { error } = await rpcAs("pmA", "update_dissatisfier", {
      p_id: ids.dA,
      p_status: "resolved",
      p_severity: "medium",
      p_owner: null,
      p_due_date: null,
      p_triage_notes: "",
      p_resolution: "  ",
    });
    expect(error?.code).toBe("23514");
    expect(error?.hint).toBe("field:resolution");
  });

  it("a contact reads the shared resolution of their own dissatisfier, never the triage notes", async () => {
    const { error } = await rpcAs("pmA", "update_dissatisfier", {
      p_id: ids.dA,
      p_status: "resolved",
      p_severity: "medium",
      p_owner: w.person.pmA.id,
      p_due_date: null,
      p_triage_notes: "internal: do not show the client",
      p_resolution: "We moved your go-live review to Thursday.",
    });
    expect(error).toBeNull();
    const mine = await untyped("approverA").from("dissatisfiers").select("resolution, status").eq("id", ids.dA);
    expect(mine.data).toEqual([{ resolution: "We moved your go-live review to Thursday.", status: "resolved" }]);
    const notes = await untyped("approverA").from("dissatisfier_notes").select("notes").eq("dissatisfier_id", ids.dA);
    expect(notes.data).toEqual([]);
    await sql("update public.dissatisfiers set status = 'open', resolved_at = null, resolution = null where id = $1", [ids.dA]);
  });
});

// ---------------------------------------------------------------- when a dissatisfier opens

describe("a dissatisfier opens by itself, and the PM and relationship manager are emailed", () => {
  it("a score of 2 opened one for the approver's answer, with one email each to the PM and the relationship manager", async () => {
    const [d] = (await dissatisfiersOf(w.a.client.id)).filter((x) => x.answer_id === ids.answerApproverA);
    expect(d).toMatchObject({ source: "low_score", raised_by: w.person.approverA.id });
    const mails = await mailsAbout(d!.id);
    expect(mails.map((m) => m.recipient).sort()).toEqual([w.a.pm.email, rm.email].sort());
    expect(mails[0]!.props).toMatchObject({ reason: "A contact scored the onboarding 2 out of 5.", primaryColor: "#123456" });
  });

  it("a score of 3 or more with no drop opens none", async () => {
    const [d] = (await dissatisfiersOf(w.a.client.id)).filter((x) => x.answer_id === ids.answerViewerA);
    expect(d).toBeUndefined();
  });

  it("a drop from 5 to 3 opens one; the same contact's 3 after a 4 does not", async () => {
    const db = await asPerson(w.person.deciderA.id);
    const first = await newPulse(w.a.client.id, "2001-01-01T00:00:00Z");
    const second = await newPulse(w.a.client.id, "2001-02-01T00:00:00Z");
    await must(db.rpc("answer_pulse", { p_pulse: first, p_score: 5 }));
    const drop = await must(db.rpc("answer_pulse", { p_pulse: second, p_score: 3, p_comment: "slipping" }));
    const opened = (await dissatisfiersOf(w.a.client.id)).filter((x) => x.answer_id === (drop as { id: string }).id);
    expect(opened.map((x) => x.source)).toEqual(["score_drop"]);
    expect((await mailsAbout(opened[0]!.id)).length).toBe(2);

    const third = await newPulse(w.a.client.id, "2001-03-01T00:00:00Z");
    const fourth = await newPulse(w.a.client.id, "2001-04-01T00:00:00Z");
    await must(db.rpc("answer_pulse", { p_pulse: third, p_score: 4 }));
    const small = await must(db.rpc("answer_pulse", { p_pulse: fourth, p_score: 3 }));
    expect((await dissatisfiersOf(w.a.client.id)).filter((x) => x.answer_id === (small as { id: string }).id)).toEqual([]);
    await sql("delete from public.pulses where id = any($1::uuid[])", [[first, second, third, fourth]]);
  });

  it("a raised concern opens one, linked to the concern", async () => {
    const [d] = await sql<{ concern_id: string; source: string; raised_by: string }>(
      "select concern_id, source, raised_by from public.dissatisfiers where id = $1",
      [ids.dB],
    );
    expect(d).toEqual({ concern_id: ids.concernB, source: "concern", raised_by: w.person.contactB.id });
  });

  it("50 identical answers at once: one answer, one dissatisfier, one email per manager; a second answer changes it", async () => {
    const pulse = await newPulse(w.a.client.id);
    const db = await asPerson(w.person.viewerA.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => db.rpc("answer_pulse", { p_pulse: pulse, p_score: 1, p_comment: "help" })),
    );
    expect(results.map((r) => r.error)).toEqual(Array(50).fill(null));
    const answers = await sql<{ id: string; score: number }>("select id, score from public.pulse_answers where pulse_id = $1", [pulse]);
    expect(answers).toHaveLength(1);
    const opened = (await dissatisfiersOf(w.a.client.id)).filter((x) => x.answer_id === answers[0]!.id);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.severity).toBe("high");
    expect(await mailsAbout(opened[0]!.id)).toHaveLength(2);

    await must(db.rpc("answer_pulse", { p_pulse: pulse, p_score: 4, p_comment: "better now" }));
    const changed = await sql<{ id: string; score: number; comment: string }>(
      "select id, score, comment from public.pulse_answers where pulse_id = $1",
      [pulse],
    );
    expect(changed).toEqual([{ id: answers[0]!.id, score: 4, comment: "better now" }]);
    await sql("delete from public.pulses where id = $1", [pulse]);
  });
});

