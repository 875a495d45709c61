// Pulse schedules (migration 20261201001500), attacked through PostgREST with real
// JWTs: who reads pulse_recipients (nobody writes it), who may set the interval,
// that only the service role runs the periodic ask, and the rules: a completed
// milestone asks, the periodic job asks a due running onboarding, the PM asks, and
// no contact is asked twice in 7 days, even with 50 asks at once. Registered in
// tests/security/rls-matrix.test.ts as attacked in its own file.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTORS, disposeWorld, seedWorld, type StandardActor, type World } from "../support/attack";
import { asPerson, serviceDb, sql } from "../support/stack";
import { seedTenant, type Tenant } from "../support/tenants";

let w: World;
const extra: Tenant[] = [];
const untyped = (actor: StandardActor) => w.db[actor] as unknown as SupabaseClient;

const recipientsOf = (clientId: string) =>
  sql<{ pulse_id: string; person_id: string; reason: string }>(
    "select pulse_id, person_id, reason::text from public.pulse_recipients where client_id = $1 order by asked_at, person_id",
    [clientId],
  );
const pulseMailsOf = (clientId: string) =>
  sql<{ recipient: string; props: Record<string, string> }>(
    "select recipient, props from public.email_outbox where client_id = $1 and template = 'pulse-request' order by recipient",
    [clientId],
  );
const contactsOf = (t: Tenant) => Object.values(t.contacts);

async function tenant(label: string) {
  const t = await seedTenant(label);
  extra.push(t);
  return t;
}

beforeAll(async () => {
  w = await seedWorld();
  // A's contacts were asked once (as the PM would), so there are rows to read.
  const { error } = await untyped("pmA").rpc("request_pulse", { p_client: w.a.client.id });
  if (error) throw new Error(error.message);
  const { error: errorB } = await untyped("admin").rpc("request_pulse", { p_client: w.b.client.id });
  if (errorB) throw new Error(errorB.message);
});

afterAll(async () => {
  const ids = [...(w ? [w.a.client.id, w.b.client.id] : []), ...extra.map((t) => t.client.id)];
  await sql("delete from public.email_outbox where client_id = any($1::uuid[])", [ids]);
  for (const t of extra) await sql("delete from public.clients where id = $1", [t.client.id]);
  if (w) await disposeWorld(w);
});

describe("pulse_recipients: read by the client's staff and by each contact for themself; written by nobody", () => {
  for (const actor of ACTORS) {
    it(`${actor}`, async () => {
      const { data, error } = await untyped(actor).from("pulse_recipients").select("client_id, person_id");
      const rows = (data ?? []) as { client_id: string; person_id: string }[];
      const ofA = rows.filter((r) => r.client_id === w.a.client.id).map((r) => r.person_id).sort();
      const ofB = rows.filter((r) => r.client_id === w.b.client.id);
      if (actor === "anon") {
        expect(error?.code).toBe("42501");
      } else if (actor === "pmA" || actor === "serviceTeamA" || actor === "admin") {
        expect(ofA).toEqual([w.person.viewerA.id, w.person.approverA.id, w.person.deciderA.id].sort());
        if (actor !== "admin") expect(ofB).toEqual([]);
      } else if (actor === "viewerA" || actor === "approverA" || actor === "deciderA") {
        expect(ofA).toEqual([w.person[actor].id]);
        expect(ofB).toEqual([]);
      } else if (actor === "contactB") {
        expect(ofA).toEqual([]);
        expect(ofB.map((r) => r.person_id)).toEqual([w.person.contactB.id]);
      } else {
        expect(ofA).toEqual([]);
        expect(ofB).toEqual([]);
      }

      // Nobody writes it through PostgREST: no grant, whoever asks.
      const [pulse] = await sql<{ pulse_id: string }>("select pulse_id from public.pulse_recipients where client_id = $1 limit 1", [w.a.client.id]);
      const before = await recipientsOf(w.a.client.id);
      const inserted = await untyped(actor)
        .from("pulse_recipients")
        .insert({ pulse_id: pulse!.pulse_id, client_id: w.a.client.id, person_id: w.person.viewerA.id, reason: "requested", expires_at: "2099-01-01" });
      expect(inserted.error?.code).toBe("42501");
      const updated = await untyped(actor).from("pulse_recipients").update({ asked_at: "2000-01-01" }).eq("client_id", w.a.client.id).select();
      expect(updated.error?.code).toBe("42501");
      const deleted = await untyped(actor).from("pulse_recipients").delete().eq("client_id", w.a.client.id).select();
      expect(deleted.error?.code).toBe("42501");
      expect(await recipientsOf(w.a.client.id)).toEqual(before);
    });
  }
});

describe("set_pulse_interval (the PM or an admin)", () => {
  for (const actor of ACTORS) {
    const allowed = actor === "pmA" || actor === "admin";
    it(`${actor} ${allowed ? "may" : "may not"} change how often A is asked`, async () => {
      const days = actor === "admin" ? 21 : 10;
      const { data, error } = await untyped(actor).rpc("set_pulse_interval", { p_client: w.a.client.id, p_days: days });
      const [row] = await sql<{ d: number }>("select pulse_interval_days as d from public.clients where id = $1", [w.a.client.id]);
      if (allowed) {
        expect(error).toBeNull();
        expect(data).toBe(days);
        expect(row!.d).toBe(days);
        await sql("update public.clients set pulse_interval_days = 14 where id = $1", [w.a.client.id]);
      } else {
        expect(error?.code).toBe("42501");
        expect(row!.d).toBe(14);
      }
    });
  }

  it("refuses 0 and 91 days on the field, and changes nothing", async () => {
    for (const days of [0, 91]) {
      const { error } = await untyped("pmA").rpc("set_pulse_interval", { p_client: w.a.client.id, p_days: days });
      expect(error?.code).toBe("23514");
      expect(error?.hint).toBe("field:pulseIntervalDays");
    }
    const [row] = await sql<{ d: number }>("select pulse_interval_days as d from public.clients where id = $1", [w.a.client.id]);
    expect(row!.d).toBe(14);
  });
});

describe("ask_due_pulses (the scheduled job: the service role only)", () => {
  for (const actor of ACTORS) {
    it(`${actor} may not run it`, async () => {
      const { error } = await untyped(actor).rpc("ask_due_pulses");
      expect(error?.code).toBe("42501");
    });
  }

  it("asks a running onboarding whose interval has passed, once, even when the job fires twice at once", async () => {
    const due = await tenant("pulse-due");
    const notDue = await tenant("pulse-notdue");
    const ended = await tenant("pulse-ended");
    // due: started 20 days ago, never asked; notDue: started today; ended: service taken over yesterday.
    await sql("update public.clients set created_at = now() - interval '20 days' where id = any($1::uuid[])", [[due.client.id, ended.client.id]]);
    await sql("update public.clients set service_takeover_date = current_date - 1 where id = $1", [ended.client.id]);

    const runs = await Promise.all([serviceDb().rpc("ask_due_pulses"), serviceDb().rpc("ask_due_pulses")]);
    for (const r of runs) expect(r.error).toBeNull();

    const asked = await recipientsOf(due.client.id);
    expect(asked.map((r) => r.person_id).sort()).toEqual(contactsOf(due).map((c) => c.id).sort());
    expect(new Set(asked.map((r) => r.reason))).toEqual(new Set(["periodic"]));
    expect(new Set(asked.map((r) => r.pulse_id)).size).toBe(1);
    const mails = await pulseMailsOf(due.client.id);
    expect(mails.map((m) => m.recipient)).toEqual(contactsOf(due).map((c) => c.email).sort());
    expect(mails[0]!.props.why).toBe("We ask every few weeks while your onboarding runs.");
    expect(await recipientsOf(notDue.client.id)).toEqual([]);
    expect(await recipientsOf(ended.client.id)).toEqual([]);

    // The next run: the pulse just asked is younger than the interval.
    await serviceDb().rpc("ask_due_pulses");
    expect(await recipientsOf(due.client.id)).toHaveLength(3);
  });
});

describe("a completed milestone asks for a pulse", () => {
  it("asks when a client-visible milestone is done, not an internal one, and not twice in 7 days", async () => {
    const t = await tenant("pulse-milestone");
    const [phase] = await sql<{ id: string }>("insert into public.phases (client_id, name, planned_start, planned_end) values ($1, 'Build', current_date - 30, current_date + 30) returning id", [t.client.id]);
    const [visible, internal, second] = await sql<{ id: string }>(
      `insert into public.milestones (client_id, phase_id, title, planned_date, is_internal) values
         ($1, $2, 'Payroll file tested', current_date, false),
         ($1, $2, 'Margin review', current_date, true),
         ($1, $2, 'Census received', current_date, false)
       returning id`,
      [t.client.id, phase!.id],
    );
    const pm = await asPerson(t.pm.id);

    expect((await pm.from("milestones").update({ actual_date: new Date().toISOString().slice(0, 10) }).eq("id", internal!.id)).error).toBeNull();
    expect(await recipientsOf(t.client.id)).toEqual([]);

    expect((await pm.from("milestones").update({ actual_date: new Date().toISOString().slice(0, 10) }).eq("id", visible!.id)).error).toBeNull();
    const asked = await recipientsOf(t.client.id);
    expect(asked).toHaveLength(3);
    expect(new Set(asked.map((r) => r.reason))).toEqual(new Set(["milestone"]));
    const [mail] = await pulseMailsOf(t.client.id);
    expect(mail!.props.why).toBe('We have just completed "Payroll file tested".');

    // Another milestone the same week, and the PM asking: nobody is asked again.
    expect((await pm.from("milestones").update({ actual_date: new Date().toISOString().slice(0, 10) }).eq("id", second!.id)).error).toBeNull();
    const { data } = await pm.rpc("request_pulse", { p_client: t.client.id });
    expect(data).toEqual({ id: null, asked: 0, skipped: 3 });
    expect(await recipientsOf(t.client.id)).toHaveLength(3);
    expect(await pulseMailsOf(t.client.id)).toHaveLength(3);

    // Eight days later (the last ask moved back), the PM's ask reaches everyone again.
    await sql("update public.pulse_recipients set asked_at = asked_at - interval '8 days' where client_id = $1", [t.client.id]);
    const again = await pm.rpc("request_pulse", { p_client: t.client.id });
    expect(again.data).toMatchObject({ asked: 3, skipped: 0 });
  });
});

describe("no contact is asked twice in 7 days, whatever asks at once", () => {
  it("50 parallel asks by the PM (and a milestone done meanwhile) ask each contact once", async () => {
    const t = await tenant("pulse-race");
    const [phase] = await sql<{ id: string }>("insert into public.phases (client_id, name, planned_start, planned_end) values ($1, 'Build', current_date - 30, current_date + 30) returning id", [t.client.id]);
    const [milestone] = await sql<{ id: string }>(
      "insert into public.milestones (client_id, phase_id, title, planned_date) values ($1, $2, 'Kick-off', current_date) returning id",
      [t.client.id, phase!.id],
    );
    const pm = await asPerson(t.pm.id);
    const results = await Promise.all([
      ...Array.from({ length: 50 }, () => pm.rpc("request_pulse", { p_client: t.client.id })),
      pm.from("milestones").update({ actual_date: new Date().toISOString().slice(0, 10) }).eq("id", milestone!.id).select("id"),
    ]);
    for (const r of results) expect(r.error).toBeNull();
    const answers = results.slice(0, 50).map((r) => r.data as { id: string | null; asked: number; skipped: number });
    const askedByPm = answers.reduce((n, a) => n + a.asked, 0);

    const asked = await recipientsOf(t.client.id);
    expect(asked.map((r) => r.person_id).sort()).toEqual(contactsOf(t).map((c) => c.id).sort());
    expect(askedByPm).toBe(asked.filter((r) => r.reason === "requested").length);
    expect(answers.filter((a) => a.id !== null).length).toBe(new Set(asked.filter((r) => r.reason === "requested").map((r) => r.pulse_id)).size);
    const mails = await pulseMailsOf(t.client.id);
    expect(mails.map((m) => m.recipient)).toEqual(contactsOf(t).map((c) => c.email).sort());
  });
});
