// PM updates against the real local stack: posting and editing through the
// domain functions, what the client's page shows to whom, decision replies and
// "new since your last visit".
import { beforeAll, describe, expect, it } from "vitest";
import { asPerson, asPersonCounting, serviceDb } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { getClientPortal } from "../portal/get-client-portal.server";
import { editClientUpdate } from "./edit-client-update.server";
import { listClientUpdates } from "./list-client-updates.server";
import { openClientPortal } from "./open-client-portal.server";
import { postClientUpdate } from "./post-client-update.server";
import { replyToUpdate } from "./reply-to-update.server";
import { EditUpdateSchema, PostUpdateSchema, type UpdateInput } from "./schema";

let a: Tenant;
let b: Tenant;

const ORIGIN = "http://portal.test:3000";
const post = (db: Parameters<typeof postClientUpdate>[0], t: Tenant, i: UpdateInput) =>
  postClientUpdate(db, { client: t.client }, i, ORIGIN);
const outboxFor = async (updateId: string) =>
  (await serviceDb().from("email_outbox").select("recipient, template, idempotency_key, props, client_id").like("idempotency_key", `client-update:${updateId}:%`)).data!;

const input = (overrides: Partial<UpdateInput> = {}): UpdateInput => ({
  intent: "post-update",
  title: "Week 2",
  bodyMarkdown: "All on track.",
  staffOnly: false,
  decisionNeeded: false,
  ...overrides,
});

beforeAll(async () => {
  [a, b] = await Promise.all([seedTenant("upd-a"), seedTenant("upd-b")]);
});

describe("the form's schema", () => {
  const form = (entries: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(entries)) fd.append(k, v);
    return Object.fromEntries(fd);
  };
  it("asks for a title and a body, and for a date and a person when a decision is needed", () => {
    const r = PostUpdateSchema.safeParse(form({ intent: "post-update", title: " ", bodyMarkdown: "", decisionNeeded: "on" }));
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["title", "bodyMarkdown", "decisionDue", "decisionFrom"]));
  });
  it("refuses a staff-only update that asks the client for a decision", () => {
    const r = PostUpdateSchema.safeParse(
      form({ intent: "post-update", title: "T", bodyMarkdown: "B", staffOnly: "on", decisionNeeded: "on", decisionDue: "2027-01-01", decisionFrom: a.contacts.approver.id }),
    );
    expect(r.error?.issues.map((i) => i.message)).toContain("A staff-only update cannot ask the client for a decision.");
  });
  it("drops a decision's date and person when no decision is needed", () => {
    const r = EditUpdateSchema.parse(
      form({ intent: "edit-update", updateId: crypto.randomUUID(), title: "T", bodyMarkdown: "B\r\nC", decisionDue: "2027-01-01", decisionFrom: a.contacts.approver.id }),
    );
    expect(r).toMatchObject({ decisionNeeded: false, decisionDue: undefined, decisionFrom: undefined, bodyMarkdown: "B\nC" });
  });
});

describe("posting, editing and reading updates", () => {
  it("the PM posts; the contact sees it newest first with its author, a staff-only update only staff see", async () => {
    const pm = await asPerson(a.pm.id);
    const first = await post(pm, a, input({ title: "First" }));
    const internal = await post(pm, a, input({ title: "Internal note", staffOnly: true, bodyMarkdown: "Carrier is late." }));
    const second = await post(await asPerson(a.serviceTeam.id), a, input({ title: "Second" }));
    expect([first.ok, internal.ok, second.ok]).toEqual([true, true, true]);

    const contactPage = await getClientPortal(await asPerson(a.contacts.viewer.id), a.client.slug);
    expect(contactPage!.updates.map((u) => [u.title, u.authorName])).toEqual([
      ["Second", a.serviceTeam.fullName],
      ["First", a.pm.fullName],
    ]);
    expect(JSON.stringify(contactPage)).not.toContain("Carrier is late");

    const staffPage = await getClientPortal(pm, a.client.slug);
    expect(staffPage!.updates.map((u) => u.title)).toEqual(["Second", "Internal note", "First"]);
    // Another client's people see none of it.
    const other = await getClientPortal(await asPerson(b.contacts.viewer.id), b.client.slug);
    expect(other!.updates).toEqual([]);
  });

  it("a client-visible update queues one email per contact who gets updates at once (not the decision maker: digest by default), in the client's brand, with its link; a staff-only one queues none", async () => {
    const pm = await asPerson(a.pm.id);
    const posted = await post(pm, a, input({ title: "Pick a carrier", bodyMarkdown: "## Options\n\n- **834** weekly\n- CSV daily", decisionNeeded: true, decisionDue: "2027-01-20", decisionFrom: a.contacts.approver.id }));
    const internal = await post(pm, a, input({ title: "Quiet note", staffOnly: true }));
    if (!posted.ok || !internal.ok) throw new Error("post failed");
    const rows = await outboxFor(posted.value.id);
    expect(rows.map((r) => r.recipient).sort()).toEqual([a.contacts.viewer.email, a.contacts.approver.email].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ template: "client-update", client_id: a.client.id });
      expect(r.props).toMatchObject({
        title: "Pick a carrier",
        clientName: a.client.name,
        authorName: a.pm.fullName,
        decisionNeeded: true,
        decisionDue: "2027-01-20",
        excerpt: "Options\n\n834 weekly\nCSV daily",
        brand: { primaryColor: "#123456", name: expect.any(String) },
        updateUrl: `${ORIGIN}/c/${a.client.slug}/updates/${posted.value.id}`,
      });
    }
    const asked = rows.filter((r) => (r.props as { askedOfYou: boolean }).askedOfYou).map((r) => r.recipient);
    expect(asked).toEqual([a.contacts.approver.email]);
    expect(await outboxFor(internal.value.id)).toEqual([]);
  });

  it("only staff on the client's team post; a contact or another client's PM gets a refusal and nothing is saved", async () => {
    for (const person of [a.contacts.approver, b.pm]) {
      const r = await post(await asPerson(person.id), a, input({ title: "Not yours" }));
      expect(r).toMatchObject({ ok: false, kind: "forbidden" });
    }
    const { count } = await serviceDb().from("client_updates").select("id", { count: "exact", head: true }).eq("title", "Not yours");
    expect(count).toBe(0);
  });

  it("a decision asked of another client's contact is a field error", async () => {
    const r = await post(await asPerson(a.pm.id), a, input({ decisionNeeded: true, decisionDue: "2027-01-10", decisionFrom: b.contacts.approver.id }));
    expect(r).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { decisionFrom: [expect.stringMatching(/contact of this client/)] } });
  });

  it("editing marks the update edited; the service team cannot edit the PM's update", async () => {
    const pm = await asPerson(a.pm.id);
    const posted = await post(pm, a, input({ title: "To edit" }));
    if (!posted.ok) throw new Error("post failed");
    const edit = { ...input({ title: "Edited title" }), intent: "edit-update" as const, updateId: posted.value.id };
    expect(await editClientUpdate(await asPerson(a.serviceTeam.id), { client: a.client }, edit)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await editClientUpdate(pm, { client: a.client }, edit)).toMatchObject({ ok: true });
    const page = await listClientUpdates(pm, a.client.slug, a.pm.id);
    const u = page!.updates.find((x) => x.id === posted.value.id)!;
    expect(u.title).toBe("Edited title");
    expect(u.editedAt).not.toBeNull();
    expect(u.canEdit).toBe(true);
  });
});

describe("decision replies", () => {
  it("a contact answers; answering again (or twice at once) replaces the answer; the PM sees it", async () => {
    const pm = await asPerson(a.pm.id);
    const posted = await post(pm, a, input({ title: "Pick a date", decisionNeeded: true, decisionDue: "2027-02-01", decisionFrom: a.contacts.decision_maker.id }));
    if (!posted.ok) throw new Error("post failed");
    const decider = await asPerson(a.contacts.decision_maker.id);
    // A double submit: the same answer twice at once.
    const twice = await Promise.all([1, 2].map(() => replyToUpdate(decider, posted.value.id, { answer: "1 March", comment: undefined })));
    expect(twice.map((r) => r.ok)).toEqual([true, true]);
    expect(await replyToUpdate(decider, posted.value.id, { answer: "8 March", comment: "Payroll closes on the 1st." })).toMatchObject({ ok: true });
    const page = await listClientUpdates(pm, a.client.slug, a.pm.id);
    const decision = page!.updates.find((u) => u.id === posted.value.id)!.decision!;
    expect(decision.fromName).toBe(a.contacts.decision_maker.fullName);
    expect(decision.replies).toEqual([
      expect.objectContaining({ personName: a.contacts.decision_maker.fullName, answer: "8 March", comment: "Payroll closes on the 1st." }),
    ]);
  });

  it("staff cannot answer for the client", async () => {
    const pm = await asPerson(a.pm.id);
    const posted = await post(pm, a, input({ title: "Staff answer?", decisionNeeded: true, decisionDue: "2027-02-01", decisionFrom: a.contacts.approver.id }));
    if (!posted.ok) throw new Error("post failed");
    expect(await replyToUpdate(pm, posted.value.id, { answer: "Yes", comment: undefined })).toMatchObject({ ok: false, kind: "forbidden" });
  });
});

describe("new since your last visit", () => {
  it("marks the updates, slips, versions and tasks that changed after the previous visit, and nothing on a first visit", async () => {
    const t = await seedTenant("upd-visit");
    const pm = await asPerson(t.pm.id);
    const { db: contact, requests } = await asPersonCounting(t.contacts.viewer.id);
    const old = await post(pm, t, input({ title: "Before the first visit" }));
    const oldTask = (await serviceDb().from("client_tasks").insert({ client_id: t.client.id, title: "Old task" }).select("id").single()).data!;
    const phase = (await serviceDb().from("phases").insert({ client_id: t.client.id, name: "Setup", planned_start: "2027-03-01", planned_end: "2027-03-28" }).select("id").single()).data!;

    const first = await openClientPortal(contact, t.client.slug);
    expect(requests).toHaveLength(1); // the page, the visit and the pulse section: one call (client_page)
    expect(first!.newSince).toMatchObject({ since: null, updates: [], tasks: [] });

    const fresh = await post(pm, t, input({ title: "After the first visit" }));
    const newTask = (await serviceDb().from("client_tasks").insert({ client_id: t.client.id, title: "New task" }).select("id").single()).data!;
    await serviceDb().from("phases").update({ planned_end: "2027-04-04", change_reason: "Carrier late", change_side: "third_party" }).eq("id", phase.id);
    // The contact comes back after a break: a new visit, and the previous one
    // ended at the first open (the change of visit itself is tested in
    // tests/security/updates.test.ts).
    const firstOpen = (await serviceDb().from("client_visits").select("last_seen_at").eq("person_id", t.contacts.viewer.id).single()).data!.last_seen_at;
    await serviceDb().from("client_visits").update({ previous_seen_at: firstOpen, last_seen_at: new Date().toISOString() }).eq("person_id", t.contacts.viewer.id);
    const second = await openClientPortal(contact, t.client.slug);
    expect(Date.parse(second!.newSince.since!)).toBe(Date.parse(firstOpen));
    expect(second!.newSince.updates).toEqual([fresh.ok && fresh.value.id]);
    expect(second!.newSince.updates).not.toContain(old.ok && old.value.id);
    expect(second!.newSince.tasks).toEqual([newTask.id]);
    expect(second!.newSince.tasks).not.toContain(oldTask.id);
    expect(second!.newSince.slips).toHaveLength(1);

    // Opened again in the same visit (a reload, or the page answering a form):
    // what was new is still marked, so nothing unread loses its mark.
    const third = await openClientPortal(contact, t.client.slug);
    expect(third!.newSince).toEqual(second!.newSince);
  });

  it("another client's page is not found and records no visit", async () => {
    const r = await openClientPortal(await asPerson(b.contacts.viewer.id), a.client.slug);
    expect(r).toBeNull();
    const { count } = await serviceDb().from("client_visits").select("person_id", { count: "exact", head: true }).eq("person_id", b.contacts.viewer.id).eq("client_id", a.client.id);
    expect(count).toBe(0);
  });
});
