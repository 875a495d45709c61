// The staff workspace, end to end: a PM's portfolio shows each client's health
// with its reason, filters live in the URL (and work without JavaScript), the
// list downloads as CSV, "my work" lists the late milestones, the audit trail
// is for staff only, and an admin's lifecycle view draws its chart with a table.
import fs from "node:fs";
import { seedPlan, seedPulse } from "../support/portfolio";
import { seedStaff, seedTenant } from "../support/tenants";
import { expect, expectAccessible, signInWithCode, test, testClientIp } from "./fixtures";

test("a PM sees health with its reason, filters in the URL, downloads the list and finds their work", async ({
  page,
  browser,
  consoleGuard,
}, testInfo) => {
  test.setTimeout(180_000);
  const a = await seedTenant("portfolio");
  await seedPlan(a, { phase: "Data migration", late: 2 });
  await seedPulse(a, 20, [
    [a.contacts.approver, 5],
    [a.contacts.viewer, 4],
  ]);
  await seedPulse(a, 1, [
    [a.contacts.viewer, 3],
    [a.contacts.decision_maker, 3],
  ]);

  await signInWithCode(page, a.pm.email);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your clients" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: a.client.name }) });
  await expect(card).toContainText("amber: 2 milestones late; pulse fell from 4.5 to 3.0");
  await expect(card).toContainText("Data migration");
  await expect(card).toContainText("3.0 of 5 (before: 4.5)");
  await expectAccessible(page);

  // Filters go into the URL: bookmarkable, shareable.
  const filters = page.getByRole("search", { name: "Filter the portfolio" });
  await filters.getByLabel("Show").selectOption("at_risk");
  await filters.getByLabel("Client name").fill(a.client.slug);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${a.client.slug}&show=at_risk(&|$)`));
  await expect(card).toBeVisible();

  // The list as CSV, for the same filters.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download this list (CSV)" }).click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^Client,Portal address,Health,Health score,Why,/);
  expect(csv).toContain(`${a.client.name},/c/${a.client.slug},amber,60,amber: 2 milestones late; pulse fell from 4.5 to 3.0,`);

  // Without JavaScript the filter form is a plain GET form, and works the same.
  const plain = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "X-Forwarded-For": testClientIp(testInfo) },
  });
  consoleGuard.watch(plain);
  const noJs = await plain.newPage();
  await noJs.goto("/staff");
  await noJs.getByLabel("Client name").fill("no client is called this");
  await noJs.getByRole("button", { name: "Apply" }).click();
  await expect(noJs).toHaveURL(/[?&]q=no\+client\+is\+called\+this(&|$)/);
  await expect(noJs.getByText("No client matches these filters.")).toBeVisible();
  await plain.close();

  // A card's links navigate inside the app (no new document: the marker set
  // on this window survives), like every other link.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await card.getByRole("link", { name: "Plan", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/clients/${a.client.slug}/plan$`));
  await expect(page.getByRole("heading", { level: 1, name: `Plan for ${a.client.name}` })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await page.goBack();
  await expect(card).toBeVisible();

  // My work: the late milestones, and the client that has had no update.
  await page.getByRole("link", { name: "My work this week" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My work this week" })).toBeVisible();
  const milestones = page.getByRole("list", { name: "Milestones due this week" });
  await expect(milestones.getByRole("listitem")).toHaveCount(2);
  await expect(milestones).toContainText("Late 1");
  await expect(page.getByRole("list", { name: "Clients with no update for 7 days" })).toContainText(a.client.name);
  await expectAccessible(page);

  // The audit trail is the team's; a contact is turned away.
  const audit = await page.request.get(`/staff/clients/${a.client.slug}/audit.csv`);
  expect(audit.status()).toBe(200);
  expect(audit.headers()["content-type"]).toContain("text/csv");
  expect((await audit.text()).split("\r\n")[0]).toBe("When (UTC),What,About,Who,Detail,Evidence");
});

test("a contact cannot open the staff workspace or its exports", async ({ page, consoleGuard }) => {
  test.setTimeout(180_000);
  consoleGuard.allow(/status of 403/);
  const a = await seedTenant("portfolio-contact");
  await signInWithCode(page, a.contacts.approver.email);
  for (const path of ["/staff/portfolio.csv", `/staff/clients/${a.client.slug}/audit.csv`, "/staff/my-work", "/staff/lifecycle"]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
});

test("an admin sees the lifecycle by stage, with the go-live chart and its table", async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await seedStaff("lifecycle-admin", { isAdmin: true });
  await seedTenant("lifecycle");
  await signInWithCode(page, admin.email);
  await expect(page.getByRole("heading", { level: 1, name: "All clients" })).toBeVisible();
  await page.getByRole("link", { name: "Lifecycle", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lifecycle" })).toBeVisible();
  for (const stage of ["Handoff", "Conversion", "Go-live", "Ongoing service"]) {
    await expect(page.getByRole("list", { name: "Stages" }).getByRole("heading", { level: 3, name: stage })).toBeVisible();
  }
  await expect(page.getByRole("img", { name: /early or on time: \d+/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Clients by how far their go-live lands from plan" })).toContainText("1-7 days late");
  await expectAccessible(page);
});
