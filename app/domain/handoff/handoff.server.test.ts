// The handoff's domain functions against the real local stack: the staff page's
// read (flags, confirmed facts, nothing for a contact), the client's answers,
// and the dispute email to the PM and the sales lead (never the red flag).
import { render } from "@react-email/render";
import { beforeAll, describe, expect, it } from "vitest";
import { appOrigin } from "~/lib/env.server";
import { emailFromRegistry } from "../../../emails/registry";
import { asPerson, serviceDb, sql } from "../../../tests/support/stack";
import { assignStaff, seedStaff, seedTenant, type SeededPerson, type Tenant } from "../../../tests/support/tenants";
import { getClientPortal } from "../portal/get-client-portal.server";
import { addDays, getHandoff } from "./get-handoff.server";
import { linkCommitment } from "./link-commitment.server";
import { respondToCommitment } from "./respond-to-commitment.server";
import { saveClientFact } from "./save-client-fact.server";
import { saveCommitment } from "./save-commitment.server";
import { saveHandoff } from "./save-handoff.server";
import { saveInternalNote } from "./save-internal-note.server";
import { acknowledgeTransition } from "./acknowledge-transition.server";
import { writeTransitionNote } from "./write-transition-note.server";


type OutboxRow = { recipient: string; template: string; idempotency_key: string; props: Record<string, unknown> };
/** The dispute emails in the outbox for one commitment (each recipient's row). */
const disputeEmails = (commitmentId: string) =>
  sql<OutboxRow>(
    `select recipient, template, idempotency_key, props from public.email_outbox
      where template = 'commitment-disputed' and idempotency_key like 'commitment-disputed:%'
        and idempotency_key in (
          select 'commitment-disputed:' || e.id || ':' || s.person_id from public.commitment_events e
            join public.client_staff s on s.client_id = e.client_id where e.commitment_id = $1 and e.kind = 'disputed')
      order by recipient`,
    [commitmentId],
  );
/** The dissatisfiers a commitment's dispute opened (through the contact's concern). */
const dissatisfiersOf = (commitmentId: string) =>
  sql<{ id: string; source: string; status: string; raised_by: string; summary: string }>(
    `select d.id, d.source, d.status, d.raised_by, d.summary from public.dissatisfiers d
       join public.concerns c on c.id = d.concern_id where c.commitment_id = $1`,
    [commitmentId],
  );
const RED_FLAG = "Red flag: threatened to sue the last vendor";
let a: Tenant;
let sales: SeededPerson;
const today = new Date().toISOString().slice(0, 10);

/** The staff page as this person sees it (one call, guard included, as the route makes it). */
async function handoffAs(personId: string) {
  return getHandoff(await asPerson(personId), a.client.slug, personId);
}

async function commitmentIds(): Promise<Record<string, string>> {
  const page = await handoffAs(a.pm.id);
  return Object.fromEntries(page!.commitments.map((c) => [c.promise, c.id]));
}

beforeAll(async () => {
  a = await seedTenant("handoff-domain");
  sales = await seedStaff("handoff-domain-sales");
  await assignStaff(a.client.id, sales, "sales");
  const db = await asPerson(sales.id);
  expect(await saveHandoff(db, a.client.id, { intent: "save-handoff", meetingDate: addDays(today, -8), attendees: "Marcus, Priya", summary: undefined })).toEqual({ ok: true, value: undefined });
  for (const promise of ["Weekly carrier files", "A named service specialist"]) {
    const saved = await saveCommitment(db, a.client.id, {
      intent: "save-commitment",
      promise,
      promisedBy: sales.fullName,
      promisedOn: undefined,
      source: "Proposal",
      dueDate: undefined,
      atRisk: false,
    });
    expect(saved).toEqual({ ok: true, value: undefined });
  }
  expect(await saveClientFact(db, a.client.id, { intent: "save-fact", label: "Head count", sellerValue: "about 450", note: "growing" })).toEqual({ ok: true, value: undefined });
  expect(await saveInternalNote(db, a.client.id, { intent: "save-note", kind: "red_flag", body: RED_FLAG })).toEqual({ ok: true, value: undefined });
});

describe("the staff handoff page", () => {
  it("flags commitments with no link a week after the meeting, until the PM links them", async () => {
    const pm = await asPerson(a.pm.id);
    let page = await handoffAs(a.pm.id);
    expect(page!.canLink).toBe(true);
    expect(page!.commitments.map((c) => [c.promise, c.needsLink, c.status])).toEqual([
      ["Weekly carrier files", true, "captured"],
      ["A named service specialist", true, "captured"],
    ]);
    const { data: phase } = await serviceDb()
      .from("phases")
      .insert({ client_id: a.client.id, name: "Build", planned_start: today, planned_end: addDays(today, 20) })
      .select("id")
      .single();
    const { data: milestone } = await serviceDb()
      .from("milestones")
      .insert({ client_id: a.client.id, phase_id: phase!.id, title: "Carrier files live", planned_date: addDays(today, 10) })
      .select("id")
      .single();
    const ids = await commitmentIds();
    expect(await linkCommitment(pm, a.client.id, ids["Weekly carrier files"], `milestone:${milestone!.id}`)).toEqual({ ok: true, value: undefined });
    // Twice is refused with a field error, not a crash.
    expect(await linkCommitment(pm, a.client.id, ids["Weekly carrier files"], `milestone:${milestone!.id}`)).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { target: ["The commitment is already linked to that."] } });
    page = await handoffAs(a.pm.id);
    expect(page!.commitments.map((c) => [c.promise, c.needsLink, c.status])).toEqual([
      ["Weekly carrier files", false, "planned"],
      ["A named service specialist", true, "captured"],
    ]);
    expect(page!.notes.map((n) => n.body)).toEqual([RED_FLAG]);
    expect(page!.facts).toEqual([expect.objectContaining({ label: "Head count", sellerValue: "about 450", clientValue: null })]);
  });

  it("the sales lead may not link (only the PM)", async () => {
    const ids = await commitmentIds();
    const result = await linkCommitment(await asPerson(sales.id), a.client.id, ids["A named service specialist"], "milestone:00000000-0000-4000-8000-000000000000");
    expect(result).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("gives a contact nothing, and a contact's portal read carries no internal note or seller note", async () => {
    const contactDb = await asPerson(a.contacts.viewer.id);
    expect(await handoffAs(a.contacts.viewer.id)).toBeNull();
    const portal = await getClientPortal(contactDb, a.client.slug);
    expect(portal!.commitments.map((c) => c.promise)).toEqual(["Weekly carrier files", "A named service specialist"]);
    expect(portal!.commitments[0].deliveredBy).toEqual([expect.objectContaining({ kind: "milestone", title: "Carrier files live", done: false })]);
    const text = JSON.stringify(portal);
    expect(text).not.toContain(RED_FLAG);
    expect(text).not.toContain("about 450");
  });
});

describe("the client's answers", () => {
  it("a confirmed fact shows to staff as confirmed, beside the seller's note", async () => {
    const contactDb = await asPerson(a.contacts.approver.id);
    const portal = await getClientPortal(contactDb, a.client.slug);
    const fact = portal!.facts[0];
    expect(await respondToCommitment(contactDb, a.client.id, { intent: "answer-fact", factId: fact.id, value: "512" })).toEqual({ ok: true, value: { notified: 0 } });
    const page = await handoffAs(sales.id);
    expect(page!.facts[0]).toMatchObject({ sellerValue: "about 450", clientValue: "512", confirmedBy: a.contacts.approver.fullName });
  });

  it("a dispute emails the sales lead, and the PM once (the dissatisfier it opens says it is this dispute), with the comment and without the red flag", async () => {
    const contactDb = await asPerson(a.contacts.decision_maker.id);
    const ids = await commitmentIds();
    const result = await respondToCommitment(
      contactDb,
      a.client.id,
      { intent: "dispute-commitment", commitmentId: ids["A named service specialist"], comment: "We were promised two specialists." }
    );
    expect(result).toEqual({ ok: true, value: { notified: 2 } });
    const queued = await disputeEmails(ids["A named service specialist"]);
    expect(queued.map((e) => e.recipient)).toEqual([sales.email.toLowerCase()]);
    for (const row of queued) {
      // What the worker will send: the registered template rendered from the stored props.
      const { subject, element } = emailFromRegistry(row.template, row.props);
      const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
      expect(text).toContain("We were promised two specialists.");
      // On the configured origin (APP_URL): the RPC stores a path.
      expect(row.props.handoffUrl).toBe(`/staff/clients/${a.client.slug}/handoff`);
      expect(text).toContain(`${appOrigin}/staff/clients/${a.client.slug}/handoff`);
      expect(html + text).not.toContain(RED_FLAG);
      expect(subject).toBe(`${a.contacts.decision_maker.fullName} (${a.client.name}) says a commitment is not what was agreed`);
    }
    const page = await handoffAs(a.pm.id);
    const disputed = page!.commitments.find((c) => c.id === ids["A named service specialist"])!;
    expect(disputed).toMatchObject({ status: "disputed", disputeComment: "We were promised two specialists.", answered: true });
    expect(disputed.history.map((e) => e.kind)).toEqual(["created", "disputed"]);
    // The dispute opened a dissatisfier, raised by the contact, and emailed the PM about it: their only email about the dispute.
    const opened = await dissatisfiersOf(ids["A named service specialist"]);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ source: "concern", status: "open", raised_by: a.contacts.decision_maker.id });
    expect(opened[0].summary).toContain("We were promised two specialists.");
    expect(opened[0].summary).toContain("A named service specialist");
    expect(opened[0].summary).not.toContain(RED_FLAG);
    const toPm = await sql<OutboxRow>(
      `select recipient, template, idempotency_key, props from public.email_outbox
        where recipient = $1 and (idempotency_key like 'dissatisfier-opened:' || $2 || ':%' or template = 'commitment-disputed')`,
      [a.pm.email.toLowerCase(), opened[0].id],
    );
    expect(toPm.map((e) => e.template)).toEqual(["dissatisfier-opened"]);
    const { subject, element } = emailFromRegistry(toPm[0]!.template, toPm[0]!.props);
    const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
    expect(subject).toBe(`Commitment disputed: dissatisfier opened for ${a.client.name}`);
    expect(html).toContain("A contact disputed a commitment: they say it is not what was agreed.");
    expect(text).toContain("A named service specialist");
    expect(text).toContain("We were promised two specialists.");
    expect(text).toContain(`${appOrigin}/staff/clients/${a.client.slug}/handoff`);
    expect(html + text).not.toContain(RED_FLAG);
  });

  it("a dispute without a real comment is refused on the comment and nothing is queued", async () => {
    const ids = await commitmentIds();
    const result = await respondToCommitment(
      await asPerson(a.contacts.viewer.id),
      a.client.id,
      { intent: "dispute-commitment", commitmentId: ids["Weekly carrier files"], comment: " " }
    );
    expect(result).toEqual({ ok: false, kind: "invalid", message: "Say what was agreed instead.", fieldErrors: { comment: ["Say what was agreed instead."] } });
    expect(await disputeEmails(ids["Weekly carrier files"])).toEqual([]);
    const page = await handoffAs(a.pm.id);
    expect(page!.commitments.find((c) => c.id === ids["Weekly carrier files"])!.status).not.toBe("disputed");
  });

  it("50 identical disputes at once record one dispute and queue one email per recipient", async () => {
    const db = await asPerson(sales.id);
    const saved = await saveCommitment(db, a.client.id, {
      intent: "save-commitment",
      promise: "Go-live before open enrolment",
      promisedBy: sales.fullName,
      promisedOn: undefined,
      source: "Call",
      dueDate: undefined,
      atRisk: false,
    });
    expect(saved).toEqual({ ok: true, value: undefined });
    const id = (await commitmentIds())["Go-live before open enrolment"];
    const contactDb = await asPerson(a.contacts.approver.id);
    const input = { intent: "dispute-commitment" as const, commitmentId: id, comment: "We agreed on go-live in March." };
    const results = await Promise.all(Array.from({ length: 50 }, () => respondToCommitment(contactDb, a.client.id, input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.reduce((n, r) => n + (r.ok ? r.value.notified : 0), 0)).toBe(2);
    const queued = await disputeEmails(id);
    expect(queued.map((e) => e.recipient)).toEqual([sales.email.toLowerCase()]);
    const page = await handoffAs(a.pm.id);
    expect(page!.commitments.find((c) => c.id === id)!.history.map((e) => e.kind)).toEqual(["created", "disputed"]);
    // ...and open one dissatisfier, whose email is the PM's one email about it.
    const opened = await dissatisfiersOf(id);
    expect(opened).toHaveLength(1);
    const toPm = await sql<{ template: string }>(
      `select template from public.email_outbox where recipient = $1 and idempotency_key like 'dissatisfier-opened:' || $2 || ':%'`,
      [a.pm.email.toLowerCase(), opened[0].id],
    );
    expect(toPm).toHaveLength(1);
  });

  it("a new comment on a dispute already recorded opens no dissatisfier, so the dispute email tells the PM and the sales lead", async () => {
    const id = (await commitmentIds())["Go-live before open enrolment"];
    const contactDb = await asPerson(a.contacts.approver.id);
    const input = { intent: "dispute-commitment" as const, commitmentId: id, comment: "And the date was in writing." };
    expect(await respondToCommitment(contactDb, a.client.id, input)).toEqual({ ok: true, value: { notified: 2 } });
    expect(await dissatisfiersOf(id)).toHaveLength(1);
    const again = (await disputeEmails(id)).filter((e) => (e.props as { comment: string }).comment === input.comment);
    expect(again.map((e) => e.recipient).sort()).toEqual([a.pm.email, sales.email].map((e) => e.toLowerCase()).sort());
  });

  it("staff cannot confirm on the client's behalf", async () => {
    const ids = await commitmentIds();
    const result = await respondToCommitment(await asPerson(a.pm.id), a.client.id, { intent: "confirm-commitment", commitmentId: ids["Weekly carrier files"] });
    expect(result).toMatchObject({ ok: false, kind: "forbidden", message: "Only the client can confirm or dispute a commitment." });
  });
});

describe("the transition to ongoing service", () => {
  const note = {
    intent: "write-transition" as const,
    openItems: "Send the renewal calendar",
    openCommitments: undefined,
    openConcerns: "Invoices were late twice",
    clientPreferences: "Private: the CFO wants email, never calls",
  };

  it("the PM names the relationship manager; others cannot; nothing reaches the client before the acknowledgement", async () => {
    const rm = await seedStaff("handoff-domain-rm");
    await assignStaff(a.client.id, rm, "relationship_manager");
    const pm = await asPerson(a.pm.id);
    // Someone who is not the client's relationship manager is refused on the field.
    expect(await writeTransitionNote(pm, a.client.id, { ...note, relationshipManagerId: sales.id })).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { relationshipManagerId: [expect.stringContaining("relationship manager")] },
    });
    expect(await writeTransitionNote(await asPerson(sales.id), a.client.id, { ...note, relationshipManagerId: rm.id })).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await writeTransitionNote(pm, a.client.id, { ...note, relationshipManagerId: rm.id })).toEqual({ ok: true, value: undefined });

    const pmPage = await handoffAs(a.pm.id);
    expect(pmPage!.transition).toMatchObject({ relationshipManager: rm.fullName, writtenBy: a.pm.fullName, acknowledgedAt: null, note: { openItems: "Send the renewal calendar" } });
    expect(pmPage!).toMatchObject({ canWriteTransition: true, canAcknowledge: false });
    expect(pmPage!.relationshipManagers).toEqual([{ id: rm.id, fullName: rm.fullName }]);
    const rmPage = await handoffAs(rm.id);
    expect(rmPage!).toMatchObject({ canWriteTransition: false, canAcknowledge: true });
    expect((await getClientPortal(await asPerson(a.contacts.viewer.id), a.client.slug))!.transition).toBeNull();
    // Only the named relationship manager acknowledges.
    expect(await acknowledgeTransition(pm, a.client.id)).toMatchObject({ ok: false, kind: "forbidden" });

    const open = pmPage!.commitments.filter((c) => c.status !== "delivered").length;
    const concerns = pmPage!.openConcerns.length;
    expect(open).toBeGreaterThan(0);
    expect(await acknowledgeTransition(await asPerson(rm.id), a.client.id)).toEqual({ ok: true, value: { commitments: open, concerns } });

    const after = await handoffAs(a.pm.id);
    expect(after!.transition).toMatchObject({ acknowledgedBy: rm.fullName, movedCommitments: open, movedConcerns: concerns });
    expect(after!.canWriteTransition).toBe(false);
    expect(after!.commitments.filter((c) => c.status !== "delivered").every((c) => c.owner === rm.fullName)).toBe(true);
    expect(after!.openConcerns.every((d) => d.owner === rm.fullName)).toBe(true);
    // A second acknowledgement is a conflict, not a second move.
    expect(await acknowledgeTransition(await asPerson(rm.id), a.client.id)).toMatchObject({ ok: false, kind: "conflict" });

    // The client's page names the relationship manager; the note never reaches it.
    const portal = await getClientPortal(await asPerson(a.contacts.viewer.id), a.client.slug);
    expect(portal!.transition).toMatchObject({ contact: { fullName: rm.fullName, email: rm.email.toLowerCase() }, movedCommitments: open });
    expect(JSON.stringify(portal)).not.toContain("the CFO wants email");
  });
});
