// The rough edges a new user hit (issue 14, "Defects found"), each with the
// check that would have caught it: pages no wider than a 390 px phone, inline
// links big enough to tap, checkbox labels beside their boxes, 404s that speak
// to people and log no errors, and /sign-in leading to the sign-in page.
// Screenshots of each main page at 390 px and 1280 px are attached as
// artifacts (not compared).
import { serviceDb } from "../support/stack";
import { seedTenant, type Tenant } from "../support/tenants";
import { expect, signInWithCode, test } from "./fixtures";
import { expectLinkTargets, expectNoSidewaysScroll, PHONE, screenshots } from "./look-helpers";

async function seedPlan(t: Tenant) {
  const db = serviceDb();
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const phase = (await db
    .from("phases")
    .insert({ client_id: t.client.id, name: "Go-live and handover to the service team", planned_start: day(-20), planned_end: day(40) })
    .select("id")
    .single()).data!;
  await db.from("milestones").insert([
    { client_id: t.client.id, phase_id: phase.id, title: "Kick-off meeting", planned_date: day(-18), actual_date: day(-18) },
    { client_id: t.client.id, phase_id: phase.id, title: "Carrier file test passed", planned_date: day(12) },
  ]);
  await db.from("client_tasks").insert({ client_id: t.client.id, title: "Send the census file", due_date: day(5), owner_id: t.contacts.approver.id });
  await db
    .from("clients")
    .update({ welcome_text: "Welcome to your benefits conversion. This page is where you will find where we are.", go_live_date: day(30) })
    .eq("id", t.client.id);
}

test("the main pages fit a 390 px phone, with links big enough to tap (defects 1 and 12)", async ({ page }, testInfo) => {
  test.setTimeout(240_000); // eight pages, each photographed at two sizes
  const a = await seedTenant("edges");
  await seedPlan(a);
  await page.setViewportSize(PHONE);
  await page.goto("/login");
  await expectNoSidewaysScroll(page, "/login");
  await expectLinkTargets(page, "/login");
  await screenshots(page, testInfo, "login");

  await signInWithCode(page, a.pm.email);
  const pages = [
    "/staff",
    `/c/${a.client.slug}`,
    `/staff/clients/${a.client.slug}/team`,
    `/staff/clients/${a.client.slug}/settings`,
    `/staff/clients/${a.client.slug}/requirements`,
    "/staff/clients/new",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
    await expectLinkTargets(page, path);
    await screenshots(page, testInfo, path);
  }

  // The plan editor with a milestone opened: its form must fit too.
  const plan = `/staff/clients/${a.client.slug}/plan`;
  await page.goto(plan);
  await page.locator("li.milestone summary").filter({ hasText: "Carrier file test passed" }).click();
  await expect(page.getByRole("button", { name: /save/i }).first()).toBeVisible();
  await expectNoSidewaysScroll(page, `${plan} with a milestone open`);
  await expectLinkTargets(page, plan);
  await screenshots(page, testInfo, "plan editor, milestone open");
});

test("approver checkboxes keep their labels beside the box on a phone (defect 12)", async ({ page }) => {
  const a = await seedTenant("edges-approvers");
  await page.setViewportSize(PHONE);
  await signInWithCode(page, a.pm.email);
  await page.goto(`/staff/clients/${a.client.slug}/requirements`);
  const group = page.getByRole("group", { name: /approver/i });
  const boxes = group.getByRole("checkbox");
  expect(await boxes.count()).toBeGreaterThan(0);
  for (const box of await boxes.all()) {
    const id = await box.getAttribute("id");
    const label = page.locator(`label[for="${id}"]`);
    const [b, l] = [await box.boundingBox(), await label.boundingBox()];
    expect(l!.x, `label "${await label.textContent()}" sits beside its box, not under it`).toBeGreaterThanOrEqual(b!.x + b!.width);
    expect(l!.y).toBeLessThan(b!.y + b!.height);
  }
  await expectNoSidewaysScroll(page, "requirements index");
});

test("possessive: Northwind Logistics' page, not Logistics's (defect 12)", async ({ page }) => {
  const a = await seedTenant("edges-possessive");
  const name = `Northwind Logistics ${a.client.slug.slice(-4)}s`;
  await serviceDb().from("clients").update({ name }).eq("id", a.client.id);
  await signInWithCode(page, a.pm.email);
  await page.goto(`/staff/clients/${a.client.slug}/team`);
  await expect(page.getByRole("link", { name: `${name}' page` })).toBeVisible();
  await expect(page.getByText(`${name}'s page`)).toHaveCount(0);
});

test("a 404 under /c/<slug>/… speaks to people and logs no hydration errors, signed out and in (defect 2)", async ({
  page,
  consoleGuard,
}) => {
  // The browser itself reports the 404 response; nothing else may be logged.
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const a = await seedTenant("edges-404");
  for (const signedIn of [false, true]) {
    if (signedIn) await signInWithCode(page, a.contacts.viewer.email);
    for (const path of [`/c/${a.client.slug}/updates`, "/c/northwind/updates", "/no-such-page"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
      await expect(page.locator("main")).not.toContainText("No route matches");
      await expect(page.getByRole("link", { name: signedIn ? "Go to your home page" : "Sign in" })).toBeVisible();
      // Hydration has finished (React attaches its root) before the console is judged.
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    }
  }
});

test("/sign-in and /signin lead to the sign-in page (defect 3)", async ({ page }) => {
  for (const path of ["/sign-in", "/signin"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/login");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("main")).not.toContainText("No route matches");
  }
});
