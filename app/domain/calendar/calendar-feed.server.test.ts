import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { asPerson, serviceDb } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { saveMilestone } from "../timeline/save-milestone.server";
import { buildCalendarFeed } from "./build-calendar-feed.server";
import { createCalendarFeed, revokeCalendarFeeds } from "./manage-calendar-feeds.server";

let a: Tenant;
let phaseId: string;
let milestoneId: string;

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((e) => {
    const event = new ICAL.Event(e);
    return [event.summary, event.startDate.toString()];
  });
}

beforeAll(async () => {
  a = await seedTenant("ics");
  const db = serviceDb();
  phaseId = (await db
    .from("phases")
    .insert({ client_id: a.client.id, name: "Build", planned_start: "2026-11-01", planned_end: "2026-12-31", is_internal: false })
    .select("id")
    .single()).data!.id;
  const rows = (await db
    .from("milestones")
    .insert([
      { client_id: a.client.id, phase_id: phaseId, title: "Go-live", planned_date: "2026-12-14", is_internal: false },
      { client_id: a.client.id, phase_id: phaseId, title: "Internal review", planned_date: "2026-12-10", is_internal: true },
    ])
    .select("id, title")).data!;
  milestoneId = rows.find((r) => r.title === "Go-live")!.id;
});

describe("the calendar feed", () => {
  it("holds the client's milestones a contact may see, and follows a moved date", async () => {
    const contact = await asPerson(a.contacts.viewer.id);
    const token = await createCalendarFeed(contact, a.client.id);
    const ics = (await buildCalendarFeed(token, "http://portal.test"))!;
    expect(events(ics)).toEqual([["Go-live", "2026-12-14"]]);
    expect(ics).toContain("http://portal.test/c/");

    const pm = await asPerson(a.pm.id);
    await saveMilestone(pm, a.client.id, {
      intent: "save-milestone",
      milestoneId,
      phaseId,
      title: "Go-live",
      plannedDate: "2026-12-21",
      isInternal: false,
      changeReason: "Carrier window moved",
      changeSide: "third_party",
    });
    expect(events((await buildCalendarFeed(token, "http://portal.test"))!)).toEqual([["Go-live", "2026-12-21"]]);
  });

  it("stops working when revoked, or replaced by a new link", async () => {
    const contact = await asPerson(a.contacts.approver.id);
    const first = await createCalendarFeed(contact, a.client.id);
    const second = await createCalendarFeed(contact, a.client.id);
    expect(await buildCalendarFeed(first, "http://portal.test")).toBeNull();
    expect(await buildCalendarFeed(second, "http://portal.test")).not.toBeNull();
    await revokeCalendarFeeds(contact, a.client.id);
    expect(await buildCalendarFeed(second, "http://portal.test")).toBeNull();
  });

  it("refuses tokens that do not exist or are malformed", async () => {
    expect(await buildCalendarFeed("A".repeat(43), "http://portal.test")).toBeNull();
    expect(await buildCalendarFeed("../../etc/passwd", "http://portal.test")).toBeNull();
  });
});
