// Inviting a contact against the real local stack: the invitation lands in the
// local mailbox (read over HTTP, as a person's mail client would get it).
import { beforeAll, describe, expect, it, vi } from "vitest";
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

const ORIGIN = "http://portal.test:3000";
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

    const result = await inviteContact(db, await manager(db), contact, {
      origin: ORIGIN,
    });

    expect(result).toMatchObject({ ok: true, value: { emailSent: true, email: contact.email } });
    expect(await contactsOf(tenant.client.id)).toContainEqual({
      role: "approver",
      people: { email: contact.email, full_name: "Dana Whitfield", title: "HR Director" },
    });
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
      const result = await inviteContact(db, await manager(db), newContact({ email: taken.toLowerCase(), fullName: "Someone Else" }), {
        origin: ORIGIN,
      });
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

  it("keeps the invitation when the email cannot be sent, and says so", async () => {
    const db = await asPerson(tenant.pm.id);
    const contact = newContact({ role: "viewer" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await inviteContact(db, await manager(db), contact, {
      origin: ORIGIN,
      send: () => Promise.reject(new Error("mail provider is down")),
    });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    expect(result).toMatchObject({ ok: true, value: { emailSent: false } });
    expect((await contactsOf(tenant.client.id)).map((c) => c.people?.email)).toContain(contact.email);
    expect(await mailFor(contact.email)).toEqual([]);
  });

  it("is open to an admin", async () => {
    const db = await asPerson(admin.id);
    const contact = newContact({ role: "decision_maker" });
    const result = await inviteContact(db, await manager(db), contact, {
      origin: ORIGIN,
    });
    expect(result).toMatchObject({ ok: true, value: { emailSent: true } });
  });

  it("is refused to the service team (403) and to staff not on the client (404); nobody is added or emailed", async () => {
    const contact = newContact();
    const serviceDb_ = await asPerson(tenant.serviceTeam.id);
    await expect(
      manager(serviceDb_).then((access) => inviteContact(serviceDb_, access, contact, { origin: ORIGIN })),
    ).rejects.toMatchObject({ status: 403 });
    const outsider = await asPerson(unassigned.id);
    await expect(
      manager(outsider).then((access) => inviteContact(outsider, access, contact, { origin: ORIGIN })),
    ).rejects.toMatchObject({ status: 404 });
    const { count } = await serviceDb()
      .from("people")
      .select("id", { count: "exact", head: true })
      .eq("email", contact.email);
    expect(count).toBe(0);
    expect(await mailFor(contact.email)).toEqual([]);
  });

  it("is refused by the database too when someone who is not the PM calls the RPC directly", async () => {
    const db = await asPerson(tenant.serviceTeam.id);
    const { error } = await db.rpc("invite_contact", {
      p_client: tenant.client.id,
      p_email: `${uniq("direct")}@invitee.example`,
      p_full_name: "Direct Call",
      p_role: "viewer",
    });
    expect(error?.code).toBe("42501");
  });
});
