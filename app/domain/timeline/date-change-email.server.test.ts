// Moving a milestone's planned date emails the client's contacts who get date changes
// at once (migration 20261201002210), through the outbox in the move's transaction:
// driven through the plan editor's domain call as the PM, delivered to the local
// mailbox by the worker's code, and read there as the contact's mail client would.
import { beforeAll, describe, expect, it } from "vitest";
import { appOrigin } from "~/lib/env.server";
import { deliverOutboxOf } from "../../../tests/support/outbox";
import { asPerson, serviceDb, sql } from "../../../tests/support/stack";
import { seedPerson, seedTenant, type SeededPerson, type Tenant } from "../../../tests/support/tenants";
import { saveMilestone } from "./save-milestone.server";
import { savePhase } from "./save-phase.server";

type Mail = { to: string[]; subject: string; html: string; text: string; headers?: Record<string, string> };

async function mailFor(email: string): Promise<Mail[]> {
  const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  expect(res.ok).toBe(true);
  return ((await res.json()) as { data: Mail[] }).data.filter((m) => m.subject.startsWith("New date for"));
}

const STAFF_ONLY = "STAFF-ONLY: the carrier is in trouble";
let a: Tenant;
let b: Tenant;
/** A decision maker of A who chose date changes at once (their role's default is the digest). */
let eager: SeededPerson;
let phaseA: string;

async function milestone(t: Tenant, phaseId: string, title: string, isInternal = false) {
  const pm = await asPerson(t.pm.id);
  const input = {
    intent: "save-milestone" as const,
    phaseId,
    title,
    description: STAFF_ONLY,
    riskNote: STAFF_ONLY,
    plannedDate: "2027-01-04",
    isInternal,
  };
  expect(await saveMilestone(pm, t.client.id, input)).toEqual({ ok: true });
  const id = (await serviceDb().from("milestones").select("id").eq("client_id", t.client.id).eq("title", title).single()).data!.id;
  /** Moves it as the PM does in the plan editor. */
  const move = async (plannedDate: string, changeReason = "The carrier moved its test window by a week.") =>
    saveMilestone(pm, t.client.id, { ...input, milestoneId: id, plannedDate, changeReason, changeSide: "third_party" });
  return { id, move };
}

const queued = (clientId: string) =>
  sql<{ recipient: string; idempotency_key: string }>(
    "select recipient, idempotency_key from public.email_outbox where client_id = $1 and template = 'date-change' order by recipient",
    [clientId],
  );

beforeAll(async () => {
  [a, b] = await Promise.all([seedTenant("slip-mail-a"), seedTenant("slip-mail-b")]);
  eager = await seedPerson("slip-mail-eager", "slip-mail.example");
  await sql("insert into public.client_contacts (client_id, person_id, role) values ($1, $2, 'decision_maker')", [a.client.id, eager.id]);
  // Preferences as the contacts chose them: the approver never, the eager decision maker at once.
  await sql(
    `insert into public.notification_preferences (client_id, person_id, kind, delivery)
     values ($1, $2, 'date_changes', 'never'), ($1, $3, 'date_changes', 'now')`,
    [a.client.id, a.contacts.approver.id, eager.id],
  );
  const pm = await asPerson(a.pm.id);
  expect(
    await savePhase(pm, a.client.id, { intent: "save-phase", name: "Build", plannedStart: "2026-12-01", plannedEnd: "2027-03-31", isInternal: false }),
  ).toEqual({ ok: true });
  phaseA = (await serviceDb().from("phases").select("id").eq("client_id", a.client.id).single()).data!.id;
});

describe("a milestone's date moves: the date-change email", () => {
  it("goes to the contacts who get date changes at once; digest-only and never get none, nor another client's contacts", async () => {
    const m = await milestone(a, phaseA, "Carrier file test");
    expect(await m.move("2027-01-11")).toEqual({ ok: true });

    const expected = [a.contacts.viewer.email, eager.email].sort();
    expect((await queued(a.client.id)).map((r) => r.recipient)).toEqual(expected);
    await deliverOutboxOf(a.client.id);
    for (const email of expected) expect(await mailFor(email)).toHaveLength(1);
    // The decision maker's default is the digest; the approver chose never.
    expect(await mailFor(a.contacts.decision_maker.email)).toEqual([]);
    expect(await mailFor(a.contacts.approver.email)).toEqual([]);
    for (const contact of Object.values(b.contacts)) expect(await mailFor(contact.email)).toEqual([]);
    expect(await queued(b.client.id)).toEqual([]);
  });

  it("says which milestone, the old and new day and the reason, in the client's brand, with the preferences and unsubscribe links; no staff-only text", async () => {
    const [mail] = await mailFor(a.contacts.viewer.email);
    expect(mail!.subject).toBe(`New date for Carrier file test: 11 Jan 2027 (${a.client.name})`);
    const html = mail!.html.replaceAll("<!-- -->", "");
    for (const part of [mail!.text, html]) {
      expect(part).toContain("You get this because a planned date changed on");
      expect(part).toContain("Carrier file test");
      expect(part).toContain("4 Jan 2027");
      expect(part).toContain("11 Jan 2027");
      expect(part).toContain("The carrier moved its test window by a week.");
      expect(part).toContain(`${appOrigin}/c/${a.client.slug}`);
      expect(part).toContain(`${appOrigin}/c/${a.client.slug}/preferences`);
      expect(part).toContain(`${appOrigin}/unsubscribe/`);
      expect(part).not.toContain("STAFF-ONLY");
    }
    expect(html).toMatch(/background-color:#123456/);
  });

  it("is sent once per contact per change: the same change submitted twice, even at once, sends nothing more", async () => {
    const m = await milestone(a, phaseA, "Payroll go-live");
    const before = (await queued(a.client.id)).length;
    const results = await Promise.all(Array.from({ length: 10 }, () => m.move("2027-02-01")));
    expect(results).toEqual(results.map(() => ({ ok: true })));
    const keys = (await queued(a.client.id)).map((r) => r.idempotency_key);
    expect(keys.length - before).toBe(2);
    expect(await sql("select 1 from public.date_changes where milestone_id = $1", [m.id])).toHaveLength(1);

    await deliverOutboxOf(a.client.id);
    const about = async (email: string) => (await mailFor(email)).filter((mail) => mail.subject.includes("Payroll go-live"));
    expect(await about(a.contacts.viewer.email)).toHaveLength(1);
    expect(await about(eager.email)).toHaveLength(1);

    // A second, different move is a second change: one more email each.
    expect(await m.move("2027-02-08")).toEqual({ ok: true });
    await deliverOutboxOf(a.client.id);
    expect(await about(a.contacts.viewer.email)).toHaveLength(2);
  });

  it("is not sent for an internal milestone (staff-only), nor when the move fails (no reason given)", async () => {
    const hidden = await milestone(a, phaseA, "Internal capacity check", true);
    const before = (await queued(a.client.id)).length;
    expect(await hidden.move("2027-03-01")).toEqual({ ok: true });
    const visible = await milestone(a, phaseA, "Enrolment opens");
    const refused = await visible.move("2027-03-01", "");
    expect(refused).toMatchObject({ ok: false });
    expect((await queued(a.client.id)).length).toBe(before);
  });
});
