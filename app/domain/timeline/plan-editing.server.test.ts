import { beforeAll, describe, expect, it } from "vitest";
import { asPerson, serviceDb, uniq } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { applyTemplate, saveTimelineAsTemplate } from "./apply-template.server";
import { deletePlanItem } from "./delete-plan-item.server";
import { getPlanEditor } from "./get-plan-editor.server";
import { saveClientTask } from "./save-client-task.server";
import { saveMilestone } from "./save-milestone.server";
import { savePhase } from "./save-phase.server";

let a: Tenant;
let b: Tenant;
let phaseId: string;
let milestoneId: string;

const milestoneInput = (overrides: Record<string, unknown> = {}) => ({
  intent: "save-milestone" as const,
  phaseId,
  title: "Data received",
  plannedDate: "2026-12-01",
  isInternal: false,
  ...overrides,
});

beforeAll(async () => {
  [a, b] = await Promise.all([seedTenant("plan-a"), seedTenant("plan-b")]);
  const pm = await asPerson(a.pm.id);
  expect(await savePhase(pm, a.client.id, { intent: "save-phase", name: "Build", plannedStart: "2026-11-01", plannedEnd: "2026-12-31", isInternal: false })).toEqual({ ok: true });
  phaseId = (await serviceDb().from("phases").select("id").eq("client_id", a.client.id).single()).data!.id;
  expect(await saveMilestone(pm, a.client.id, milestoneInput())).toEqual({ ok: true });
  milestoneId = (await serviceDb().from("milestones").select("id").eq("client_id", a.client.id).single()).data!.id;
});

describe("moving a planned date", () => {
  it("is refused without a reason, even if the form is bypassed, and nothing changes", async () => {
    const pm = await asPerson(a.pm.id);
    const result = await saveMilestone(pm, a.client.id, milestoneInput({ milestoneId, plannedDate: "2026-12-08" }));
    expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { changeReason: [expect.stringMatching(/reason/)] } });
    const row = (await serviceDb().from("milestones").select("planned_date").eq("id", milestoneId).single()).data!;
    expect(row.planned_date).toBe("2026-12-01");
  });

  it("with a reason and a side, writes the slip the client sees", async () => {
    const pm = await asPerson(a.pm.id);
    const result = await saveMilestone(
      pm,
      a.client.id,
      milestoneInput({ milestoneId, plannedDate: "2026-12-08", changeReason: "Census arrived late", changeSide: "client" }),
    );
    expect(result).toEqual({ ok: true });
    const contact = await asPerson(a.contacts.viewer.id);
    const { data: slips } = await contact.from("date_changes").select("item_title, old_date, new_date, reason, side").eq("client_id", a.client.id);
    expect(slips).toEqual([
      { item_title: "Data received", old_date: "2026-12-01", new_date: "2026-12-08", reason: "Census arrived late", side: "client" },
    ]);
  });

  it("cannot be done by the client's contacts or another client's PM", async () => {
    for (const person of [a.contacts.approver, b.pm]) {
      const db = await asPerson(person.id);
      const result = await saveMilestone(
        db,
        a.client.id,
        milestoneInput({ milestoneId, plannedDate: "2027-01-31", changeReason: "Sneaky", changeSide: "provider" }),
      );
      expect(result).toMatchObject({ ok: false, kind: "not_found" });
    }
    const row = (await serviceDb().from("milestones").select("planned_date").eq("id", milestoneId).single()).data!;
    expect(row.planned_date).toBe("2026-12-08");
  });
});

describe("client tasks", () => {
  it("must be owned by one of the client's contacts", async () => {
    const pm = await asPerson(a.pm.id);
    const result = await saveClientTask(pm, a.client.id, { intent: "save-task", title: "Send census", ownerId: b.contacts.viewer.id });
    expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { ownerId: [expect.any(String)] } });
    expect(await saveClientTask(pm, a.client.id, { intent: "save-task", title: "Send census", ownerId: a.contacts.viewer.id })).toEqual({ ok: true });
  });
});

describe("templates", () => {
  it("lay out a timeline from a start date, and a timeline saves as a template", async () => {
    const pm = await asPerson(a.pm.id);
    const editor = await getPlanEditor(pm, a.client.slug);
    expect(editor!.canEdit).toBe(true);
    const quickStart = editor!.templates.find((t) => t.name.startsWith("Quick start"))!;
    expect(await applyTemplate(pm, a.client.id, quickStart.id, "2027-02-01")).toEqual({ ok: true });
    const after = (await getPlanEditor(pm, a.client.slug))!;
    const setup = after.phases.find((p) => p.name === "Setup")!;
    expect([setup.planned_start, setup.planned_end]).toEqual(["2027-02-01", "2027-02-14"]);
    expect(setup.milestones.map((m) => [m.title, m.planned_date])).toEqual([
      ["Kick-off meeting", "2027-02-02"],
      ["Setup complete", "2027-02-14"],
    ]);

    const name = uniq("Template");
    expect(await saveTimelineAsTemplate(pm, a.client.id, name)).toEqual({ ok: true });
    expect(await saveTimelineAsTemplate(pm, a.client.id, name)).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
    const saved = (await serviceDb().from("timeline_templates").select("phases").eq("name", name).single()).data!;
    expect((saved.phases as { name: string }[]).map((p) => p.name)).toEqual(["Build", "Setup", "Go-live"]);
  });

  it("cannot be applied by someone who is not the client's PM", async () => {
    const contact = await asPerson(a.contacts.decision_maker.id);
    const anyTemplate = (await serviceDb().from("timeline_templates").select("id").eq("is_builtin", true).limit(1).single()).data!;
    const before = (await serviceDb().from("phases").select("id", { count: "exact", head: true }).eq("client_id", a.client.id)).count;
    const result = await applyTemplate(contact, a.client.id, anyTemplate.id, "2027-03-01");
    expect(result.ok).toBe(false);
    const after = (await serviceDb().from("phases").select("id", { count: "exact", head: true }).eq("client_id", a.client.id)).count;
    expect(after).toBe(before);
  });
});

describe("deleting", () => {
  it("removes the item but keeps its slip history", async () => {
    const pm = await asPerson(a.pm.id);
    expect(await deletePlanItem(pm, a.client.id, "milestone", milestoneId)).toEqual({ ok: true });
    expect(await deletePlanItem(pm, a.client.id, "milestone", milestoneId)).toMatchObject({ ok: false, kind: "not_found" });
    const { data: slips } = await serviceDb().from("date_changes").select("item_title, milestone_id").eq("client_id", a.client.id);
    expect(slips).toEqual([{ item_title: "Data received", milestone_id: null }]);
  });
});
