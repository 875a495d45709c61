// The client's page, end to end: what a contact sees and does, a slip the PM
// records reaching the contact, "view as client", and the calendar feed.
import ICAL from "ical.js";
import { serviceDb } from "../support/stack";
import { seedTenant, type Tenant } from "../support/tenants";
import { expect, expectAccessible, signInWithCode, test } from "./fixtures";

type Plan = { phaseId: string; goLiveId: string };

/** A small plan for a tenant: one phase, a done, a late and an internal milestone, and a task for the approver. */
async function seedPlan(t: Tenant): Promise<Plan> {
  const db = serviceDb();
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const phase = (await db
    .from("phases")
    .insert({ client_id: t.client.id, name: "Build and test", planned_start: day(-20), planned_end: day(40), is_internal: false })
    .select("id")
    .single()).data!;
  const rows = (await db
    .from("milestones")
    .insert([
      { client_id: t.client.id, phase_id: phase.id, title: "Kick-off meeting", planned_date: day(-18), actual_date: day(-18), is_internal: false },
      { client_id: t.client.id, phase_id: phase.id, title: "Census received", planned_date: day(-3), actual_date: null, is_internal: false },
      { client_id: t.client.id, phase_id: phase.id, title: "Go-live", planned_date: day(30), actual_date: null, is_internal: false },
      { client_id: t.client.id, phase_id: phase.id, title: "Margin review", planned_date: day(10), actual_date: null, is_internal: true },
    ])
    .select("id, title")).data!;
  await db.from("client_tasks").insert({
    client_id: t.client.id,
    title: "Send the signed plan design",
    due_date: day(-2),
    owner_id: t.contacts.approver.id,
  });
  await db.from("clients").update({ welcome_text: "Welcome aboard, from your PM.", go_live_date: day(30) }).eq("id", t.client.id);
  return { phaseId: phase.id, goLiveId: rows.find((r) => r.title === "Go-live")!.id };
}

test("a contact sees their brand, team, timeline and tasks, and marks a task done", async ({ page }) => {
  const a = await seedTenant("brand");
  await seedPlan(a);
  await signInWithCode(page, a.contacts.approver.email);

  const banner = page.locator(".brand-banner");
  await expect(banner).toHaveCSS("background-color", "rgb(18, 52, 86)"); // #123456, the seeded brand colour
  await expect(banner).toHaveCSS("color", "rgb(255, 255, 255)"); // white text: the readable one on that colour
  await expect(page.getByText("Welcome aboard, from your PM.")).toBeVisible();

  // The team and the timeline each have their own section of the page (issue 14).
  const sections = page.getByRole("navigation", { name: "Sections of this page" });
  await sections.getByRole("link", { name: "Team" }).click();
  await expect(page).toHaveURL(/\?section=team$/);
  const team = page.getByRole("region", { name: "Who is on your side" });
  await expect(team.getByRole("heading", { name: a.pm.fullName })).toBeVisible();
  await expect(team.getByRole("heading", { name: a.serviceTeam.fullName })).toBeVisible();
  await expect(team.getByRole("link", { name: a.pm.email })).toHaveAttribute("href", `mailto:${a.pm.email}`);

  await sections.getByRole("link", { name: "Timeline" }).click();
  const timeline = page.getByRole("region", { name: "Where we are" });
  const milestone = (title: string) => timeline.locator("li.milestone").filter({ hasText: title });
  const late = milestone("Census received");
  await expect(late).toContainText("Late");
  await expect(milestone("Kick-off meeting")).toContainText("Done");
  await expect(page.getByText("Margin review")).toHaveCount(0);

  await sections.getByRole("link", { name: "Overview" }).click();
  const tasks = page.getByRole("region", { name: "What we need from you" });
  const task = tasks.getByRole("listitem").filter({ hasText: "Send the signed plan design" });
  await expect(task).toContainText("Overdue");
  await expectAccessible(page);

  await task.getByRole("button", { name: "Mark done: Send the signed plan design" }).click();
  await expect(task.getByRole("button", { name: "Reopen: Send the signed plan design" })).toBeVisible();
  await expect(task).not.toContainText("Overdue");
  await expect(tasks).toContainText("Nothing right now");
  const stamped = (await serviceDb().from("client_tasks").select("status, completed_by").eq("client_id", a.client.id).single()).data!;
  expect(stamped).toEqual({ status: "done", completed_by: a.contacts.approver.id });
});

test("the PM moves a milestone with a reason, and the contact sees the slip", async ({ page, browser, consoleGuard }) => {
  const a = await seedTenant("slip");
  const plan = await seedPlan(a);

  await signInWithCode(page, a.pm.email);
  await page.goto(`/staff/clients/${a.client.slug}/plan`);
  await expect(page.getByRole("heading", { level: 1, name: `Plan for ${a.client.name}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByText(/^Go-live · planned/).click();
  const form = page.locator(`form#milestone-${plan.goLiveId}`);
  const moved = new Date(Date.now() + 37 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Planned date").fill(moved);
  await form.getByRole("button", { name: "Save milestone" }).click();
  await expect(form.getByText("Say why the date moved; the client sees this.")).toBeVisible();

  await form.getByLabel("Why it moved").fill("The carrier moved its test window by a week.");
  await form.getByLabel("It depended on").selectOption("third_party");
  await form.getByRole("button", { name: "Save milestone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expectAccessible(page);

  const contactContext = await browser.newContext();
  consoleGuard.watch(contactContext);
  const contactPage = await contactContext.newPage();
  await signInWithCode(contactPage, a.contacts.viewer.email);
  await contactPage.goto(`/c/${a.client.slug}?section=timeline`);
  const slips = contactPage.getByRole("region", { name: "Date changes" });
  await expect(slips).toContainText("Go-live");
  await expect(slips).toContainText("7 days later");
  await expect(slips).toContainText("Why: The carrier moved its test window by a week.");
  await expect(slips).toContainText("Depended on: A third party");
  await expect(slips).toContainText(`by ${a.pm.fullName}`);
  await contactContext.close();
});

test("view as client shows exactly what the contact sees, read-only", async ({ page, browser, consoleGuard }) => {
  const a = await seedTenant("viewas");
  await seedPlan(a);
  const sections = ["Welcome, " + a.contacts.viewer.fullName, "Where we are", "Who is on your side", "What success looks like", "Date changes"];

  const contactContext = await browser.newContext();
  consoleGuard.watch(contactContext);
  const contactPage = await contactContext.newPage();
  await signInWithCode(contactPage, a.contacts.viewer.email);
  await contactPage.goto(`/c/${a.client.slug}?section=all`);
  const contactView = await Promise.all(sections.map((name) => contactPage.getByRole("region", { name }).innerText()));
  await contactContext.close();

  await signInWithCode(page, a.pm.email);
  await page.goto(`/c/${a.client.slug}?section=all`);
  await expect(page.getByText("Margin review")).toBeVisible(); // staff see the internal milestone
  await page.getByLabel("View as").selectOption({ label: `${a.contacts.viewer.fullName} (viewer)` });
  await page.getByRole("button", { name: "Show their page" }).click();
  await expect(page.getByRole("note")).toContainText(`Viewing as ${a.contacts.viewer.fullName}`);
  // The section links keep "view as": the whole page, still as the contact.
  await page.getByRole("navigation", { name: "Sections of this page" }).getByRole("link", { name: "Everything" }).click();
  await expect(page).toHaveURL(/[?&]section=all/);
  await expect(page.getByRole("note")).toContainText(`Viewing as ${a.contacts.viewer.fullName}`);
  await expect(page.getByText("Margin review")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Mark done/ })).toHaveCount(0);
  const staffView = await Promise.all(sections.map((name) => page.getByRole("region", { name }).innerText()));
  expect(staffView).toEqual(contactView);
  await expectAccessible(page);
});

test("the calendar feed holds the milestones, and a revoked link stops working", async ({ page, consoleGuard }) => {
  const a = await seedTenant("ics");
  await seedPlan(a);
  await signInWithCode(page, a.contacts.decision_maker.email);
  await page.goto(`/c/${a.client.slug}?section=timeline`);

  const calendar = page.getByRole("region", { name: "Dates in your calendar" });
  await calendar.getByRole("button", { name: "Create calendar link" }).click();
  const url = await calendar.getByLabel(/Your private calendar link/).inputValue();
  expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await expectAccessible(page);

  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const events = new ICAL.Component(ICAL.parse(await feed.text()))
    .getAllSubcomponents("vevent")
    .map((e) => new ICAL.Event(e).summary)
    .sort();
  expect(events).toEqual(["Census received", "Go-live", "✓ Kick-off meeting"]);

  await calendar.getByRole("button", { name: "Turn off calendar link" }).click();
  await expect(calendar.getByRole("button", { name: "Create calendar link" })).toBeVisible();
  consoleGuard.allow(/status of 404/);
  expect((await page.request.get(url)).status()).toBe(404);
});
