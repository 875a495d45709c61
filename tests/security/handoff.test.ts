// The sales-to-delivery handoff (migration 20261201000700), attacked through
// PostgREST with real JWTs: every new table and function x every actor, plus
// the sales lead of A. Internal notes and the seller's notes on facts must
// never reach a contact; a contact may only confirm or dispute a commitment
// and answer a fact; the history is written by triggers only.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTORS,
  deletePeople,
  disposeWorld,
  freshStaff,
  readRow,
  rest,
  rowExists,
  seedWorld,
  type Row,
  type Table,
  type World,
} from "../support/attack";
import {
  HANDOFF_RPCS,
  HANDOFF_TABLES,
  RED_FLAG,
  SELLER_NOTE,
  freshCommitment,
  freshFact,
  freshInternalNote,
  historyOf,
  seedTenantHandoff,
  type TenantHandoff,
} from "../support/handoff";
import { asPerson, sql, stackEnv, tokenFor, uniq, type Db } from "../support/stack";
import type { SeededPerson } from "../support/tenants";

let w: World;
let salesA: SeededPerson;
let h: { a: TenantHandoff; b: TenantHandoff };
/** Every standard actor plus A's sales lead. */
type Who = (typeof ACTORS)[number] | "salesA";
const WHO: Who[] = [...ACTORS, "salesA"];
let db: Record<Who, Db>;
const untyped = (who: Who) => db[who] as unknown as SupabaseClient;

beforeAll(async () => {
  w = await seedWorld();
  salesA = await freshStaff({ clientId: w.a.client.id, role: "sales" });
  db = { ...(w.db as Record<Who, Db>), salesA: await asPerson(salesA.id) };
  h = { a: await seedTenantHandoff(w.a.client.id), b: await seedTenantHandoff(w.b.client.id) };
});

afterAll(async () => {
  if (w) await disposeWorld(w);
  if (salesA) await deletePeople(salesA.id);
});

const CONTACTS_A: Who[] = ["viewerA", "approverA", "deciderA"];
const TEAM_A: Who[] = ["pmA", "serviceTeamA", "salesA"];

// ---------------------------------------------------------------- select

type Seen = "A" | "B";
/** The rows of both tenants a table case reads, keyed by tenant, and the key column. */
const READS: { table: Table; key: string; rows: (t: TenantHandoff) => Row[]; staffOnly: boolean; contactsSee?: (t: TenantHandoff) => Row[] }[] = [
  { table: "handoffs", key: "client_id", rows: (t) => [t.handoff], staffOnly: true },
  { table: "commitments", key: "id", rows: (t) => [t.commitments.open, t.commitments.confirmed], staffOnly: false },
  // A link to an internal milestone goes with the milestone.
  { table: "commitment_links", key: "id", rows: (t) => [t.links.visible, t.links.internal], staffOnly: false, contactsSee: (t) => [t.links.visible] },
  { table: "client_facts", key: "id", rows: (t) => [t.fact], staffOnly: false },
  { table: "client_fact_seller_notes", key: "fact_id", rows: (t) => [t.sellerNote], staffOnly: true },
  { table: "handoff_internal_notes", key: "id", rows: (t) => [t.internalNote], staffOnly: true },
];

function expectedRows(c: (typeof READS)[number], who: Who): string[] | "denied" {
  const all = (t: Seen) => c.rows(t === "A" ? h.a : h.b).map((r) => String(r[c.key]));
  const contacts = (t: Seen) => (c.contactsSee ?? c.rows)(t === "A" ? h.a : h.b).map((r) => String(r[c.key]));
  if (who === "anon") return "denied";
  if (who === "admin") return [...all("A"), ...all("B")].sort();
  if (TEAM_A.includes(who)) return all("A").sort();
  if (CONTACTS_A.includes(who)) return c.staffOnly ? [] : contacts("A").sort();
  if (who === "contactB") return c.staffOnly ? [] : contacts("B").sort();
  return [];
}

describe("who reads the handoff tables", () => {
  for (const c of READS) {
    for (const who of WHO) {
      it(`${c.table}: ${who}`, async () => {
        const keys = [...c.rows(h.a), ...c.rows(h.b)].map((r) => String(r[c.key]));
        const { data, error } = await untyped(who).from(c.table).select(c.key).in(c.key, keys);
        const expected = expectedRows(c, who);
        if (expected === "denied") {
          expect(error?.code).toBe("42501");
          return;
        }
        expect(error).toBeNull();
        expect((data as unknown as Row[]).map((r) => String(r[c.key])).sort()).toEqual(expected);
      });
    }
  }

  it("commitment_events: A's contacts read A's history except the link to an internal milestone; B's contact only B's, outsiders none", async () => {
    const commitmentIds = [h.a.commitments.open.id, h.a.commitments.confirmed.id, h.b.commitments.open.id];
    const all = (await sql<{ id: string; client_id: string; detail: Record<string, string> }>(
      "select id::text, client_id::text, detail from public.commitment_events where commitment_id = any($1::uuid[])",
      [commitmentIds],
    ));
    const internalLink = all.filter((e) => e.detail.milestone_id === h.a.milestones.internal.id).map((e) => e.id);
    expect(internalLink.length).toBe(1);
    const ofA = all.filter((e) => e.client_id === w.a.client.id).map((e) => e.id);
    const ofB = all.filter((e) => e.client_id === w.b.client.id).map((e) => e.id);
    expect(ofB.length).toBeGreaterThan(0);
    for (const who of WHO) {
      const { data, error } = await untyped(who).from("commitment_events").select("id").in("commitment_id", commitmentIds);
      if (who === "anon") {
        expect(error?.code, who).toBe("42501");
        continue;
      }
      expect(error, who).toBeNull();
      const seen = (data as Row[]).map((r) => String(r.id)).sort();
      if (who === "admin") expect(seen, who).toEqual(all.map((e) => e.id).sort());
      else if (TEAM_A.includes(who)) expect(seen, who).toEqual([...ofA].sort());
      else if (CONTACTS_A.includes(who)) expect(seen, who).toEqual(ofA.filter((id) => !internalLink.includes(id)).sort());
      else if (who === "contactB") expect(seen, who).toEqual([...ofB].sort());
      else expect(seen, who).toEqual([]);
    }
  });

  it("a contact's token on raw PostgREST: internal notes and seller notes come back empty, also embedded in the client", async () => {
    const token = await tokenFor(w.a.contacts.decision_maker.id);
    const opts = { apikey: stackEnv.anonKey, token };
    for (const path of [
      `/handoff_internal_notes?select=*&client_id=eq.${w.a.client.id}`,
      `/client_fact_seller_notes?select=*&client_id=eq.${w.a.client.id}`,
      `/handoffs?select=*&client_id=eq.${w.a.client.id}`,
    ]) {
      expect(await rest(path, opts), path).toEqual({ status: 200, body: [] });
    }
    const embedded = await rest(
      `/clients?select=id,handoff_internal_notes(body),handoffs(attendees),client_facts(label,client_fact_seller_notes(note)),commitments(id)&id=eq.${w.a.client.id}`,
      opts,
    );
    expect(embedded.status).toBe(200);
    const text = JSON.stringify(embedded.body);
    expect(text).not.toContain(RED_FLAG);
    expect(text).not.toContain(SELLER_NOTE);
    expect(embedded.body).toEqual([
      expect.objectContaining({ id: w.a.client.id, handoff_internal_notes: [], handoffs: null, commitments: expect.any(Array) }),
    ]);
    // The same request by A's sales lead does carry the red flag: the check above is not vacuous.
    const sales = await rest(`/handoff_internal_notes?select=body&client_id=eq.${w.a.client.id}`, {
      apikey: stackEnv.anonKey,
      token: await tokenFor(salesA.id),
    });
    expect(JSON.stringify(sales.body)).toContain(RED_FLAG);
  });
});

// ---------------------------------------------------------------- staff-only tables: insert, update, delete

type Outcome = "ok" | "none" | "denied" | { error: string };

/** A's team and admins write A's staff-only rows; contacts are refused; outsiders find nothing to change. */
const staffWrites = (who: Who, op: "insert" | "update" | "delete"): Outcome => {
  if (who === "admin" || TEAM_A.includes(who)) return "ok";
  if (who === "anon" || op === "insert") return "denied";
  return "none";
};

async function outcomeOf(
  res: { data: unknown; error: { code: string } | null },
  landed: () => Promise<boolean>,
): Promise<Outcome> {
  if (res.error) {
    if (res.error.code === "42501") return "denied";
    return { error: res.error.code };
  }
  const affected = Array.isArray(res.data) ? res.data.length : res.data ? 1 : 0;
  if (affected === 0) return "none";
  return (await landed()) ? "ok" : "none";
}

describe("staff-only handoff tables: only A's team (and admins) write them", () => {
  for (const who of WHO) {
    it(`handoff_internal_notes insert / update / delete: ${who}`, async () => {
      const body = `${RED_FLAG} ${uniq(who)}`;
      const ins = await untyped(who).from("handoff_internal_notes").insert({ client_id: w.a.client.id, kind: "red_flag", body }).select("id");
      expect(await outcomeOf(ins, () => rowExists("handoff_internal_notes", { body })), "insert").toEqual(staffWrites(who, "insert"));
      if (ins.data?.[0]) {
        const row = await readRow("handoff_internal_notes", { body });
        expect(row?.created_by).toBe(who === "admin" ? w.admin.id : who === "salesA" ? salesA.id : w.person[who as "pmA"].id);
      }

      const target = await freshInternalNote(w.a.client.id);
      const changed = `${RED_FLAG} changed ${uniq(who)}`;
      const upd = await untyped(who).from("handoff_internal_notes").update({ body: changed }).eq("id", target.id).select("id");
      expect(await outcomeOf(upd, () => rowExists("handoff_internal_notes", { id: String(target.id), body: changed })), "update").toEqual(
        staffWrites(who, "update"),
      );
      const del = await untyped(who).from("handoff_internal_notes").delete().eq("id", target.id).select("id");
      expect(await outcomeOf(del, async () => !(await rowExists("handoff_internal_notes", { id: String(target.id) }))), "delete").toEqual(
        staffWrites(who, "delete"),
      );
    });

    it(`client_fact_seller_notes insert / update / delete: ${who}`, async () => {
      const { fact } = await freshFact(w.a.client.id);
      await sql("delete from public.client_fact_seller_notes where fact_id = $1", [fact.id]);
      const note = uniq("seller says");
      const ins = await untyped(who)
        .from("client_fact_seller_notes")
        .insert({ fact_id: fact.id, client_id: w.a.client.id, seller_value: "450", note })
        .select("fact_id");
      expect(await outcomeOf(ins, () => rowExists("client_fact_seller_notes", { note })), "insert").toEqual(staffWrites(who, "insert"));
      if (!ins.data?.[0]) await sql("insert into public.client_fact_seller_notes (fact_id, client_id, note) values ($1, $2, $3)", [fact.id, w.a.client.id, note]);

      const changed = uniq("changed");
      const upd = await untyped(who).from("client_fact_seller_notes").update({ note: changed }).eq("fact_id", fact.id).select("fact_id");
      expect(await outcomeOf(upd, () => rowExists("client_fact_seller_notes", { note: changed })), "update").toEqual(staffWrites(who, "update"));
      const del = await untyped(who).from("client_fact_seller_notes").delete().eq("fact_id", fact.id).select("fact_id");
      expect(await outcomeOf(del, async () => !(await rowExists("client_fact_seller_notes", { fact_id: String(fact.id) }))), "delete").toEqual(
        staffWrites(who, "delete"),
      );
    });

    it(`handoffs insert / update / delete: ${who}`, async () => {
      // A client of its own with A's team and contacts, so each actor starts without a handoff.
      const clientId = String(
        (
          await sql<{ id: string }>(
            `insert into public.clients (slug, name) values ($1, 'Handoff target') returning id::text`,
            [uniq("sec-handoff").toLowerCase()],
          )
        )[0].id,
      );
      try {
        await sql(
          `insert into public.client_staff (client_id, person_id, role) select $1, person_id, role from public.client_staff where client_id = $2`,
          [clientId, w.a.client.id],
        );
        await sql(
          `insert into public.client_contacts (client_id, person_id, role) select $1, person_id, role from public.client_contacts where client_id = $2`,
          [clientId, w.a.client.id],
        );
        const ins = await untyped(who).from("handoffs").insert({ client_id: clientId, meeting_date: "2026-11-20", attendees: "Marcus" }).select("client_id");
        expect(await outcomeOf(ins, () => rowExists("handoffs", { client_id: clientId })), "insert").toEqual(staffWrites(who, "insert"));
        if (!ins.data?.[0]) await sql("insert into public.handoffs (client_id) values ($1)", [clientId]);

        const upd = await untyped(who).from("handoffs").update({ attendees: `changed by ${who}` }).eq("client_id", clientId).select("client_id");
        expect(await outcomeOf(upd, () => rowExists("handoffs", { client_id: clientId, attendees: `changed by ${who}` })), "update").toEqual(
          staffWrites(who, "update"),
        );
        // Nobody deletes a handoff record (no grant): it goes with its client.
        const del = await untyped(who).from("handoffs").delete().eq("client_id", clientId).select("client_id");
        expect(await outcomeOf(del, async () => !(await rowExists("handoffs", { client_id: clientId }))), "delete").toEqual("denied");
      } finally {
        await sql("delete from public.clients where id = $1", [clientId]);
      }
    });
  }

  it("the handoff stamps who last changed it, whatever the request says", async () => {
    const { error } = await untyped("salesA")
      .from("handoffs")
      .update({ attendees: "Marcus, Priya" })
      .eq("client_id", w.a.client.id);
    expect(error).toBeNull();
    expect((await readRow("handoffs", { client_id: w.a.client.id }))?.updated_by).toBe(salesA.id);
    const forged = await untyped("salesA").from("handoffs").update({ updated_by: w.a.pm.id }).eq("client_id", w.a.client.id);
    expect(forged.error?.code).toBe("42501");
  });
});

// ---------------------------------------------------------------- commitments

describe("commitments: the team writes, a contact only confirms or disputes", () => {
  for (const who of WHO) {
    it(`insert: ${who}`, async () => {
      const promise = uniq(`Promise by ${who}`);
      const res = await untyped(who).from("commitments").insert({ client_id: w.a.client.id, promise, promised_by: "Marcus" }).select("id");
      const expected = staffWrites(who, "insert");
      expect(await outcomeOf(res, () => rowExists("commitments", { promise })), who).toEqual(expected);
      if (expected === "ok") {
        const row = await readRow("commitments", { promise });
        expect(row).toMatchObject({ status: "captured", confirmed_at: null, disputed_at: null });
        expect(await historyOf(String(row!.id))).toEqual([expect.objectContaining({ kind: "created", new_status: "captured" })]);
      }
    });

    it(`update the wording: ${who}`, async () => {
      const c = await freshCommitment(w.a.client.id);
      const promise = uniq("Reworded");
      const res = await untyped(who).from("commitments").update({ promise }).eq("id", c.id).select("id");
      const outcome = await outcomeOf(res, () => rowExists("commitments", { id: String(c.id), promise }));
      // Contacts see the row, and the guard refuses anything but confirm or dispute.
      const expected: Outcome = CONTACTS_A.includes(who) ? "denied" : staffWrites(who, "update");
      expect(outcome, who).toEqual(expected);
      if (expected === "ok") {
        expect((await historyOf(String(c.id))).at(-1)).toMatchObject({
          kind: "edited",
          detail: { promise: [c.promise, promise] },
        });
      }
    });

    it(`confirm: ${who}`, async () => {
      const c = await freshCommitment(w.a.client.id);
      const res = await untyped(who).from("commitments").update({ status: "confirmed_by_client" }).eq("id", c.id).select("id");
      const landed = () => rowExists("commitments", { id: String(c.id), status: "confirmed_by_client" });
      const expected: Outcome = CONTACTS_A.includes(who) ? "ok" : who === "anon" ? "denied" : TEAM_A.includes(who) || who === "admin" ? "denied" : "none";
      expect(await outcomeOf(res, landed), who).toEqual(expected);
      if (expected === "ok") {
        const row = await readRow("commitments", { id: String(c.id) });
        expect(row?.confirmed_by).toBe(w.person[who as "viewerA"].id);
        expect((await historyOf(String(c.id))).at(-1)).toMatchObject({ kind: "confirmed", old_status: "captured", new_status: "confirmed_by_client" });
      }
    });

    it(`dispute with a comment: ${who}`, async () => {
      const c = await freshCommitment(w.a.client.id);
      const comment = uniq("We agreed weekly files, not monthly");
      const res = await untyped(who).from("commitments").update({ status: "disputed", dispute_comment: comment }).eq("id", c.id).select("id");
      const landed = () => rowExists("commitments", { id: String(c.id), status: "disputed" });
      const expected: Outcome = CONTACTS_A.includes(who) ? "ok" : who === "anon" ? "denied" : TEAM_A.includes(who) || who === "admin" ? "denied" : "none";
      expect(await outcomeOf(res, landed), who).toEqual(expected);
      if (expected === "ok") {
        expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ disputed_by: w.person[who as "viewerA"].id, dispute_comment: comment });
        expect((await historyOf(String(c.id))).at(-1)).toMatchObject({ kind: "disputed", new_status: "disputed", detail: { comment } });
      }
    });

    it(`respond_to_commitment (RPC) disputes and queues the email in one transaction: ${who}`, async () => {
      const c = await freshCommitment(w.a.client.id);
      const comment = uniq("We agreed a named specialist");
      const res = await untyped(who).rpc("respond_to_commitment", {
        p_commitment: c.id,
        p_status: "disputed",
        p_comment: comment,
      });
      const expected: Outcome = CONTACTS_A.includes(who)
        ? "ok"
        : who === "anon" || TEAM_A.includes(who) || who === "admin"
          ? "denied"
          : { error: "PT404" };
      expect(await outcomeOf(res, () => rowExists("commitments", { id: String(c.id), status: "disputed" })), who).toEqual(expected);
      const queued = await sql<{ recipient: string; props: { comment: string; handoffUrl: string } }>(
        `select o.recipient, o.props from public.email_outbox o
          where o.idempotency_key in (select 'commitment-disputed:' || e.id || ':' || s.person_id from public.commitment_events e
            join public.client_staff s on s.client_id = e.client_id where e.commitment_id = $1 and e.kind = 'disputed')`,
        [c.id],
      );
      // The dissatisfier the dispute opened: its email is the PM's one email about the dispute.
      const dissatisfierEmails = await sql<{ recipient: string; props: { disputePath: string; detail: string } }>(
        `select o.recipient, o.props from public.email_outbox o
          where o.idempotency_key in (select 'dissatisfier-opened:' || d.id || ':' || s.person_id from public.dissatisfiers d
            join public.concerns cn on cn.id = d.concern_id join public.client_staff s on s.client_id = d.client_id
           where cn.commitment_id = $1)`,
        [c.id],
      );
      if (expected === "ok") {
        expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ disputed_by: w.person[who as "viewerA"].id, dispute_comment: comment });
        // Told of the dispute: the sales lead by the dispute email, the PM by the dissatisfier's; each once.
        expect(queued.map((q) => q.recipient)).toEqual([salesA.email.toLowerCase()]);
        for (const q of queued) expect(q.props).toMatchObject({ comment, handoffUrl: `/staff/clients/${w.a.client.slug}/handoff` });
        expect(dissatisfierEmails.map((q) => q.recipient)).toEqual([w.a.pm.email.toLowerCase()]);
        expect(dissatisfierEmails[0]!.props.disputePath).toBe(`/staff/clients/${w.a.client.slug}/handoff`);
        expect(dissatisfierEmails[0]!.props.detail).toContain(comment);
        expect(res.data).toBe(2);
      } else {
        expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ status: "captured", disputed_at: null });
        expect(queued).toEqual([]);
        expect(dissatisfierEmails).toEqual([]);
      }
    });

    it(`delete: ${who}`, async () => {
      const c = await freshCommitment(w.a.client.id);
      const res = await untyped(who).from("commitments").delete().eq("id", c.id).select("id");
      expect(await outcomeOf(res, async () => !(await rowExists("commitments", { id: String(c.id) }))), who).toEqual(staffWrites(who, "delete"));
    });
  }

  it("respond_to_commitment refuses a dispute without a comment (23514) and any other status; it takes no origin from the caller", async () => {
    const c = await freshCommitment(w.a.client.id);
    const call = (args: Record<string, unknown>) =>
      untyped("viewerA").rpc("respond_to_commitment", { p_commitment: c.id, p_status: "disputed", p_comment: "  ", ...args });
    expect((await call({})).error).toMatchObject({ code: "23514", message: "Say what was agreed instead." });
    // The dropped parameters are gone: PostgREST finds no such function.
    expect((await call({ p_comment: "Not this", p_origin: "http://evil.test" })).error?.code).toBe("PGRST202");
    expect((await call({ p_status: "delivered", p_comment: null })).error?.code).toBe("42501");
    expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ status: "captured", disputed_at: null });
  });

  it("a dispute needs a comment (23514), and nothing changes without one", async () => {
    const c = await freshCommitment(w.a.client.id);
    const res = await untyped("viewerA").from("commitments").update({ status: "disputed", dispute_comment: "  " }).eq("id", c.id).select("id");
    expect(res.error).toMatchObject({ code: "23514", message: "Say what was agreed instead." });
    expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ status: "captured", disputed_at: null });
  });

  it("a contact cannot set a status other than confirmed or disputed, nor forge the stamps", async () => {
    const c = await freshCommitment(w.a.client.id);
    for (const status of ["planned", "delivered", "at_risk", "captured"]) {
      const res = await untyped("deciderA").from("commitments").update({ status }).eq("id", c.id).select("id");
      expect(res.error?.code, status).toBe("42501");
    }
    const forged = await untyped("deciderA").from("commitments").update({ confirmed_by: w.a.pm.id }).eq("id", c.id).select("id");
    expect(forged.error?.code).toBe("42501");
    expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ status: "captured", confirmed_by: null });
  });

  it("staff cannot speak for the client: no confirming, no disputing, no editing the client's comment", async () => {
    const c = await freshCommitment(w.a.client.id, { status: "disputed", dispute_comment: "Not what we agreed", disputed_at: new Date().toISOString() });
    const res = await untyped("pmA").from("commitments").update({ dispute_comment: "Fine after all" }).eq("id", c.id).select("id");
    expect(res.error?.code).toBe("42501");
    // Resolving the dispute is a status change staff may make; the client's comment stays.
    const resolved = await untyped("pmA").from("commitments").update({ status: "at_risk" }).eq("id", c.id).select("id");
    expect(resolved.error).toBeNull();
    expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ status: "at_risk", dispute_comment: "Not what we agreed" });
  });

  it("a commitment the client answered cannot be deleted, even by the PM", async () => {
    const res = await untyped("pmA").from("commitments").delete().eq("id", h.a.commitments.confirmed.id).select("id");
    expect(res).toMatchObject({ error: null, data: [] });
    expect(await rowExists("commitments", { id: String(h.a.commitments.confirmed.id) })).toBe(true);
  });

  it("a commitment cannot move to another client", async () => {
    const c = await freshCommitment(w.a.client.id);
    const res = await untyped("admin").from("commitments").update({ client_id: w.b.client.id } as never).eq("id", c.id).select("id");
    expect(res.error?.code).toBe("42501");
  });
});

// ---------------------------------------------------------------- links and status

describe("commitment_links: the PM links; status follows delivery", () => {
  const pmWrites = (who: Who, op: "insert" | "delete"): Outcome =>
    who === "pmA" || who === "admin" ? "ok" : who === "anon" || op === "insert" ? "denied" : "none";

  for (const who of WHO) {
    it(`insert and delete a link: ${who}`, async () => {
      const c = await freshCommitment(w.a.client.id);
      const ins = await untyped(who)
        .from("commitment_links")
        .insert({ commitment_id: c.id, client_id: w.a.client.id, milestone_id: h.a.milestones.visible.id })
        .select("id");
      expect(await outcomeOf(ins, () => rowExists("commitment_links", { commitment_id: String(c.id) })), "insert").toEqual(pmWrites(who, "insert"));
      if (!ins.data?.[0]) {
        await sql("insert into public.commitment_links (commitment_id, client_id, milestone_id) values ($1, $2, $3)", [
          c.id,
          w.a.client.id,
          h.a.milestones.visible.id,
        ]);
      }
      const del = await untyped(who).from("commitment_links").delete().eq("commitment_id", c.id).select("id");
      expect(await outcomeOf(del, async () => !(await rowExists("commitment_links", { commitment_id: String(c.id) }))), "delete").toEqual(
        pmWrites(who, "delete"),
      );
      const update = await untyped(who).from("commitment_links").update({ milestone_id: h.a.milestones.internal.id }).eq("commitment_id", c.id).select("id");
      expect(update.error?.code, "update").toBe("42501");
    });
  }

  it("a link cannot reach another client's milestone (foreign key on the client)", async () => {
    const c = await freshCommitment(w.a.client.id);
    const res = await untyped("pmA")
      .from("commitment_links")
      .insert({ commitment_id: c.id, client_id: w.a.client.id, milestone_id: h.b.milestones.visible.id })
      .select("id");
    expect(res.error?.code).toBe("23503");
    const claimB = await untyped("pmA")
      .from("commitment_links")
      .insert({ commitment_id: c.id, client_id: w.b.client.id, milestone_id: h.b.milestones.visible.id })
      .select("id");
    expect(claimB.error?.code).toBeTruthy();
  });

  it("linking plans it; the milestone done delivers it; unlinking takes it back, each in the history", async () => {
    const c = await freshCommitment(w.a.client.id);
    const pm = untyped("pmA");
    const { error } = await pm
      .from("commitment_links")
      .insert({ commitment_id: c.id, client_id: w.a.client.id, milestone_id: h.a.milestones.visible.id });
    expect(error).toBeNull();
    expect((await readRow("commitments", { id: String(c.id) }))?.status).toBe("planned");

    const done = await pm.from("milestones").update({ actual_date: "2027-03-12" }).eq("id", h.a.milestones.visible.id);
    expect(done.error).toBeNull();
    expect((await readRow("commitments", { id: String(c.id) }))?.status).toBe("delivered");
    // The seeded commitment on the same milestone was delivered too.
    expect((await readRow("commitments", { id: String(h.a.commitments.open.id) }))?.status).toBe("delivered");

    await pm.from("milestones").update({ actual_date: null }).eq("id", h.a.milestones.visible.id);
    expect((await readRow("commitments", { id: String(c.id) }))?.status).toBe("planned");
    await pm.from("commitment_links").delete().eq("commitment_id", c.id);
    expect((await readRow("commitments", { id: String(c.id) }))?.status).toBe("captured");

    const kinds = (await historyOf(String(c.id))).map((e) => [e.kind, e.new_status, e.changed_by]);
    expect(kinds).toEqual([
      ["created", "captured", null],
      ["linked", "captured", w.a.pm.id],
      ["status", "planned", w.a.pm.id],
      ["status", "delivered", w.a.pm.id],
      ["status", "planned", w.a.pm.id],
      ["unlinked", "planned", w.a.pm.id],
      ["status", "captured", w.a.pm.id],
    ]);
  });

  it("a disputed commitment stays disputed when its milestone completes", async () => {
    const c = await freshCommitment(w.a.client.id);
    await untyped("approverA").from("commitments").update({ status: "disputed", dispute_comment: "Weekly, not monthly" }).eq("id", c.id);
    await untyped("pmA").from("commitment_links").insert({ commitment_id: c.id, client_id: w.a.client.id, milestone_id: h.a.milestones.visible.id });
    expect((await readRow("commitments", { id: String(c.id) }))?.status).toBe("disputed");
  });
});

// ---------------------------------------------------------------- history

describe("commitment_events: written by triggers only", () => {
  for (const who of WHO) {
    it(`insert / update / delete: ${who}`, async () => {
      const [event] = await historyOf(String(h.a.commitments.open.id));
      const ins = await untyped(who)
        .from("commitment_events")
        .insert({ client_id: w.a.client.id, commitment_id: h.a.commitments.open.id, promise: "forged", kind: "confirmed" })
        .select("id");
      expect(ins.error?.code, "insert").toBe("42501");
      const upd = await untyped(who).from("commitment_events").update({ promise: "forged" }).eq("id", event.id).select("id");
      expect(upd.error?.code, "update").toBe("42501");
      const del = await untyped(who).from("commitment_events").delete().eq("id", event.id).select("id");
      expect(del.error?.code, "delete").toBe("42501");
      expect(await readRow("commitment_events", { id: Number(event.id) })).toEqual(event);
    });
  }
});

// ---------------------------------------------------------------- facts

describe("client_facts: the team words them, the client answers", () => {
  for (const who of WHO) {
    it(`insert / answer / reword / delete: ${who}`, async () => {
      const label = uniq(`Systems by ${who}`);
      const ins = await untyped(who).from("client_facts").insert({ client_id: w.a.client.id, label }).select("id");
      expect(await outcomeOf(ins, () => rowExists("client_facts", { label })), "insert").toEqual(staffWrites(who, "insert"));

      const { fact } = await freshFact(w.a.client.id);
      const answer = uniq("ADP Workforce Now");
      const ans = await untyped(who).from("client_facts").update({ client_value: answer }).eq("id", fact.id).select("id");
      const answered: Outcome = CONTACTS_A.includes(who) ? "ok" : who === "anon" || TEAM_A.includes(who) || who === "admin" ? "denied" : "none";
      expect(await outcomeOf(ans, () => rowExists("client_facts", { id: String(fact.id), client_value: answer })), "answer").toEqual(answered);
      if (answered === "ok") {
        expect((await readRow("client_facts", { id: String(fact.id) }))?.confirmed_by).toBe(w.person[who as "viewerA"].id);
      }

      const reword = uniq("Payroll system");
      const rew = await untyped(who).from("client_facts").update({ label: reword }).eq("id", fact.id).select("id");
      const reworded: Outcome = CONTACTS_A.includes(who) ? "denied" : staffWrites(who, "update");
      expect(await outcomeOf(rew, () => rowExists("client_facts", { id: String(fact.id), label: reword })), "reword").toEqual(reworded);

      const del = await untyped(who).from("client_facts").delete().eq("id", fact.id).select("id");
      expect(await outcomeOf(del, async () => !(await rowExists("client_facts", { id: String(fact.id) }))), "delete").toEqual(staffWrites(who, "delete"));
    });

    it(`save_client_fact (RPC): ${who}`, async () => {
      const label = uniq(`Head count by ${who}`);
      const res = await untyped(who).rpc("save_client_fact", {
        p_client: w.a.client.id,
        p_fact: null,
        p_label: label,
        p_seller_value: "450",
        p_note: SELLER_NOTE,
      });
      const expected: Outcome = staffWrites(who, "insert");
      expect(await outcomeOf(res, () => rowExists("client_facts", { label })), who).toEqual(expected);
      const fact = await readRow("client_facts", { label });
      if (expected === "ok") {
        expect(await readRow("client_fact_seller_notes", { fact_id: String(fact!.id) })).toMatchObject({ seller_value: "450", note: SELLER_NOTE });
      } else {
        expect(fact).toBeNull();
      }
    });
  }

  it("a client's answer cannot be forged as someone else, and clearing it clears the stamp", async () => {
    const { fact } = await freshFact(w.a.client.id);
    const forged = await untyped("viewerA").from("client_facts").update({ confirmed_by: w.a.contacts.decision_maker.id } as never).eq("id", fact.id);
    expect(forged.error?.code).toBe("42501");
    await untyped("viewerA").from("client_facts").update({ client_value: "480" }).eq("id", fact.id);
    await untyped("viewerA").from("client_facts").update({ client_value: "" }).eq("id", fact.id);
    expect(await readRow("client_facts", { id: String(fact.id) })).toMatchObject({ client_value: null, confirmed_by: null, confirmed_at: null });
  });
});

// ---------------------------------------------------------------- coverage guard

it("every table and function of the handoff migration is attacked here, and nothing else of it is callable", async () => {
  const tables = await sql<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname = any($1::text[]) order by 1`,
    [[...HANDOFF_TABLES]],
  );
  expect(tables.map((t) => t.name)).toEqual([...HANDOFF_TABLES].sort());
  const fns = await sql<{ name: string }>(
    `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = any($1::text[]) and has_function_privilege('authenticated', p.oid, 'EXECUTE')
        and not has_function_privilege('anon', p.oid, 'EXECUTE')`,
    [[...HANDOFF_RPCS]],
  );
  expect(fns.map((f) => f.name)).toEqual([...HANDOFF_RPCS]);
});
