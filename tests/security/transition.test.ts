// The transition to ongoing service and the rest of issue 11 (migration
// 20261201001700), attacked through PostgREST with real JWTs: service_transitions
// and service_transition_notes x every actor plus A's relationship manager, the
// two RPCs, the commitment owner, and a dispute opening a dissatisfier whatever
// the door. The note never reaches a contact; only the named relationship
// manager takes over, once; taking over moves everything open to them.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTORS, deletePeople, disposeWorld, freshStaff, readRow, readRows, rest, rowExists, seedRow, seedWorld, type Row, type World } from "../support/attack";
import { TRANSITION_RPCS, TRANSITION_TABLES, freshCommitment, historyOf } from "../support/handoff";
import { asPerson, sql, stackEnv, tokenFor, uniq, type Db } from "../support/stack";
import type { SeededPerson } from "../support/tenants";

const PREFERENCE = "Private: the CFO hates phone calls before 10; never copy the COO";

let w: World;
let rmA: SeededPerson;
let rmB: SeededPerson;
type Who = (typeof ACTORS)[number] | "rmA";
const WHO: Who[] = [...ACTORS, "rmA"];
let db: Record<Who, Db>;
const untyped = (who: Who) => db[who] as unknown as SupabaseClient;
const CONTACTS_A: Who[] = ["viewerA", "approverA", "deciderA"];
const TEAM_A: Who[] = ["pmA", "serviceTeamA", "rmA"];

beforeAll(async () => {
  w = await seedWorld();
  rmA = await freshStaff({ clientId: w.a.client.id, role: "relationship_manager" });
  rmB = await freshStaff({ clientId: w.b.client.id, role: "relationship_manager" });
  db = { ...(w.db as Record<Who, Db>), rmA: await asPerson(rmA.id) };
});

afterAll(async () => {
  if (w) await disposeWorld(w);
  if (rmA) await deletePeople(rmA.id, rmB.id);
});

/** A transition as the PM would have written it (seeded by the service role, which the guard lets through). */
async function seedTransition(clientId: string, rm: SeededPerson, pmId: string, { acknowledged = false } = {}) {
  await sql("delete from public.service_transitions where client_id = $1", [clientId]);
  const row = await seedRow("service_transitions", {
    client_id: clientId,
    relationship_manager_id: rm.id,
    written_by: pmId,
    ...(acknowledged ? { acknowledged_at: new Date().toISOString(), acknowledged_by: rm.id } : {}),
  });
  await seedRow("service_transition_notes", { client_id: clientId, open_items: "Send the carrier file spec", client_preferences: PREFERENCE });
  return row;
}
const clearTransition = (clientId: string) => sql("delete from public.service_transitions where client_id = $1", [clientId]);

type Outcome = "ok" | "none" | "denied" | { error: string };
async function outcomeOf(res: { data: unknown; error: { code: string } | null }, landed: () => Promise<boolean>): Promise<Outcome> {
  if (res.error) return res.error.code === "42501" ? "denied" : { error: res.error.code };
  const affected = Array.isArray(res.data) ? res.data.length : res.data ? 1 : 0;
  if (affected === 0 && res.data !== null) return "none";
  return (await landed()) ? "ok" : "none";
}

// ---------------------------------------------------------------- select

describe("who reads the transition", () => {
  beforeAll(async () => {
    await seedTransition(w.a.client.id, rmA, w.a.pm.id);
    await seedTransition(w.b.client.id, rmB, w.b.pm.id, { acknowledged: true });
  });
  const clients = () => [w.a.client.id, w.b.client.id];

  for (const who of WHO) {
    it(`service_transitions (A waiting, B acknowledged) and the notes: ${who}`, async () => {
      const t = await untyped(who).from("service_transitions").select("client_id").in("client_id", clients());
      const n = await untyped(who).from("service_transition_notes").select("client_id, client_preferences").in("client_id", clients());
      if (who === "anon") {
        expect(t.error?.code).toBe("42501");
        expect(n.error?.code).toBe("42501");
        return;
      }
      expect(t.error).toBeNull();
      expect(n.error).toBeNull();
      const seen = (rows: unknown) => (rows as Row[]).map((r) => String(r.client_id)).sort();
      const A = w.a.client.id;
      const B = w.b.client.id;
      const expectedTransitions = who === "admin" ? [A, B].sort() : TEAM_A.includes(who) ? [A] : who === "contactB" ? [B] : [];
      const expectedNotes = who === "admin" ? [A, B].sort() : TEAM_A.includes(who) ? [A] : [];
      expect(seen(t.data)).toEqual(expectedTransitions);
      expect(seen(n.data)).toEqual(expectedNotes);
    });
  }

  it("a contact's token on raw PostgREST: the note is never there, also embedded; the acknowledged transition is", async () => {
    const opts = { apikey: stackEnv.anonKey, token: await tokenFor(w.b.contacts.viewer.id) };
    expect(await rest(`/service_transition_notes?select=*&client_id=eq.${w.b.client.id}`, opts)).toEqual({ status: 200, body: [] });
    const embedded = await rest(
      `/clients?select=id,service_transitions(relationship_manager_id,acknowledged_at,service_transition_notes(client_preferences))&id=eq.${w.b.client.id}`,
      opts,
    );
    expect(embedded.status).toBe(200);
    expect(JSON.stringify(embedded.body)).not.toContain(PREFERENCE);
    expect(embedded.body).toEqual([
      { id: w.b.client.id, service_transitions: expect.objectContaining({ relationship_manager_id: rmB.id, service_transition_notes: null }) },
    ]);
    // B's own relationship manager does read the preference: the check above is not vacuous.
    const rm = await rest(`/service_transition_notes?select=client_preferences&client_id=eq.${w.b.client.id}`, {
      apikey: stackEnv.anonKey,
      token: await tokenFor(rmB.id),
    });
    expect(JSON.stringify(rm.body)).toContain(PREFERENCE);
  });
});

// ---------------------------------------------------------------- writing the note

describe("only A's project manager (or an admin) writes A's transition note", () => {
  for (const who of WHO) {
    it(`write_transition_note (RPC): ${who}`, async () => {
      await clearTransition(w.a.client.id);
      const items = uniq("Open item");
      const res = await untyped(who).rpc("write_transition_note", {
        p_client: w.a.client.id,
        p_relationship_manager: rmA.id,
        p_open_items: items,
        p_client_preferences: "Email, not calls",
      });
      const landed = () => rowExists("service_transition_notes", { client_id: w.a.client.id, open_items: items });
      const expected: Outcome = who === "pmA" || who === "admin" ? "ok" : "denied";
      expect(res.error ? (res.error.code === "42501" ? "denied" : { error: res.error.code }) : (await landed()) ? "ok" : "none", who).toEqual(expected);
      if (expected === "ok") {
        expect(await readRow("service_transitions", { client_id: w.a.client.id })).toMatchObject({
          relationship_manager_id: rmA.id,
          written_by: who === "admin" ? w.admin.id : w.a.pm.id,
          acknowledged_at: null,
        });
      } else {
        expect(await rowExists("service_transitions", { client_id: w.a.client.id })).toBe(false);
      }
    });

    it(`service_transitions direct insert, and notes direct update: ${who}`, async () => {
      await clearTransition(w.a.client.id);
      const ins = await untyped(who).from("service_transitions").insert({ client_id: w.a.client.id, relationship_manager_id: rmA.id }).select("client_id");
      const expected: Outcome = who === "pmA" || who === "admin" ? "ok" : "denied";
      expect(await outcomeOf(ins, () => rowExists("service_transitions", { client_id: w.a.client.id })), who).toEqual(expected);

      await seedTransition(w.a.client.id, rmA, w.a.pm.id);
      const changed = uniq("Changed preference");
      const upd = await untyped(who).from("service_transition_notes").update({ client_preferences: changed }).eq("client_id", w.a.client.id).select("client_id");
      const expectedUpdate: Outcome = who === "pmA" || who === "admin" ? "ok" : who === "anon" ? "denied" : "none";
      expect(await outcomeOf(upd, () => rowExists("service_transition_notes", { client_id: w.a.client.id, client_preferences: changed })), who).toEqual(
        expectedUpdate,
      );
    });

    it(`nobody deletes a transition or its note: ${who}`, async () => {
      await seedTransition(w.a.client.id, rmA, w.a.pm.id);
      for (const table of TRANSITION_TABLES) {
        const del = await untyped(who).from(table).delete().eq("client_id", w.a.client.id).select("client_id");
        expect(del.error?.code, `${table} ${who}`).toBe("42501");
        expect(await rowExists(table, { client_id: w.a.client.id }), table).toBe(true);
      }
    });
  }

  it("the incoming relationship manager must be the client's relationship manager (on the field)", async () => {
    await clearTransition(w.a.client.id);
    for (const person of [w.person.serviceTeamA.id, rmB.id]) {
      const res = await untyped("pmA").rpc("write_transition_note", { p_client: w.a.client.id, p_relationship_manager: person });
      expect(res.error).toMatchObject({ code: "23514", hint: "field:relationshipManagerId" });
    }
    expect(await rowExists("service_transitions", { client_id: w.a.client.id })).toBe(false);
  });

  it("a PM cannot write another client's note, nor move a transition to another client", async () => {
    await clearTransition(w.b.client.id);
    const res = await untyped("pmA").rpc("write_transition_note", { p_client: w.b.client.id, p_relationship_manager: rmB.id });
    expect(res.error?.code).toBe("42501");
    await seedTransition(w.a.client.id, rmA, w.a.pm.id);
    const moved = await untyped("admin").from("service_transitions").update({ client_id: w.b.client.id } as never).eq("client_id", w.a.client.id);
    expect(moved.error?.code).toBe("42501");
  });
});

// ---------------------------------------------------------------- acknowledging

describe("only the named relationship manager takes over, once, and everything open moves to them", () => {
  for (const who of WHO) {
    it(`acknowledge_transition (RPC) and a direct update of acknowledged_at: ${who}`, async () => {
      await seedTransition(w.a.client.id, rmA, w.a.pm.id);
      const res = await untyped(who).rpc("acknowledge_transition", { p_client: w.a.client.id });
      const acknowledged = async () => Boolean((await readRow("service_transitions", { client_id: w.a.client.id }))?.acknowledged_at);
      const expected: Outcome =
        who === "rmA" ? "ok" : who === "anon" || who === "pmA" || who === "admin" ? "denied" : { error: "PT404" };
      expect(res.error ? (res.error.code === "42501" ? "denied" : { error: res.error.code }) : (await acknowledged()) ? "ok" : "none", who).toEqual(
        expected,
      );
      if (expected !== "ok") expect(await acknowledged()).toBe(false);

      await seedTransition(w.a.client.id, rmA, w.a.pm.id);
      const direct = await untyped(who).from("service_transitions").update({ acknowledged_at: "2020-01-01T00:00:00Z" }).eq("client_id", w.a.client.id).select("client_id");
      const expectedDirect: Outcome = who === "rmA" ? "ok" : who === "anon" || who === "pmA" || who === "admin" ? "denied" : "none";
      expect(await outcomeOf(direct, acknowledged), who).toEqual(expectedDirect);
      if (expectedDirect === "ok") {
        // The database stamps the time and the person, whatever the caller sent.
        const row = await readRow("service_transitions", { client_id: w.a.client.id });
        expect(row?.acknowledged_by).toBe(rmA.id);
        // (Not a substring test: a time such as 00:32:52.202025 contains "2020".)
        expect(String(row?.acknowledged_at)).not.toMatch(/^2020-/);
      }
    });
  }

  it("moves open commitments and open concerns to the relationship manager, keeps delivered and resolved ones, logs it, and is history after", async () => {
    await seedTransition(w.a.client.id, rmA, w.a.pm.id);
    const open = await freshCommitment(w.a.client.id);
    const atRisk = await freshCommitment(w.a.client.id, { status: "at_risk" });
    const delivered = await freshCommitment(w.a.client.id, { status: "delivered" });
    const concern = await seedRow("dissatisfiers", { client_id: w.a.client.id, summary: uniq("Slow answers"), source: "call" });
    const resolved = await seedRow("dissatisfiers", {
      client_id: w.a.client.id,
      summary: uniq("Wrong invoice"),
      source: "meeting",
      status: "resolved",
      resolution: "Credited",
      resolved_at: new Date().toISOString(),
    });
    const openBefore = (await sql<{ n: number }>(
      "select count(*)::int as n from public.commitments where client_id = $1 and status <> 'delivered' and owner_id is distinct from $2",
      [w.a.client.id, rmA.id],
    ))[0]!.n;

    const res = await untyped("rmA").rpc("acknowledge_transition", { p_client: w.a.client.id }).single();
    expect(res.error).toBeNull();
    expect(res.data).toMatchObject({ acknowledged_by: rmA.id, moved_commitments: openBefore });
    for (const c of [open, atRisk]) expect(await readRow("commitments", { id: String(c.id) }), "open").toMatchObject({ owner_id: rmA.id });
    expect(await readRow("commitments", { id: String(delivered.id) })).toMatchObject({ owner_id: null, status: "delivered" });
    expect(await readRow("dissatisfiers", { id: String(concern.id) })).toMatchObject({ owner_id: rmA.id });
    expect(await readRow("dissatisfiers", { id: String(resolved.id) })).not.toMatchObject({ owner_id: rmA.id });
    expect((await historyOf(String(open.id))).at(-1)).toMatchObject({ kind: "edited", changed_by: rmA.id, detail: { owner: [null, rmA.fullName] } });

    // Now it is on record: no second acknowledgement, no rewrite, no change to the note.
    expect((await untyped("rmA").rpc("acknowledge_transition", { p_client: w.a.client.id })).error?.code).toBe("PT409");
    expect((await untyped("pmA").rpc("write_transition_note", { p_client: w.a.client.id, p_relationship_manager: rmA.id })).error?.code).toBe("PT409");
    const note = await untyped("pmA").from("service_transition_notes").update({ open_items: "changed" }).eq("client_id", w.a.client.id).select("client_id");
    expect(note.error?.code).toBe("PT409");
    // A's contacts now see who their day-to-day contact is (not the note).
    const seen = await untyped("viewerA").from("service_transitions").select("relationship_manager_id").eq("client_id", w.a.client.id);
    expect(seen.data).toEqual([{ relationship_manager_id: rmA.id }]);
  });

  it("20 acknowledgements at once: one takes over, the others are told it is done (409), and things move once", async () => {
    await seedTransition(w.a.client.id, rmA, w.a.pm.id);
    await sql("update public.commitments set owner_id = null where client_id = $1", [w.a.client.id]);
    const before = await sql<{ n: string }>("select count(*) as n from public.commitment_events where client_id = $1", [w.a.client.id]);
    const open = (await sql<{ n: number }>("select count(*)::int as n from public.commitments where client_id = $1 and status <> 'delivered'", [w.a.client.id]))[0]!.n;
    const results = await Promise.all(Array.from({ length: 20 }, () => untyped("rmA").rpc("acknowledge_transition", { p_client: w.a.client.id })));
    expect(results.filter((r) => !r.error)).toHaveLength(1);
    expect(results.filter((r) => r.error).map((r) => r.error!.code)).toEqual(Array(19).fill("PT409"));
    const after = await sql<{ n: string }>("select count(*) as n from public.commitment_events where client_id = $1", [w.a.client.id]);
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(open);
    expect(await readRow("service_transitions", { client_id: w.a.client.id })).toMatchObject({ moved_commitments: open });
  });
});

// ---------------------------------------------------------------- the commitment's owner; a dispute opens a dissatisfier

describe("a commitment's owner and a dispute's dissatisfier", () => {
  it("only the client's team sets the owner, and only to someone on the team", async () => {
    const c = await freshCommitment(w.a.client.id);
    for (const who of CONTACTS_A) {
      const res = await untyped(who).from("commitments").update({ owner_id: rmA.id } as never).eq("id", c.id).select("id");
      expect(res.error?.code, who).toBe("42501");
    }
    const outsider = await untyped("serviceTeamA").from("commitments").update({ owner_id: rmB.id } as never).eq("id", c.id).select("id");
    expect(outsider.error).toMatchObject({ code: "23514", hint: "field:ownerId" });
    const ok = await untyped("serviceTeamA").from("commitments").update({ owner_id: rmA.id } as never).eq("id", c.id).select("id");
    expect(ok.error).toBeNull();
    expect(await readRow("commitments", { id: String(c.id) })).toMatchObject({ owner_id: rmA.id });
  });

  it("a dispute through a direct update opens one dissatisfier, raised by the contact, linked to the commitment", async () => {
    const c = await freshCommitment(w.a.client.id);
    const comment = uniq("We agreed weekly, not monthly");
    const res = await untyped("deciderA").from("commitments").update({ status: "disputed", dispute_comment: comment }).eq("id", c.id).select("id");
    expect(res.error).toBeNull();
    // A changed comment on the open dispute is not a second dissatisfier.
    await untyped("deciderA").from("commitments").update({ status: "disputed", dispute_comment: `${comment} (and named)` }).eq("id", c.id);
    const concerns = await readRows("concerns", { commitment_id: String(c.id) });
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({ person_id: w.a.contacts.decision_maker.id, client_id: w.a.client.id });
    expect(String(concerns[0]!.body)).toContain(comment);
    const opened = await readRows("dissatisfiers", { concern_id: String(concerns[0]!.id) });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ source: "concern", raised_by: w.a.contacts.decision_maker.id, status: "open" });
    // The contact sees it (for "You told us, we did"); B's contact does not.
    expect((await untyped("deciderA").from("dissatisfiers").select("id").eq("id", String(opened[0]!.id))).data).toHaveLength(1);
    expect((await untyped("contactB").from("dissatisfiers").select("id").eq("id", String(opened[0]!.id))).data).toEqual([]);
  });

  it("only the database links a concern to a commitment: a contact cannot, to their own client's or another's", async () => {
    for (const target of [await freshCommitment(w.a.client.id), await freshCommitment(w.b.client.id)]) {
      const body = uniq("Sneaky");
      const res = await untyped("viewerA")
        .from("concerns")
        .insert({ client_id: w.a.client.id, person_id: w.a.contacts.viewer.id, body, commitment_id: target.id } as never);
      expect(res.error?.code).toBe("42501");
      expect(await rowExists("concerns", { body })).toBe(false);
    }
  });
});

// ---------------------------------------------------------------- coverage guard

it("every table and function of the transition migration is attacked here, and anon may call none", async () => {
  const tables = await sql<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname = any($1::text[]) order by 1`,
    [[...TRANSITION_TABLES]],
  );
  expect(tables.map((t) => t.name)).toEqual([...TRANSITION_TABLES].sort());
  const fns = await sql<{ name: string }>(
    `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = any($1::text[]) and has_function_privilege('authenticated', p.oid, 'EXECUTE')
        and not has_function_privilege('anon', p.oid, 'EXECUTE') order by 1`,
    [[...TRANSITION_RPCS]],
  );
  expect(fns.map((f) => f.name)).toEqual([...TRANSITION_RPCS]);
});
