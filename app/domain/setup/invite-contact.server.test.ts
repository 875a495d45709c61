// Inviting a contact against the real local stack: the invitation email is queued
// in the outbox with the invitation, and lands in the local mailbox once delivered
// (read over HTTP, as a person's mail client would get it).
import { beforeAll, describe, expect, it } from "vitest";
import { appOrigin } from "~/lib/env.server";
import { deliverOutboxOf } from "../../../tests/support/outbox";
import { asPerson, serviceDb, uniq, type Db } from "../../../tests/support/stack";
import { seedStaff, seedTenant, type SeededPerson, type Tenant } from "../../../tests/support/tenants";
import { requireClient } from "../clients/require-client.server";
import { inviteContact } from "./invite-contact.server";

type Mail = { to: string[]; subject: string; html: string; text: string };

async function mailFor(email: string): Promise<Mail[]> {
  const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  expect(res.ok).toBe(true);
  return ((await res.json()) as { data: Mail[] }).data;
}

/** Links in emails are on the configured origin (APP_URL), whatever the request's was. */
const ORIGIN = appOrigin;
/** What the outbox holds for an address (the worker delivers it). */
const queuedFor = async (email: string) =>
  (await serviceDb().from("email_outbox").select("template, idempotency_key, status, client_id").eq("recipient", email)).data!;
let tenant: Tenant;
/** As the team route does: the guard (403/404 for those who may not change the team) comes first. */
const manager = (db: Db) => requireClient(db, tenant.client.slug, "manageTeam");
let admin: SeededPerson;
let unassigned: SeededPerson;

beforeAll(async () => {
  [tenant, admin, unassigned] = await Promise.all([
    seedTenant("invite"),
    seedStaff("invite-admin", { isAdmin: true }),
    seedStaff("invite-unassigned"),
  ]);
});

const newContact = (overrides: Record<string, string> = {}) => ({
  fullName: "Dana Whitfield",
  email: `${uniq("dana")}@invitee.example`,
  role: "approver" as const,
  title: "HR Director",
  phone: undefined,
  ...overrides,
});

async function contactsOf(clientId: string) {
  const { data, error } = await serviceDb()
    .from("client_contacts")
    .select("role, people(email, full_name, title)")
    .eq("client_id", clientId);
  if (error) throw error;
  return data;
}

describe("inviting a contact", () => {
  it("adds the contact and emails them what the portal is, who their PM is, and where to sign in", async () => {
    const db = await asPerson(tenant.pm.id);
    const contact = newContact();

    const result = await inviteContact(db, await manager(db), contact);

    expect(result).toMatchObject({ ok: true, value: { email: contact.email } });
    expect(await contactsOf(tenant.client.id)).toContainEqual({
      role: "approver",
      people: { email: contact.email, full_name: "Dana Whitfield", title: "HR Director" },
    });
    await deliverOutboxOf(tenant.client.id);
    const [mail, ...more] = await mailFor(contact.email);
    expect(more).toEqual([]);
    expect(mail!.to).toEqual([contact.email]);
    expect(mail!.subject).toBe(`Your onboarding portal for ${tenant.client.name} with Harbor Benefits`);
    // React leaves empty comments between text nodes in the HTML.
    for (const part of [mail!.text, mail!.html.replaceAll("<!-- -->", "")]) {
      expect(part).toContain("Hello Dana Whitfield");
      expect(part).toContain("Where we are");
      expect(part).toContain("Who is on your side");
      expect(part).toContain("What we need from you");
      expect(part).toContain(tenant.pm.fullName);
      expect(part).toContain(tenant.pm.email);
      expect(part).toContain(`${ORIGIN}/login`);
    }
    // The client's brand colour (seeded as #123456) heads the email.
    expect(mail!.html).toContain("#123456");
  });

  it("refuses an email already in use with a field error, and adds nobody", async () => {
    const db = await asPerson(tenant.pm.id);
    const before = await contactsOf(tenant.client.id);
    for (const taken of [
      tenant.contacts.viewer.email,
      tenant.serviceTeam.email,
      tenant.contacts.viewer.email.toUpperCase(),
    ]) {
      const result = await inviteContact(db, await manager(db), newContact({ email: taken.toLowerCase(), fullName: "Someone Else" }));
      expect(result).toMatchObject({
        ok: false,
        kind: "invalid",
        fieldErrors: {
          email: [
            "This email address already belongs to someone in the portal. Use another address, or ask an admin for help.",
          ],
        },
      });
    }
    expect(await contactsOf(tenant.client.id)).toHaveLength(before.length);
  });

  it("queues the email with the invitation, once, keyed by the person; nothing is sent until the worker delivers it", async () => {
    const db = await asPerson(tenant.pm.id);
    const contact = newContact({ role: "viewer" });
    const result = await inviteContact(db, await manager(db), contact);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await queuedFor(contact.email)).toEqual([
      { template: "invitation", idempotency_key: `invitation:${result.value.personId}`, status: "pending", client_id: tenant.client.id },
    ]);
    expect(await mailFor(contact.email)).toEqual([]);
    await deliverOutboxOf(tenant.client.id);
    expect(await queuedFor(contact.email)).toMatchObject([{ status: "sent" }]);
    const [mail, ...more] = await mailFor(contact.email);
    expect(more).toEqual([]);
    expect(mail!.text).toContain("as viewer");
  });

  it("is open to an admin", async () => {
    const db = await asPerson(admin.id);
    const contact = newContact({ role: "decision_maker" });
    const result = await inviteContact(db, await manager(db), contact);
    expect(result).toMatchObject({ ok: true });
    await deliverOutboxOf(tenant.client.id);
    const [mail] = await mailFor(contact.email);
    expect(mail!.text).toContain("as decision maker");
    expect(mail!.text).toContain(tenant.pm.fullName);
  });

  it("is refused to the service team (403) and to staff not on the client (404); nobody is added or emailed", async () => {
    const contact = newContact();
    const serviceDb_ = await asPerson(tenant.serviceTeam.id);
    await expect(
      manager(serviceDb_).then((access) => inviteContact(serviceDb_, access, contact)),
    ).rejects.toMatchObject({ status: 403 });
    const outsider = await asPerson(unassigned.id);
    await expect(
      manager(outsider).then((access) => inviteContact(outsider, access, contact)),
    ).rejects.toMatchObject({ status: 404 });
    const { count } = await serviceDb()
      .from("people")
      .select("id", { count: "exact", head: true })
      .eq("email", contact.email);
    expect(count).toBe(0);
    expect(await queuedFor(contact.email)).toEqual([]);
    await deliverOutboxOf(tenant.client.id);
    expect(await mailFor(contact.email)).toEqual([]);
  });

  it("is refused by the database too when someone who is not the PM calls the RPC directly", async () => {
    const db = await asPerson(tenant.serviceTeam.id);
    const email = `${uniq("direct")}@invitee.example`;
    const { error } = await db.rpc("invite_contact", {
      p_client: tenant.client.id,
      p_email: email,
      p_full_name: "Direct Call",
      p_role: "viewer",
    });
    expect(error?.code).toBe("42501");
    expect(await queuedFor(email)).toEqual([]);
  });
});
