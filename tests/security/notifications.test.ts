// Notification preferences, digest settings and digests (migration
// 20261201001400), attacked through PostgREST with real JWTs: every actor of
// the security world reads, writes, edits and deletes each table and calls each
// function; then the rules the database decides (defaults by role, who is
// emailed at once, when a digest is due, one digest per period under 50
// parallel calls).
//
// Tenant A is the target, B the neighbour. Seeded: A's approver chose "never"
// for updates, A's decision maker a daily digest and has had one digest; B's
// contact the same kinds of rows.
import type { PostgrestError, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTORS, disposeWorld, freshContact, readRows, seedWorld, type StandardActor, type World } from "../support/attack";
import { asPerson, serviceDb, type Db } from "../support/stack";
import { seedTenant, type Tenant } from "../support/tenants";

let w: World;
const untyped = (db: Db) => db as unknown as SupabaseClient;
const code = (r: { error: PostgrestError | null }) => (r.error ? r.error.code : "ok");

async function must<T>(p: PromiseLike<{ data: T; error: PostgrestError | null }>): Promise<T> {
  const { data, error } = await p;
  if (error) throw new Error(`seed failed: ${error.message}`);
  return data;
}

beforeAll(async () => {
  w = await seedWorld();
  const s = serviceDb();
  await must(
    s.from("notification_preferences").insert([
      { client_id: w.a.client.id, person_id: w.a.contacts.approver.id, kind: "updates", delivery: "never" },
      { client_id: w.b.client.id, person_id: w.b.contacts.viewer.id, kind: "updates", delivery: "digest" },
    ]),
  );
  await must(
    s.from("digest_settings").insert([
      { client_id: w.a.client.id, person_id: w.a.contacts.decision_maker.id, frequency: "daily", hour: 7, time_zone: "Europe/Berlin" },
      { client_id: w.b.client.id, person_id: w.b.contacts.viewer.id, frequency: "weekly", hour: 8, time_zone: "UTC" },
    ]),
  );
  await must(
    s.from("digests").insert([
      { client_id: w.a.client.id, person_id: w.a.contacts.decision_maker.id, period_key: "daily:2026-11-30", period_start: "2026-11-29T06:00:00Z", period_end: "2026-11-30T06:00:00Z" },
      { client_id: w.b.client.id, person_id: w.b.contacts.viewer.id, period_key: "weekly:2026-W48", period_start: "2026-11-16T08:00:00Z", period_end: "2026-11-23T08:00:00Z" },
    ]),
  );
});

afterAll(async () => {
  if (w) await disposeWorld(w);
});

// Who owns each seeded row, by label: A's rows are approverA's (preferences) or deciderA's (settings, digests); B's are contactB's.
const seenBy = async (actor: StandardActor, table: "notification_preferences" | "digest_settings" | "digests") => {
  const r = await untyped(w.db[actor]).from(table).select("client_id, person_id").in("client_id", [w.a.client.id, w.b.client.id]);
  if (r.error) return r.error.code;
  return (r.data as { person_id: string }[]).map((row) => w.label(row.person_id)).sort();
};

describe("reading: a contact their own rows, the client's staff (and admins) all of the client's, nobody else any", () => {
  const ownerA = { notification_preferences: "approverA", digest_settings: "deciderA", digests: "deciderA" } as const;
  for (const table of ["notification_preferences", "digest_settings", "digests"] as const) {
    const expected: Record<StandardActor, string[] | string> = {
      anon: "42501",
      viewerA: [],
      approverA: ownerA[table] === "approverA" ? ["approverA"] : [],
      deciderA: ownerA[table] === "deciderA" ? ["deciderA"] : [],
      contactB: ["viewerB"],
      unassignedStaff: [],
      pmA: [ownerA[table]],
      serviceTeamA: [ownerA[table]],
      admin: [ownerA[table], "viewerB"].sort(),
    };
    for (const actor of ACTORS) {
      it(`${table}: ${actor} sees ${JSON.stringify(expected[actor])}`, async () => {
        expect(await seenBy(actor, table)).toEqual(expected[actor]);
      });
    }
  }
});

describe("writing: only a contact, only their own rows, only on their own client; nobody deletes; nobody writes digests", () => {
  // Each actor inserts a preference and digest settings for themselves on client A.
  const insertOwn: Record<StandardActor, string> = {
    anon: "42501",
    viewerA: "ok",
    approverA: "ok", // (updates already has a row: the insert below is for date_changes)
    deciderA: "ok",
    contactB: "42501",
    unassignedStaff: "42501",
    pmA: "42501",
    serviceTeamA: "42501",
    admin: "42501",
  };
  for (const actor of ACTORS) {
    it(`${actor}: own preference and settings on A: ${insertOwn[actor]}; for someone else: 42501`, async () => {
      const me = actor === "anon" ? w.a.contacts.viewer.id : w.person[actor].id;
      const pref = await untyped(w.db[actor])
        .from("notification_preferences")
        .insert({ client_id: w.a.client.id, person_id: me, kind: "date_changes", delivery: "never" })
        .select("person_id");
      expect(code(pref)).toBe(insertOwn[actor]);
      if (actor !== "deciderA") {
        const settings = await untyped(w.db[actor])
          .from("digest_settings")
          .insert({ client_id: w.a.client.id, person_id: me, frequency: "daily" })
          .select("person_id");
        expect(code(settings)).toBe(insertOwn[actor]);
      }
      const forOther = await untyped(w.db[actor])
        .from("notification_preferences")
        .insert({
          client_id: w.a.client.id,
          person_id: actor === "deciderA" ? w.a.contacts.approver.id : w.a.contacts.decision_maker.id,
          kind: "sign_off_requests",
          delivery: "never",
        })
        .select("person_id");
      expect(code(forOther)).toBe("42501");
      const digest = await untyped(w.db[actor])
        .from("digests")
        .insert({ client_id: w.a.client.id, person_id: me, period_key: "daily:2030-01-01", period_start: "2030-01-01T00:00:00Z", period_end: "2030-01-01T00:00:00Z" })
        .select("id");
      expect(code(digest)).toBe("42501");
    });
  }

  // Each actor tries to change approverA's "updates: never" and deciderA's digest, then delete them.
  const update: Record<StandardActor, "ok" | "none" | "denied"> = {
    anon: "denied",
    viewerA: "none",
    approverA: "ok",
    deciderA: "none",
    contactB: "none",
    unassignedStaff: "none",
    pmA: "none",
    serviceTeamA: "none",
    admin: "none",
  };
  for (const actor of ACTORS) {
    it(`${actor}: changing approverA's preference: ${update[actor]}; deleting any: denied; changing a digest: denied`, async () => {
      const match = { client_id: w.a.client.id, person_id: w.a.contacts.approver.id, kind: "updates" } as const;
      const r = await untyped(w.db[actor]).from("notification_preferences").update({ delivery: "digest" }).match(match).select("delivery");
      if (update[actor] === "denied") expect(code(r)).toBe("42501");
      else expect((r.data ?? []).length).toBe(update[actor] === "ok" ? 1 : 0);
      const [row] = await readRows("notification_preferences", match);
      expect(row!.delivery).toBe(update[actor] === "ok" ? "digest" : "never");
      await serviceDb().from("notification_preferences").update({ delivery: "never" }).match(match);

      const del = await untyped(w.db[actor]).from("notification_preferences").delete().match(match).select("*");
      expect(code(del)).toBe("42501");
      const delSettings = await untyped(w.db[actor]).from("digest_settings").delete().eq("client_id", w.a.client.id).select("*");
      expect(code(delSettings)).toBe("42501");
      const digestEdit = await untyped(w.db[actor]).from("digests").update({ period_end: "2020-01-01T00:00:00Z" }).eq("client_id", w.a.client.id).select("*");
      expect(code(digestEdit)).toBe("42501");
      const digestDelete = await untyped(w.db[actor]).from("digests").delete().eq("client_id", w.a.client.id).select("*");
      expect(code(digestDelete)).toBe("42501");
      expect(await readRows("digests", { client_id: w.a.client.id })).toHaveLength(1);
    });
  }

  it("a contact cannot move their row to another client or person", async () => {
    const r = await untyped(w.db.approverA)
      .from("notification_preferences")
      .update({ client_id: w.b.client.id, person_id: w.b.contacts.viewer.id })
      .eq("client_id", w.a.client.id)
      .select("*");
    expect(code(r)).toBe("42501");
  });
});

describe("functions", () => {
  const settingsOfApproverA: Record<StandardActor, "settings" | "null" | "42501"> = {
    anon: "42501",
    viewerA: "null",
    approverA: "settings",
    deciderA: "null",
    contactB: "null",
    unassignedStaff: "null",
    pmA: "settings",
    serviceTeamA: "settings",
    admin: "settings",
  };
  for (const actor of ACTORS) {
    it(`notification_settings of approverA: ${actor} gets ${settingsOfApproverA[actor]}`, async () => {
      const r = await w.db[actor].rpc("notification_settings", { p_client: w.a.client.id, p_person: w.a.contacts.approver.id });
      if (settingsOfApproverA[actor] === "42501") return expect(code(r)).toBe("42501");
      expect(code(r)).toBe("ok");
      if (settingsOfApproverA[actor] === "null") expect(r.data).toBeNull();
      else expect(r.data).toMatchObject({ personId: w.a.contacts.approver.id, kinds: { updates: { delivery: "never", isDefault: false } } });
    });
  }

  const saves: Record<StandardActor, string> = {
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
    it(`save_notification_settings and set_notification_choice on A: ${actor} ${saves[actor]}; digests_due and record_digest: 42501`, async () => {
      // A fresh contact of A stands in for the A contacts, so the seeded rows stay as they are.
      const save = await w.db[actor].rpc("save_notification_settings", {
        p_client: w.a.client.id,
        p_updates: "now",
        p_sign_off_requests: "now",
        p_date_changes: "now",
        p_frequency: "never",
      });
      expect(code(save)).toBe(saves[actor]);
      const choice = await w.db[actor].rpc("set_notification_choice", { p_client: w.a.client.id, p_kind: "date_changes", p_choice: "never" });
      expect(code(choice)).toBe(saves[actor]);
      const due = await untyped(w.db[actor]).rpc("digests_due", {});
      expect(code(due)).toBe("42501");
      const record = await untyped(w.db[actor]).rpc("record_digest", {
        p_client: w.a.client.id,
        p_person: w.a.contacts.viewer.id,
        p_period_key: "daily:2031-01-01",
        p_period_start: "2031-01-01T00:00:00Z",
        p_period_end: "2031-01-01T00:00:00Z",
        p_props: {},
      });
      expect(code(record)).toBe("42501");
      // Put A's seeded choices back for the other tests.
      if (actor === "approverA") await serviceDb().from("notification_preferences").update({ delivery: "never" }).match({ client_id: w.a.client.id, person_id: w.a.contacts.approver.id, kind: "updates" });
      if (actor === "deciderA") await serviceDb().from("digest_settings").update({ frequency: "daily", hour: 7, time_zone: "Europe/Berlin" }).match({ client_id: w.a.client.id, person_id: w.a.contacts.decision_maker.id });
    });
  }
});

describe("rules the database decides", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await seedTenant("notif");
  });

  it("defaults by role: sign-off requests at once for everyone; a decision maker gets updates and date changes in the digest, weekly on Monday 08:00", async () => {
    const approver = await (await asPerson(t.contacts.approver.id)).rpc("notification_settings", { p_client: t.client.id });
    expect(approver.data).toMatchObject({
      role: "approver",
      kinds: { sign_off_requests: { delivery: "now", isDefault: true }, updates: { delivery: "now" } },
      digest: { frequency: "never" },
    });
    const decider = await (await asPerson(t.contacts.decision_maker.id)).rpc("notification_settings", { p_client: t.client.id });
    expect(decider.data).toMatchObject({
      role: "decision_maker",
      // A sign-off request goes only to a named approver, who holds the work up: at once for every role.
      kinds: { sign_off_requests: { delivery: "now", isDefault: true }, updates: { delivery: "digest" }, date_changes: { delivery: "digest" } },
      digest: { frequency: "weekly", weekday: 1, hour: 8, timeZone: "UTC", isDefault: true },
    });
  });

  it("saving names the field it refuses: a digest-only kind with no digest, an unknown time zone", async () => {
    const db = await asPerson(t.contacts.viewer.id);
    const base = { p_client: t.client.id, p_updates: "now", p_sign_off_requests: "now", p_date_changes: "now", p_frequency: "weekly" } as const;
    const noDigest = await db.rpc("save_notification_settings", { ...base, p_updates: "digest", p_frequency: "never" });
    expect([noDigest.error?.code, noDigest.error?.hint]).toEqual(["23514", "field:frequency"]);
    const zone = await db.rpc("save_notification_settings", { ...base, p_time_zone: "Mars/Olympus" });
    expect([zone.error?.code, zone.error?.hint]).toEqual(["23514", "field:timeZone"]);
    const hour = await db.rpc("save_notification_settings", { ...base, p_hour: 24 });
    expect([hour.error?.code, hour.error?.hint]).toEqual(["23514", "field:hour"]);
    expect(await readRows("notification_preferences", { client_id: t.client.id, person_id: t.contacts.viewer.id })).toEqual([]);
  });

  it("an update is emailed at once only to those who want updates at once; digest or never queues nothing", async () => {
    const viewer = await asPerson(t.contacts.viewer.id);
    expect(code(await viewer.rpc("set_notification_choice", { p_client: t.client.id, p_kind: "updates", p_choice: "never" }))).toBe("ok");
    const pm = await asPerson(t.pm.id);
    const email = { providerName: "Harbor Benefits", excerpt: "Hello", clientPageUrl: `http://portal.test/c/${t.client.slug}` };
    const posted = await pm.rpc("post_client_update", { p_client: t.client.id, p_title: "Week 1", p_body_markdown: "Hello", p_email: email });
    expect(code(posted)).toBe("ok");
    const rows = await readRows("email_outbox", { client_id: t.client.id });
    const queued = rows.filter((r) => String(r.idempotency_key).startsWith(`client-update:${posted.data}:`));
    // The approver (at once by default) only: the decision maker's default is the digest; the viewer chose never.
    expect(queued.map((r) => r.recipient)).toEqual([t.contacts.approver.email]);
    expect((queued[0]!.props as Record<string, unknown>).recipient).toEqual({
      clientId: t.client.id,
      personId: t.contacts.approver.id,
      clientSlug: t.client.slug,
      kind: "updates",
    });
  });

  it("a sign-off request is emailed at once to each named approver unless they chose the digest or never, and names its recipient", async () => {
    const pm = untyped(await asPerson(t.pm.id));
    const approvers = [t.contacts.approver.id, t.contacts.decision_maker.id];
    const decider = await asPerson(t.contacts.decision_maker.id);
    expect(code(await decider.rpc("set_notification_choice", { p_client: t.client.id, p_kind: "sign_off_requests", p_choice: "digest" }))).toBe("ok");
    const created = await pm.rpc("create_requirement_document", {
      p_client: t.client.id,
      p_title: "Carrier feeds",
      p_area: null,
      p_due_date: null,
      p_approvers: approvers,
    });
    expect(created.error).toBeNull();
    const published = await pm
      .rpc("publish_requirement_version", {
        p_document: created.data,
        p_title: "Carrier feeds",
        p_area: null,
        p_due_date: null,
        p_approvers: approvers,
        p_body: "# Carrier feeds\n\nWeekly 834 files.\n",
        p_change_note: null,
      })
      .single<{ id: string }>();
    expect(published.error).toBeNull();
    const rows = (await readRows("email_outbox", { client_id: t.client.id })).filter((r) =>
      String(r.idempotency_key).startsWith(`requirement-review:${published.data!.id}:`),
    );
    // The approver (never chose): at once. The decision maker chose the digest, where the sign-off is listed.
    // (A decision maker who never chose gets it at once too: tests/security/emails-in-transaction.test.ts.)
    expect(rows.map((r) => r.recipient)).toEqual([t.contacts.approver.email]);
    const approverRow = rows.find((r) => r.recipient === t.contacts.approver.email)!;
    expect((approverRow.props as Record<string, unknown>).recipient).toEqual({
      clientId: t.client.id,
      personId: t.contacts.approver.id,
      clientSlug: t.client.slug,
      kind: "sign_off_requests",
    });
  });

  it("a digest is due at the recipient's day and hour in their time zone, once per period", async () => {
    const s = serviceDb();
    const dueFor = async (now: string) =>
      ((await s.rpc("digests_due", { p_now: now })).data ?? []).filter((r) => r.client_id === t.client.id).map((r) => ({ who: r.person_id, key: r.period_key }));
    const decider = t.contacts.decision_maker.id;
    // Monday 7 Dec 2026: 07:59 UTC not yet, 08:00 due; Sunday never.
    expect(await dueFor("2026-12-07T07:59:00Z")).toEqual([]);
    expect(await dueFor("2026-12-07T08:00:00Z")).toEqual([{ who: decider, key: "weekly:2026-W50" }]);
    expect(await dueFor("2026-12-06T12:00:00Z")).toEqual([]);
    // Daily at 08:00 in New York (13:00 UTC in December).
    const db = await asPerson(decider);
    expect(
      code(
        await db.rpc("save_notification_settings", {
          p_client: t.client.id,
          p_updates: "digest",
          p_sign_off_requests: "digest",
          p_date_changes: "digest",
          p_frequency: "daily",
          p_hour: 8,
          p_time_zone: "America/New_York",
        }),
      ),
    ).toBe("ok");
    expect(await dueFor("2026-12-08T12:30:00Z")).toEqual([]);
    expect(await dueFor("2026-12-08T13:05:00Z")).toEqual([{ who: decider, key: "daily:2026-12-08" }]);
    const recorded = await s.rpc("record_digest", {
      p_client: t.client.id,
      p_person: decider,
      p_period_key: "daily:2026-12-08",
      p_period_start: "2026-12-07T13:00:00Z",
      p_period_end: "2026-12-08T13:05:00Z",
      p_props: { hello: "world" },
    });
    expect(code(recorded)).toBe("ok");
    expect(await dueFor("2026-12-08T20:00:00Z")).toEqual([]);
    // The next day's digest starts where this one ended.
    const next = (await s.rpc("digests_due", { p_now: "2026-12-09T13:05:00Z" })).data!.find((r) => r.client_id === t.client.id)!;
    expect(next.period_start).toBe("2026-12-08T13:05:00+00:00");
  });

  it("50 parallel record_digest calls for one recipient and period create one digest and one email", async () => {
    const s = serviceDb();
    const person = (await freshContact(t.client.id, "decision_maker")).id;
    const calls = Array.from({ length: 50 }, () =>
      s.rpc("record_digest", {
        p_client: t.client.id,
        p_person: person,
        p_period_key: "weekly:2027-W02",
        p_period_start: "2027-01-04T08:00:00Z",
        p_period_end: "2027-01-11T08:00:00Z",
        p_props: { n: 1 },
      }),
    );
    const results = await Promise.all(calls);
    expect(results.map(code)).toEqual(results.map(() => "ok"));
    expect(results.filter((r) => r.data !== null)).toHaveLength(1);
    expect(await readRows("digests", { client_id: t.client.id, person_id: person })).toHaveLength(1);
    const emails = (await readRows("email_outbox", { client_id: t.client.id })).filter((r) => r.template === "digest" && String(r.idempotency_key).includes(person));
    expect(emails).toHaveLength(1);
  });
});
