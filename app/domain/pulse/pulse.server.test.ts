// The pulse end to end through the domain functions, against the real local stack:
// a contact answers 2, a dissatisfier opens and the PM's email is in the outbox
// (rendered: the first line says why, in the client's brand); the PM resolves it with
// a shared resolution; the contact sees it under "You told us, we did", never the notes.
import { render } from "@react-email/render";
import { beforeAll, describe, expect, it } from "vitest";
import { emailFromRegistry } from "../../../emails/registry";
import { asPerson, sql } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { requireClient } from "../clients/require-client.server";
import { openClientPortal } from "../updates/open-client-portal.server";
import { answerPulse, raiseConcern } from "./pulse.server";
import { changeRegister, getRegister } from "./register.server";

let t: Tenant;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await seedTenant("pulse");
});

describe("the pulse, from a contact's answer to the shared resolution", () => {
  it("a 2 opens a dissatisfier, emails the PM, and its resolution (not the notes) reaches the contact", async () => {
    const pmDb = await asPerson(t.pm.id);
    const pmAccess = await requireClient(pmDb, t.client.slug);
    const asked = await changeRegister(pmDb, pmAccess, { intent: "request-pulse" });
    expect(asked.ok).toBe(true);

    const contact = t.contacts.approver;
    const db = await asPerson(contact.id);
    const access = await requireClient(db, t.client.slug);
    const before = (await openClientPortal(db, t.client.slug))!.pulse;
    expect(before.pulse?.myScore).toBeNull();
    const answered = await answerPulse(db, access, { pulseId: before.pulse!.id, score: 2, comment: "Nobody answers my emails" });
    expect(answered.ok).toBe(true);

    const register = await getRegister(pmDb, t.client.slug, today);
    if (!register.ok) throw new Error(register.message);
    const [entry] = register.value.register.entries;
    expect(entry).toMatchObject({ source: "low_score", status: "open", said: "2 of 5: Nobody answers my emails", ownerId: t.pm.id });

    const [mail] = await sql<{ template: string; props: Record<string, unknown> }>(
      "select template, props from public.email_outbox where recipient = $1 and client_id = $2",
      [t.pm.email, t.client.id],
    );
    expect(mail!.template).toBe("dissatisfier-opened");
    const { subject, element } = emailFromRegistry(mail!.template, mail!.props);
    const html = await render(element);
    expect(subject).toBe(`Dissatisfier opened for ${t.client.name}`);
    expect(html).toContain("A contact scored the onboarding 2 out of 5.");
    expect(html).toContain("#123456");
    expect(html).toContain(`/staff/clients/${t.client.slug}/feedback`);

    // Resolving without a resolution is refused on the field.
    const refused = await changeRegister(pmDb, pmAccess, {
      intent: "update-dissatisfier",
      id: entry!.id,
      status: "resolved",
      severity: "medium",
      triageNotes: "internal: client is upset with Sam",
    });
    expect(refused).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { resolution: [expect.any(String)] } });

    const resolved = await changeRegister(pmDb, pmAccess, {
      intent: "update-dissatisfier",
      id: entry!.id,
      status: "resolved",
      severity: "medium",
      ownerId: t.pm.id,
      triageNotes: "internal: client is upset with Sam",
      resolution: "You now have a named contact who answers within a day.",
    });
    expect(resolved.ok).toBe(true);

    const after = (await openClientPortal(db, t.client.slug))!.pulse;
    expect(after.pulse?.myScore).toBe(2);
    expect(after.heard).toEqual([
      expect.objectContaining({ said: "Pulse score 2 of 5: Nobody answers my emails", resolution: "You now have a named contact who answers within a day." }),
    ]);
    expect(JSON.stringify(after)).not.toContain("internal");

    // Another contact of the same client sees none of it.
    const other = t.contacts.viewer;
    const otherView = (await openClientPortal(await asPerson(other.id), t.client.slug))!.pulse;
    expect(otherView.heard).toEqual([]);
    expect(otherView.pulse?.myScore).toBeNull();
  });

  it("a concern opens a dissatisfier; an empty one is refused on its field; staff cannot raise one as a contact", async () => {
    const db = await asPerson(t.contacts.viewer.id);
    const access = await requireClient(db, t.client.slug);
    expect(await raiseConcern(db, access, { body: "   " })).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { body: [expect.any(String)] } });
    expect((await raiseConcern(db, access, { body: "The payroll file format is still unclear" })).ok).toBe(true);
    const pmDb = await asPerson(t.pm.id);
    const register = await getRegister(pmDb, t.client.slug, today);
    if (!register.ok) throw new Error(register.message);
    expect(register.value.register.entries.some((e) => e.source === "concern" && e.said === "The payroll file format is still unclear")).toBe(true);
    expect(await raiseConcern(pmDb, await requireClient(pmDb, t.client.slug), { body: "x" })).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("an overdue open dissatisfier is flagged and listed before the others", async () => {
    const pmDb = await asPerson(t.pm.id);
    const access = await requireClient(pmDb, t.client.slug);
    const opened = await changeRegister(pmDb, access, {
      intent: "open-dissatisfier",
      summary: "Heard on the weekly call: go-live worries",
      source: "call",
      severity: "high",
      dueDate: "2020-01-01",
    });
    expect(opened.ok).toBe(true);
    const register = await getRegister(pmDb, t.client.slug, today);
    if (!register.ok) throw new Error(register.message);
    expect(register.value.register.entries[0]).toMatchObject({ summary: "Heard on the weekly call: go-live worries", overdue: true });
  });
});
