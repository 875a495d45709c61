// Creating a client through the domain function, against the real local stack
// and under RLS as the person doing it (the same per-request client the app uses).
import { beforeAll, describe, expect, it } from "vitest";
import { asPerson, serviceDb, uniq } from "../../../tests/support/stack";
import { seedStaff, seedTenant, type SeededPerson, type Tenant } from "../../../tests/support/tenants";
import { createClient } from "./create-client.server";
import type { CreateClientInput } from "./schema";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

let staff: SeededPerson;
let otherStaff: SeededPerson;
let admin: SeededPerson;
let tenant: Tenant;

beforeAll(async () => {
  [staff, otherStaff, admin, tenant] = await Promise.all([
    seedStaff("setup-creator"),
    seedStaff("setup-other"),
    seedStaff("setup-admin", { isAdmin: true }),
    seedTenant("setup-taken"),
  ]);
});

function input(overrides: Partial<CreateClientInput> = {}): CreateClientInput {
  return {
    name: "Acme Logistics",
    slug: uniq("acme").toLowerCase(),
    primaryColor: "#0f766e",
    accentColor: "#f97360",
    welcomeText: "Welcome, Acme.",
    goLiveDate: "2027-03-01",
    serviceTakeoverDate: "2027-03-15",
    projectManagerId: staff.id,
    successCriteria: [],
    logo: undefined,
    ...overrides,
  };
}

async function clientsWithSlug(slug: string) {
  const { data, error } = await serviceDb().from("clients").select("id, name, created_by").eq("slug", slug);
  if (error) throw error;
  return data;
}

describe("creating a client", () => {
  it("saves the client, its project manager, success criteria and logo in one go", async () => {
    const db = await asPerson(staff.id);
    const values = input({
      successCriteria: [
        { statement: "95% enrol online", measure: "enrolment report, week 2" },
        { statement: "No payroll errors in month one", measure: null },
      ],
      logo: new File([new Uint8Array(PNG)], "logo.png", { type: "image/png" }),
    });

    const result = await createClient(db, { id: staff.id, isAdmin: false }, values);

    expect(result).toMatchObject({ ok: true, value: { slug: values.slug, visible: true } });
    const { data: saved } = await serviceDb()
      .from("clients")
      .select(
        "name, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date, created_by, client_staff(person_id, role), success_criteria(statement, measure, position, is_internal), client_logos(content_type, data_base64)",
      )
      .eq("slug", values.slug)
      .single();
    expect(saved).toMatchObject({
      name: "Acme Logistics",
      primary_color: "#0f766e",
      accent_color: "#f97360",
      welcome_text: "Welcome, Acme.",
      go_live_date: "2027-03-01",
      service_takeover_date: "2027-03-15",
      created_by: staff.id,
      client_staff: [{ person_id: staff.id, role: "project_manager" }],
      client_logos: { content_type: "image/png", data_base64: PNG.toString("base64") },
    });
    expect(saved!.success_criteria.sort((a, b) => a.position - b.position)).toEqual([
      { statement: "95% enrol online", measure: "enrolment report, week 2", position: 0, is_internal: false },
      { statement: "No payroll errors in month one", measure: null, position: 1, is_internal: false },
    ]);
  });

  it("refuses a taken address with a field error and saves nothing", async () => {
    const db = await asPerson(staff.id);
    const name = `Copycat ${uniq()}`;
    const result = await createClient(db, { id: staff.id, isAdmin: false }, input({ slug: tenant.client.slug, name }));

    expect(result).toMatchObject({
      ok: false,
      kind: "invalid",
      fieldErrors: { slug: [`The address "${tenant.client.slug}" is already used by another client. Choose another.`] },
    });
    const sameSlug = await clientsWithSlug(tenant.client.slug);
    expect(sameSlug.map((c) => c.name)).toEqual([tenant.client.name]);
    const { count } = await serviceDb().from("clients").select("id", { count: "exact", head: true }).eq("name", name);
    expect(count).toBe(0);
  });

  it("refuses a project manager who is not staff with a field error, and saves nothing", async () => {
    const db = await asPerson(staff.id);
    for (const stranger of [tenant.contacts.viewer.id, crypto.randomUUID()]) {
      const values = input({ projectManagerId: stranger });
      const result = await createClient(db, { id: staff.id, isAdmin: false }, values);
      expect(result).toMatchObject({
        ok: false,
        kind: "invalid",
        fieldErrors: { projectManagerId: ["Choose the project manager from the list of staff."] },
      });
      expect(await clientsWithSlug(values.slug)).toEqual([]);
    }
  });

  it("refuses a logo that is not what it claims before saving anything", async () => {
    const db = await asPerson(staff.id);
    const values = input({
      logo: new File(["<svg xmlns='http://www.w3.org/2000/svg'/>"], "logo.png", { type: "image/png" }),
    });
    const result = await createClient(db, { id: staff.id, isAdmin: false }, values);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors!.logo).toHaveLength(1);
    expect(await clientsWithSlug(values.slug)).toEqual([]);
  });

  it("is refused to a client contact (403), and nothing is saved", async () => {
    const contact = tenant.contacts.approver;
    const db = await asPerson(contact.id);
    const values = input({ projectManagerId: tenant.pm.id });
    await expect(createClient(db, { id: contact.id, isAdmin: false }, values)).rejects.toMatchObject({ status: 403 });
    expect(await clientsWithSlug(values.slug)).toEqual([]);
  });

  it("lets any staff member create a client run by someone else, who then runs it alone", async () => {
    const db = await asPerson(staff.id);
    const values = input({ projectManagerId: otherStaff.id });
    const result = await createClient(db, { id: staff.id, isAdmin: false }, values);
    expect(result).toMatchObject({ ok: true, value: { visible: false } });
    const [saved] = await clientsWithSlug(values.slug);
    expect(saved!.created_by).toBe(staff.id);
    // RLS: once the client has its PM, the creator is not on its team and does not see it.
    const { data: seen } = await db.from("clients").select("id").eq("slug", values.slug);
    expect(seen).toEqual([]);
    const { data: seenByPm } = await (
      await asPerson(otherStaff.id)
    )
      .from("clients")
      .select("id")
      .eq("slug", values.slug);
    expect(seenByPm).toHaveLength(1);
  });

  it("lets a creator set up a client for another PM, logo and criteria included, in one transaction", async () => {
    const db = await asPerson(staff.id);
    const values = input({
      projectManagerId: otherStaff.id,
      successCriteria: [{ statement: "Live by March", measure: "First payroll on 1 March" }],
      logo: new File([new Uint8Array(PNG)], "logo.png", { type: "image/png" }),
    });
    const result = await createClient(db, { id: staff.id, isAdmin: false }, values);
    expect(result).toMatchObject({ ok: true, value: { visible: false } });
    const { data } = await serviceDb()
      .from("clients")
      .select("client_logos(content_type), success_criteria(statement, measure), client_staff(person_id, role)")
      .eq("slug", values.slug)
      .single();
    expect(data).toEqual({
      client_logos: { content_type: "image/png" },
      success_criteria: [{ statement: "Live by March", measure: "First payroll on 1 March" }],
      client_staff: [{ person_id: otherStaff.id, role: "project_manager" }],
    });
  });

  it("lets an admin set up a client for another project manager, logo and criteria included", async () => {
    const db = await asPerson(admin.id);
    const values = input({
      projectManagerId: otherStaff.id,
      successCriteria: [{ statement: "Live by March", measure: null }],
      logo: new File([new Uint8Array(PNG)], "logo.png", { type: "image/png" }),
    });
    const result = await createClient(db, { id: admin.id, isAdmin: true }, values);
    expect(result).toMatchObject({ ok: true, value: { visible: true } });
    const { data } = await serviceDb()
      .from("clients")
      .select("client_logos(content_type), success_criteria(statement)")
      .eq("slug", values.slug)
      .single();
    expect(data).toEqual({
      client_logos: { content_type: "image/png" },
      success_criteria: [{ statement: "Live by March" }],
    });
  });
});
