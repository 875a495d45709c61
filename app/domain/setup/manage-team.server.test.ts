// The team page's data and changes (assign, remove), under RLS as each person.
import { beforeAll, describe, expect, it } from "vitest";
import { asPerson, serviceDb, type Db } from "../../../tests/support/stack";
import { seedStaff, seedTenant, type SeededPerson, type Tenant } from "../../../tests/support/tenants";
import { requireClient } from "../clients/require-client.server";
import { assignStaff } from "./assign-staff.server";
import { getClientTeam } from "./get-client-team.server";
import { removeStaff } from "./remove-staff.server";

let tenant: Tenant;
let newcomer: SeededPerson;
let outsider: SeededPerson;

beforeAll(async () => {
  [tenant, newcomer, outsider] = await Promise.all([
    seedTenant("team"),
    seedStaff("team-newcomer"),
    seedStaff("team-outsider"),
  ]);
});

async function teamRows() {
  const { data, error } = await serviceDb()
    .from("client_staff")
    .select("person_id, role, responsibilities")
    .eq("client_id", tenant.client.id);
  if (error) throw error;
  return data;
}

/** As the team route does: the guard (403/404 for those who may not change the team), then the call. */
const manager = (db: Db) => requireClient(db, tenant.client.slug, "manageTeam");
/** As the team page's loader does: one call, guard included (null, the route's 404, for those who may not see the client). */
const teamAs = async (p: SeededPerson) => getClientTeam(await asPerson(p.id), tenant.client.slug);

describe("the team page", () => {
  it("shows the PM a team they can manage, with the staff they could add", async () => {
    const team = await teamAs(tenant.pm);
    expect(team!.canManage).toBe(true);
    expect(team!.team.map((m) => [m.id, m.role])).toEqual([
      [tenant.pm.id, "project_manager"],
      [tenant.serviceTeam.id, "service_team"],
    ]);
    expect(team!.contacts.map((c) => c.role).sort()).toEqual(["approver", "decision_maker", "viewer"]);
    expect(team!.staffOptions.map((s) => s.id)).toContain(newcomer.id);
    expect(team!.staffOptions.map((s) => s.id)).not.toContain(tenant.pm.id);
  });

  it("shows the service team the same page read-only, and nothing to staff on other clients", async () => {
    const team = await teamAs(tenant.serviceTeam);
    expect(team!.canManage).toBe(false);
    expect(team!.staffOptions).toEqual([]);
    expect(await teamAs(outsider)).toBeNull();
  });

  it("lets the PM assign a staff member with a role and responsibilities, once", async () => {
    const db = await asPerson(tenant.pm.id);
    const input = {
      personId: newcomer.id,
      role: "relationship_manager" as const,
      responsibilities: "Renewals and reviews.",
    };
    expect(await assignStaff(db, await manager(db), input)).toEqual({
      ok: true,
      value: { fullName: newcomer.fullName },
    });
    expect(await teamRows()).toContainEqual({
      person_id: newcomer.id,
      role: "relationship_manager",
      responsibilities: "Renewals and reviews.",
    });

    const again = await assignStaff(db, await manager(db), { ...input, role: "sales" });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.fieldErrors!.personId![0]).toContain("is already on the team");
  });

  it("refuses an unknown person or a client contact with a field error, adding nobody", async () => {
    const db = await asPerson(tenant.pm.id);
    const before = await teamRows();
    for (const personId of [crypto.randomUUID(), tenant.contacts.approver.id]) {
      const result = await assignStaff(db, await manager(db), {
        personId,
        role: "service_team",
        responsibilities: undefined,
      });
      expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { personId: ["Choose a staff member from the list."] } });
    }
    expect(await teamRows()).toEqual(before);
  });

  it("refuses changes from the service team (403)", async () => {
    const db = await asPerson(tenant.serviceTeam.id);
    await expect(
      manager(db).then((access) => assignStaff(db, access, { personId: outsider.id, role: "sales", responsibilities: undefined })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(manager(db).then((access) => removeStaff(db, access, tenant.pm.id))).rejects.toMatchObject({
      status: 403,
    });
    expect((await teamRows()).map((r) => r.person_id)).not.toContain(outsider.id);
  });

  it("lets the PM remove a member, but never the last project manager", async () => {
    const db = await asPerson(tenant.pm.id);
    expect(await removeStaff(db, await manager(db), newcomer.id)).toEqual({
      ok: true,
      value: { fullName: newcomer.fullName },
    });
    expect((await teamRows()).map((r) => r.person_id)).not.toContain(newcomer.id);

    const lastPm = await removeStaff(db, await manager(db), tenant.pm.id);
    expect(lastPm).toMatchObject({
      ok: false,
      message: `${tenant.pm.fullName} is the only project manager. Add another project manager before removing them.`,
    });
    expect(await teamRows()).toContainEqual(
      expect.objectContaining({ person_id: tenant.pm.id, role: "project_manager" }),
    );
  });
});
