import { beforeAll, describe, expect, it } from "vitest";
import { asPersonCounting, serviceDb } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { getClientPortal } from "./get-client-portal.server";

let a: Tenant;
let b: Tenant;
const NOW = new Date("2026-11-25T12:00:00Z");

beforeAll(async () => {
  [a, b] = await Promise.all([seedTenant("portal-a"), seedTenant("portal-b")]);
  const db = serviceDb();
  const phase = (await db
    .from("phases")
    .insert([
      { client_id: a.client.id, name: "Build", position: 0, planned_start: "2026-11-01", planned_end: "2026-12-15", is_internal: false },
      { client_id: a.client.id, name: "Secret phase", position: 1, planned_start: "2026-12-01", planned_end: "2026-12-05", is_internal: true },
    ])
    .select("id, name")).data!;
  const build = phase.find((p) => p.name === "Build")!.id;
  const secret = phase.find((p) => p.name === "Secret phase")!.id;
  await db.from("milestones").insert([
    { client_id: a.client.id, phase_id: build, title: "Kick-off", planned_date: "2026-11-02", actual_date: "2026-11-02", is_internal: false },
    { client_id: a.client.id, phase_id: build, title: "Data received", planned_date: "2026-11-20", actual_date: null, is_internal: false },
    { client_id: a.client.id, phase_id: build, title: "Internal milestone", planned_date: "2026-12-01", actual_date: null, is_internal: true },
    { client_id: a.client.id, phase_id: secret, title: "Inside secret phase", planned_date: "2026-12-02", actual_date: null, is_internal: false },
  ]);
  await db.from("client_tasks").insert([
    { client_id: a.client.id, title: "Send census", due_date: "2026-11-20", owner_id: a.contacts.approver.id },
    { client_id: a.client.id, title: "Name testers", due_date: "2026-12-20", owner_id: a.contacts.viewer.id },
  ]);
  await db.from("success_criteria").insert([
    { client_id: a.client.id, statement: "95% enrol online", is_internal: false },
    { client_id: a.client.id, statement: "Renewal lever (internal)", is_internal: true },
  ]);
});

describe("the client's page data", () => {
  it("comes in one PostgREST round trip, with statuses computed from the dates", async () => {
    const { db, requests } = await asPersonCounting(a.contacts.viewer.id);
    const portal = await getClientPortal(db, a.client.slug, NOW);
    expect(requests).toHaveLength(1);
    expect(portal!.client.name).toBe(a.client.name);
    expect(portal!.team.map((t) => t.role)).toEqual(["project_manager", "service_team"]);
    const [build] = portal!.phases;
    expect(build!.milestones.map((m) => [m.title, m.status])).toEqual([
      ["Kick-off", "done"],
      ["Data received", "late"],
    ]);
    expect(build!.status).toBe("late");
    expect(build!.progress).toBe(50);
    expect(portal!.tasks.map((t) => [t.title, t.overdue])).toEqual([
      ["Send census", true],
      ["Name testers", false],
    ]);
  });

  it("never gives a contact the internal items", async () => {
    const { db } = await asPersonCounting(a.contacts.approver.id);
    const portal = (await getClientPortal(db, a.client.slug, NOW))!;
    const text = JSON.stringify(portal);
    expect(text).not.toContain("Secret phase");
    expect(text).not.toContain("Internal milestone");
    expect(text).not.toContain("Inside secret phase");
    expect(text).not.toContain("Renewal lever");
    expect(portal.successCriteria.map((c) => c.statement)).toEqual(["95% enrol online"]);
  });

  it("gives the project manager the internal items, marked", async () => {
    const { db } = await asPersonCounting(a.pm.id);
    const portal = (await getClientPortal(db, a.client.slug, NOW))!;
    expect(portal.phases.map((p) => [p.name, p.isInternal])).toEqual([
      ["Build", false],
      ["Secret phase", true],
    ]);
    expect(portal.successCriteria.find((c) => c.isInternal)?.statement).toBe("Renewal lever (internal)");
  });

  it("is nothing at all for another tenant's contact", async () => {
    const { db } = await asPersonCounting(b.contacts.decision_maker.id);
    expect(await getClientPortal(db, a.client.slug, NOW)).toBeNull();
  });
});
