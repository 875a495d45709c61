// Changing a client's settings through the domain function, against the real
// local stack and under RLS as the person doing it (the app's per-request client).
import { beforeEach, describe, expect, it } from "vitest";
import { asPerson, serviceDb, type Db } from "../../../tests/support/stack";
import { seedStaff, seedTenant, type Tenant } from "../../../tests/support/tenants";
import { getClientPortal } from "~/domain/portal/get-client-portal.server";
import { requireClient } from "../clients/require-client.server";
import { getClientSettings } from "./get-client-settings.server";
import { ClientSettingsSchema, type ClientSettingsInput } from "./schema";
import { updateClientSettings } from "./update-client-settings.server";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
// The smallest JPEG header is enough for the magic-byte check.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

let tenant: Tenant;
let other: Tenant;

beforeEach(async () => {
  [tenant, other] = await Promise.all([seedTenant("settings"), seedTenant("settings-other")]);
});

function input(overrides: Partial<ClientSettingsInput> = {}): ClientSettingsInput {
  return {
    name: "Renamed Client",
    primaryColor: "#0f766e",
    accentColor: "#f97360",
    welcomeText: "Welcome to your new portal.",
    goLiveDate: "2027-03-01",
    serviceTakeoverDate: "2027-03-15",
    logo: undefined,
    removeLogo: false,
    ...overrides,
  };
}

/** As the settings route does: the guard (403/404 for those who may not), then the change. */
const update = async (db: Db, slug: string, values: ClientSettingsInput) =>
  updateClientSettings(db, await requireClient(db, slug, "editSettings"), values);
/** As the settings page's loader does: one call, guard included (null, the route's 404, for those who may not see the client). */
const settingsAs = async (personId: string, slug: string) => getClientSettings(await asPerson(personId), slug);

async function clientRow(id: string) {
  const { data, error } = await serviceDb()
    .from("clients")
    .select(
      "slug, name, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date, client_logos(content_type, data_base64)",
    )
    .eq("id", id)
    .single();
  if (error) throw error;
  return data;
}

async function giveLogo(clientId: string) {
  const { error } = await serviceDb()
    .from("client_logos")
    .insert({
      client_id: clientId,
      content_type: "image/png",
      data_base64: PNG.toString("base64"),
    });
  if (error) throw error;
}

describe("changing a client's settings", () => {
  it("saves the PM's changes, keeps the slug, and the contact's portal shows the new welcome text and colours", async () => {
    const db = await asPerson(tenant.pm.id);
    const result = await update(db, tenant.client.slug, input());
    expect(result).toEqual({
      ok: true,
      value: { slug: tenant.client.slug, name: "Renamed Client", logo: "kept" },
    });

    expect(await clientRow(tenant.client.id)).toEqual({
      slug: tenant.client.slug,
      name: "Renamed Client",
      primary_color: "#0f766e",
      accent_color: "#f97360",
      welcome_text: "Welcome to your new portal.",
      go_live_date: "2027-03-01",
      service_takeover_date: "2027-03-15",
      client_logos: null,
    });

    const portal = await getClientPortal(await asPerson(tenant.contacts.viewer.id), tenant.client.slug);
    expect(portal?.client).toMatchObject({
      name: "Renamed Client",
      welcomeText: "Welcome to your new portal.",
      primaryColor: "#0f766e",
      accentColor: "#f97360",
    });
  });

  it("clears the welcome text and dates when they are left empty", async () => {
    const db = await asPerson(tenant.pm.id);
    await update(db, tenant.client.slug, input());
    const parsed = ClientSettingsSchema.parse({
      name: "Plain",
      primaryColor: "#112233",
      accentColor: "#445566",
    });
    expect(await update(db, tenant.client.slug, parsed)).toMatchObject({
      ok: true,
    });
    expect(await clientRow(tenant.client.id)).toMatchObject({
      name: "Plain",
      welcome_text: null,
      go_live_date: null,
      service_takeover_date: null,
    });
  });

  it("tells whether the settings are editable: the PM and an admin may, the service team sees them read-only, others not at all", async () => {
    const pm = await settingsAs(tenant.pm.id, tenant.client.slug);
    expect(pm).toMatchObject({
      canEdit: true,
      client: { slug: tenant.client.slug },
    });
    const service = await settingsAs(tenant.serviceTeam.id, tenant.client.slug);
    expect(service).toMatchObject({ canEdit: false });
    expect(await settingsAs(other.pm.id, tenant.client.slug)).toBeNull();
  });

  it("refuses a contact, the service team and another client's PM, and leaves the rows as they were", async () => {
    const before = await clientRow(tenant.client.id);
    await giveLogo(tenant.client.id);
    const withLogo = await clientRow(tenant.client.id);

    const contactDb = await asPerson(tenant.contacts.decision_maker.id);
    await expect(update(contactDb, tenant.client.slug, input())).rejects.toMatchObject({ status: 403 });
    const serviceTeamDb = await asPerson(tenant.serviceTeam.id);
    await expect(update(serviceTeamDb, tenant.client.slug, input({ removeLogo: true }))).rejects.toMatchObject({ status: 403 });
    const otherPmDb = await asPerson(other.pm.id);
    await expect(update(otherPmDb, tenant.client.slug, input())).rejects.toMatchObject({ status: 404 });

    // Past the domain's checks, the database refuses them too (RLS: no row changes).
    for (const db of [contactDb, serviceTeamDb, otherPmDb]) {
      const { data } = await db
        .from("clients")
        .update({ welcome_text: "Hacked", primary_color: "#000000" })
        .eq("id", tenant.client.id)
        .select("id");
      expect(data ?? []).toEqual([]);
      await db.from("client_logos").delete().eq("client_id", tenant.client.id);
    }
    expect(await clientRow(tenant.client.id)).toEqual(withLogo);
    expect(withLogo).toEqual({
      ...before,
      client_logos: withLogo.client_logos,
    });
    expect(withLogo.client_logos).not.toBeNull();
  });

  it("refuses a bad colour and a take-over before go-live with field errors, and saves nothing", async () => {
    const before = await clientRow(tenant.client.id);
    const bad = ClientSettingsSchema.safeParse({
      name: "Renamed",
      primaryColor: "red",
      accentColor: "#ffffff",
      goLiveDate: "2027-03-15",
      serviceTakeoverDate: "2027-03-01",
    });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      primaryColor: "Use a colour in the form #rrggbb, for example #1d3557.",
      serviceTakeoverDate: "The service team cannot take over before go-live.",
    });
    expect(await clientRow(tenant.client.id)).toEqual(before);
  });

  it("refuses a logo that is not an image by its bytes or too big, with a field error, and saves nothing", async () => {
    const before = await clientRow(tenant.client.id);
    const db = await asPerson(tenant.pm.id);
    const svg = new File(["<svg xmlns='http://www.w3.org/2000/svg'/>"], "logo.png", { type: "image/png" });
    expect(await update(db, tenant.client.slug, input({ logo: svg }))).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: {
        logo: ["Use a PNG, JPEG or WebP image. SVG and other formats are not accepted."],
      },
    });
    const huge = new File([new Uint8Array(256 * 1024 + 1)], "big.png", {
      type: "image/png",
    });
    expect(await update(db, tenant.client.slug, input({ logo: huge }))).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { logo: ["The logo must be 256 KB or smaller."] },
    });
    expect(await clientRow(tenant.client.id)).toEqual(before);
  });

  it("adds, replaces and removes the logo", async () => {
    const db = await asPerson(tenant.pm.id);
    const png = new File([new Uint8Array(PNG)], "logo.png", {
      type: "image/png",
    });
    expect(await update(db, tenant.client.slug, input({ logo: png }))).toMatchObject({
      ok: true,
      value: { logo: "replaced" },
    });
    expect((await clientRow(tenant.client.id)).client_logos).toEqual({
      content_type: "image/png",
      data_base64: PNG.toString("base64"),
    });

    const jpeg = new File([new Uint8Array(JPEG)], "logo.jpg", {
      type: "image/jpeg",
    });
    expect(await update(db, tenant.client.slug, input({ logo: jpeg }))).toMatchObject({
      ok: true,
      value: { logo: "replaced" },
    });
    expect((await clientRow(tenant.client.id)).client_logos).toEqual({
      content_type: "image/jpeg",
      data_base64: JPEG.toString("base64"),
    });
    const portal = await getClientPortal(await asPerson(tenant.contacts.viewer.id), tenant.client.slug);
    expect(portal?.client.logoVersion).toBeTruthy();

    // Keeping it: no file, not ticked.
    expect(await update(db, tenant.client.slug, input())).toMatchObject({ value: { logo: "kept" } });
    expect((await clientRow(tenant.client.id)).client_logos).not.toBeNull();

    expect(await update(db, tenant.client.slug, input({ removeLogo: true }))).toMatchObject({
      ok: true,
      value: { logo: "removed" },
    });
    expect((await clientRow(tenant.client.id)).client_logos).toBeNull();
    const after = await getClientPortal(await asPerson(tenant.contacts.viewer.id), tenant.client.slug);
    expect(after?.client.logoVersion).toBeNull();
  });

  it("does not take a new logo and its removal at once", () => {
    const both = ClientSettingsSchema.safeParse({
      name: "X",
      primaryColor: "#111111",
      accentColor: "#222222",
      removeLogo: "on",
      logo: new File([new Uint8Array(PNG)], "logo.png", { type: "image/png" }),
    });
    expect(both.success).toBe(false);
    expect(both.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["removeLogo", "Choose a new logo or remove the logo, not both."],
    ]);
  });

  it("is open to an admin who is not on the team", async () => {
    const admin = await seedStaff("settings-admin", { isAdmin: true });
    const result = await update(await asPerson(admin.id), tenant.client.slug, input({ name: "By the admin" }));
    expect(result).toMatchObject({ ok: true });
    expect((await clientRow(tenant.client.id)).name).toBe("By the admin");
  });
});
