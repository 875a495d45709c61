// Digests against the real local stack: what a decision maker's digest holds
// (only their own client's data, nothing staff-only, in the HTML and the text),
// the one-line quiet week, and one digest per recipient and period when the
// scheduler runs twice at once.
import { render } from "@react-email/render";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, seedRow } from "../../../tests/support/attack";
import { asPerson, serviceDb } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { emailFromRegistry, emailHeaders } from "../../../emails/registry";
import { verifyUnsubscribeToken } from "../notifications/unsubscribe-token.server";
import { buildDigest } from "./build-digest.server";
import { digestStatus } from "./digest-content";
import { runDueDigests } from "./run-due-digests.server";

let a: Tenant;
let b: Tenant;
let quiet: Tenant;
const today = new Date().toISOString().slice(0, 10);

async function renderDigest(props: unknown) {
  const { subject, element } = emailFromRegistry("digest", props as Record<string, unknown>);
  return { subject, html: await render(element), text: await render(element, { plainText: true }) };
}

beforeAll(async () => {
  [a, b, quiet] = await Promise.all([seedTenant("dig-a"), seedTenant("dig-b"), seedTenant("dig-quiet")]);
  for (const [t, prefix] of [
    [a, "A"],
    [b, "B"],
  ] as const) {
    const phase = await seedRow("phases", { client_id: t.client.id, name: `${prefix} build`, position: 0, planned_start: addDays(today, -30), planned_end: addDays(today, 30) });
    await seedRow("milestones", { client_id: t.client.id, phase_id: phase.id, title: `${prefix} payroll file test`, planned_date: addDays(today, -5) });
    await seedRow("milestones", { client_id: t.client.id, phase_id: phase.id, title: `${prefix} go-live rehearsal`, planned_date: addDays(today, 10) });
    await seedRow("milestones", { client_id: t.client.id, phase_id: phase.id, title: `${prefix} INTERNAL carrier escalation`, planned_date: addDays(today, 3), is_internal: true });
    const pm = await asPerson(t.pm.id);
    const email = { providerName: "Harbor Benefits", excerpt: "x", clientPageUrl: `http://portal.test/c/${t.client.slug}` };
    for (const args of [
      { p_title: `${prefix} open enrolment window`, p_body_markdown: "Two weeks or three?", p_decision_needed: true, p_decision_due: addDays(today, 7), p_decision_from: t.contacts.decision_maker.id },
      { p_title: `${prefix} STAFF ONLY carrier is late`, p_body_markdown: "Do not tell the client yet.", p_is_internal: true },
    ]) {
      const { error } = await pm.rpc("post_client_update", { p_client: t.client.id, p_email: email, ...args });
      if (error) throw new Error(error.message);
    }
  }
});

describe("a decision maker's digest", () => {
  it("holds an honest status, the update, the decision they owe with its link and the next milestones; nothing staff-only, nothing of another client", async () => {
    const built = await buildDigest({ personId: a.contacts.decision_maker.id, clientId: a.client.id }, new Date(Date.now() - 7 * 86_400_000));
    expect(built).not.toBeNull();
    const { props } = built!;
    expect(props.status.level).toBe("amber");
    expect(props.status.reason).toBe(`Amber: 1 milestone late (the latest: A payroll file test, 5 days).`);
    const { subject, html, text } = await renderDigest(props);
    expect(subject).toContain(a.client.name);
    // The reason first, then the status in words.
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(lines[1]).toMatch(/^You get this because you are a contact on .*'s onboarding and chose a weekly digest/);
    expect(text).toContain("Amber: 1 milestone late");
    expect(text).toContain("A open enrolment window");
    expect(text).toContain("Waiting for you");
    expect(html).toMatch(new RegExp(`href="http[^"]+/c/${a.client.slug}/updates/[0-9a-f-]{36}"`));
    expect(text).toContain("A go-live rehearsal");
    for (const output of [html, text]) {
      expect(output).not.toContain("STAFF ONLY");
      expect(output).not.toContain("Do not tell the client");
      expect(output).not.toContain("INTERNAL carrier escalation");
      expect(output).not.toMatch(/\bB (open enrolment|payroll|go-live)/);
      expect(output).not.toContain(b.client.name);
    }
    // The preferences page and a signed one-click unsubscribe for this digest, in the footer and the headers.
    expect(html).toContain(`/c/${a.client.slug}/preferences`);
    const headers = emailHeaders(props as unknown as Record<string, unknown>)!;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const token = /\/unsubscribe\/([^>]+)>$/.exec(headers["List-Unsubscribe"]!)![1]!;
    expect(verifyUnsubscribeToken(token)).toEqual({ personId: a.contacts.decision_maker.id, clientId: a.client.id, kind: "digest" });
    expect(html).toContain(`/unsubscribe/${token}`);
  });

  it("says in one line when nothing happened", async () => {
    const built = await buildDigest({ personId: quiet.contacts.decision_maker.id, clientId: quiet.client.id }, new Date(Date.now() - 7 * 86_400_000));
    const { text } = await renderDigest(built!.props);
    expect(text).toContain("Nothing happened this week.");
    expect(text).toContain("Green: every milestone is on track");
  });

  it("is built for no one who is not a contact of the client", async () => {
    expect(await buildDigest({ personId: b.contacts.decision_maker.id, clientId: a.client.id }, new Date(0))).toBeNull();
    expect(await buildDigest({ personId: a.pm.id, clientId: a.client.id }, new Date(0))).toBeNull();
  });
});

describe("the status rules", () => {
  it("red for 3 late milestones or one more than 14 days late; amber for one late, at risk or owed past its date; else green", () => {
    const late = (n: number, days = 2) => Array.from({ length: n }, (_, i) => ({ title: `M${i}`, daysLate: days }));
    expect(digestStatus({ late: late(3), atRisk: [], overdueOwed: 0 }).level).toBe("red");
    expect(digestStatus({ late: late(1, 15), atRisk: [], overdueOwed: 0 }).level).toBe("red");
    expect(digestStatus({ late: late(1), atRisk: [], overdueOwed: 0 }).level).toBe("amber");
    expect(digestStatus({ late: [], atRisk: [{ title: "Data load" }], overdueOwed: 0 }).reason).toBe("Amber: 1 milestone at risk (Data load).");
    expect(digestStatus({ late: [], atRisk: [], overdueOwed: 2 }).reason).toBe("Amber: 2 decisions or sign-offs from you past the date asked.");
    expect(digestStatus({ late: [], atRisk: [], overdueOwed: 0 }).level).toBe("green");
  });
});

describe("the schedule", () => {
  it("two runs at once (a scheduler firing twice, two workers) create one digest per recipient and period", async () => {
    // The next Monday 08:30 UTC: the decision makers' default (weekly, Monday 08:00 UTC) is due.
    const monday = new Date(`${today}T08:30:00Z`);
    monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
    const only = [a.client.id, b.client.id];
    const runs = await Promise.all([runDueDigests(monday, { onlyClients: only }), runDueDigests(monday, { onlyClients: only })]);
    expect(runs.reduce((n, r) => n + r.created, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0);
    const { data: digests } = await serviceDb().from("digests").select("person_id, outbox_id").in("client_id", only);
    expect(digests!.map((d) => d.person_id).sort()).toEqual([a.contacts.decision_maker.id, b.contacts.decision_maker.id].sort());
    const { data: emails } = await serviceDb().from("email_outbox").select("recipient, props").eq("template", "digest").in("client_id", only);
    expect(emails!.map((e) => e.recipient).sort()).toEqual([a.contacts.decision_maker.email, b.contacts.decision_maker.email].sort());
    // Running again in the same period adds nothing.
    expect((await runDueDigests(new Date(monday.getTime() + 3_600_000), { onlyClients: only })).created).toBe(0);
  });
});
