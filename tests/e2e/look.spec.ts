// Issue 14, "Look and navigation": both brands on every client page, a client
// page in sections with a URL each (working without JavaScript), a timeline
// that explains itself, and every main page photographed at 390 px and
// 1280 px (artifacts, not compared) with nothing wider than a phone. The
// fixture fails any test on a console error, so each page visited here is also
// checked for those.
import type { Page } from "@playwright/test";
import { formatDay, formatDayLong } from "~/lib/dates";
import { freshSignoffDocument } from "../support/attack";
import { serviceDb } from "../support/stack";
import { seedTenant, type Tenant } from "../support/tenants";
import { expect, expectAccessible, signInWithCode, test } from "./fixtures";
import { DESKTOP, expectImageLoaded, expectNoSidewaysScroll, PHONE, screenshots } from "./look-helpers";

const LONG_PHASE = "Go-live and handover to the service team";

// Each test signs in through the mailbox (checked with axe) and visits several pages, on a shared machine.
test.describe.configure({ timeout: 180_000 });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A plan with a long phase name, a done milestone, one moved 4 days later (with its reason) and a task. */
async function seedLookPlan(t: Tenant) {
  const db = serviceDb();
  const phase = (await db
    .from("phases")
    .insert({ client_id: t.client.id, name: LONG_PHASE, planned_start: day(-20), planned_end: day(40) })
    .select("id")
    .single()).data!;
  const rows = (await db
    .from("milestones")
    .insert([
      { client_id: t.client.id, phase_id: phase.id, title: "Kick-off meeting", planned_date: day(-18), actual_date: day(-18) },
      { client_id: t.client.id, phase_id: phase.id, title: "Carrier file test passed", planned_date: day(8) },
    ])
    .select("id, title")).data!;
  const carrier = rows.find((r) => r.title === "Carrier file test passed")!;
  const moved = await db
    .from("milestones")
    .update({ planned_date: day(12), change_reason: "The carrier moved its test window.", change_side: "third_party" })
    .eq("id", carrier.id);
  expect(moved.error).toBeNull();
  await db.from("client_tasks").insert({ client_id: t.client.id, title: "Send the census file", due_date: day(5), owner_id: t.contacts.approver.id });
  await db
    .from("clients")
    .update({ welcome_text: "Welcome to your benefits conversion.", go_live_date: day(30), logo_url: "/logos/northwind.svg" })
    .eq("id", t.client.id);
}

/** The provider's name as the site header shows it (PROVIDER_NAME). */
async function providerName(page: Page) {
  return (await page.locator(".site-header .site-name").innerText()).trim();
}

test("every client page carries both brands: the provider's logo and name, and the client's logo", async ({ page }) => {
  const a = await seedTenant("cobrand");
  await seedLookPlan(a);
  const { document } = await freshSignoffDocument(a.client.id, [a.contacts.approver]);
  await signInWithCode(page, a.contacts.approver.email);
  await page.goto(`/c/${a.client.slug}`);

  const provider = await providerName(page);
  expect(provider.length).toBeGreaterThan(0);
  await expectImageLoaded(page.locator(".site-header img.site-logo"));
  await expectAccessible(page);

  for (const path of [`/c/${a.client.slug}`, `/c/${a.client.slug}?section=timeline`, `/c/${a.client.slug}/requirements/${document.id}`]) {
    await page.goto(path);
    const banner = page.locator("header.brand-banner");
    await expectImageLoaded(banner.getByRole("img", { name: `${a.client.name} logo` }));
    await expectImageLoaded(banner.locator("img.provider-mark"));
    await expect(banner).toContainText(provider);
  }
  await expectAccessible(page);

  // A client without any logo shows its initials, never a broken image.
  await serviceDb().from("clients").update({ logo_url: null }).eq("id", a.client.id);
  await page.goto(`/c/${a.client.slug}`);
  const banner = page.locator("header.brand-banner");
  await expect(banner.getByRole("img", { name: `${a.client.name} logo` })).toHaveCount(0);
  await expect(banner.locator(".brand-monogram")).toBeVisible();
  await expect(banner.locator("img")).toHaveCount(1); // the provider's mark only
});

test("the client page has a section per tab, each with its own URL, and it all works without JavaScript", async ({
  page,
  browser,
  consoleGuard,
}) => {
  const a = await seedTenant("sections");
  await seedLookPlan(a);
  await signInWithCode(page, a.contacts.decision_maker.email);
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  consoleGuard.watch(noScript);
  try {
    const plain = await noScript.newPage();
    await plain.goto(`/c/${a.client.slug}`);
    const nav = plain.getByRole("navigation", { name: "Sections of this page" });
    const tab = (name: string) => nav.getByRole("link", { name: new RegExp(`^${name}( \\d+ waiting)?$`) });
    const region = (name: string) => plain.getByRole("region", { name, exact: true });

    // The overview: what asks something of the reader; the timeline and the team have their own sections.
    await expect(tab("Overview")).toHaveAttribute("aria-current", "page");
    await expect(region(`Welcome, ${a.contacts.decision_maker.fullName}`)).toBeVisible();
    await expect(region("What we need from you")).toBeVisible();
    await expect(region("Where we are")).toHaveCount(0);
    await expect(region("Who is on your side")).toHaveCount(0);

    const sections: [string, string, string][] = [
      ["Timeline", "timeline", "Where we are"],
      ["Team", "team", "Who is on your side"],
      ["Sign-offs", "signoffs", "Documents to sign off"],
      ["Updates", "updates", "Updates"],
      ["Feedback", "feedback", "How is it going?"],
      ["Promises", "promises", "What we promised you"],
    ];
    for (const [name, key, heading] of sections) {
      await tab(name).click();
      await expect(plain).toHaveURL(new RegExp(`/c/${a.client.slug}\\?section=${key}$`));
      await expect(tab(name)).toHaveAttribute("aria-current", "page");
      await expect(tab("Overview")).not.toHaveAttribute("aria-current", "page");
      await expect(region(heading)).toBeVisible();
      await expect(region(`Welcome, ${a.contacts.decision_maker.fullName}`)).toHaveCount(0);
    }
    await tab("Everything").click();
    for (const heading of ["Where we are", "Who is on your side", "What we need from you", "Date changes", "What success looks like"]) {
      await expect(region(heading)).toBeVisible();
    }

    // A section's URL is shareable: opened directly, it shows that section.
    await plain.goto(`/c/${a.client.slug}?section=team`);
    await expect(region("Who is on your side")).toBeVisible();
    await expect(tab("Team")).toHaveAttribute("aria-current", "page");
    // An unknown section is the overview, not an error.
    await plain.goto(`/c/${a.client.slug}?section=nonsense`);
    await expect(tab("Overview")).toHaveAttribute("aria-current", "page");

    // A form in a section posts to the section's URL and comes back to it.
    await plain.goto(`/c/${a.client.slug}?section=timeline`);
    await region("Dates in your calendar").getByRole("button", { name: "Create calendar link" }).click();
    await expect(plain).toHaveURL(/\?section=timeline$/);
    await expect(region("Dates in your calendar").getByLabel(/Your private calendar link/)).toHaveValue(/\/calendar\/.+\.ics$/);
    await expect(region("Where we are")).toBeVisible();
  } finally {
    await noScript.close();
  }
});

test("the timeline has a legend, full phase names, today marked, and a moved milestone says how far it moved", async ({ page }) => {
  const a = await seedTenant("timeline-look");
  await seedLookPlan(a);
  await signInWithCode(page, a.contacts.viewer.email);
  await page.goto(`/c/${a.client.slug}?section=timeline`);
  const timeline = page.getByRole("region", { name: "Where we are" });

  const legend = timeline.getByRole("list", { name: "What the chart shows" });
  for (const item of ["Done", "On track", "At risk", "Late", "Darker part: milestones done", "Today"]) {
    await expect(legend.getByRole("listitem").filter({ hasText: item }).first()).toBeVisible();
  }

  const today = day(0);
  await expect(timeline).toContainText(`Today is ${formatDayLong(today)}.`);
  await expect(timeline.locator(".gantt-today-label")).toHaveText(`Today, ${formatDay(today)}`);
  // In the list, today falls between the done kick-off and the milestones still ahead.
  const items = timeline.locator(".milestone-list > li");
  await expect(items).toHaveText([/Kick-off meeting/, `Today, ${formatDay(today)}`, /Carrier file test passed/]);

  const carrier = timeline.locator("li.milestone").filter({ hasText: "Carrier file test passed" });
  await expect(carrier).toContainText(`Moved 4 days later (first planned ${formatDay(day(8))})`);
  await expect(carrier).toContainText(formatDay(day(12)));
  await expect(timeline.locator("li.milestone").filter({ hasText: "Kick-off meeting" })).not.toContainText("Moved");

  // The phase's full name, on a phone and on a desktop: nothing cut short.
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    const label = timeline.locator(".gantt-label").filter({ hasText: LONG_PHASE });
    await expect(label).toHaveText(LONG_PHASE);
    const clipped = await label.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === "ellipsis");
    expect(clipped, `the phase name is cut short at ${size.width}px`).toBe(false);
  }
  await expectAccessible(page);
});

test("every section of the client page and the staff pages fit a 390 px phone, photographed at 390 and 1280 px", async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000); // thirteen pages, each photographed at two sizes, on a shared machine
  const a = await seedTenant("look-shots");
  await seedLookPlan(a);
  const { document } = await freshSignoffDocument(a.client.id, [a.contacts.approver]);
  await page.setViewportSize(PHONE);

  await signInWithCode(page, a.contacts.approver.email);
  const clientPages = [
    ...["overview", "timeline", "signoffs", "team", "updates", "feedback", "promises", "all"].map((s) => `/c/${a.client.slug}?section=${s}`),
    `/c/${a.client.slug}/requirements/${document.id}`,
  ];
  for (const path of clientPages) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
    await screenshots(page, testInfo, `contact ${path}`);
  }

  // Now as the project manager, in the same browser.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInWithCode(page, a.pm.email);
  const staffPages = [
    `/c/${a.client.slug}?section=all`,
    `/staff/clients/${a.client.slug}/plan`,
    `/staff/clients/${a.client.slug}/settings`,
    "/staff/clients/new",
  ];
  for (const path of staffPages) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
    await screenshots(page, testInfo, `staff ${path}`);
  }
});

test("staff forms: a logo preview before saving, and dates written out in the app's format", async ({ page }) => {
  const a = await seedTenant("look-forms");
  await seedLookPlan(a);
  await signInWithCode(page, a.pm.email);
  await page.goto(`/staff/clients/${a.client.slug}/settings`);

  const goLive = page.getByLabel("Go-live date (optional)");
  await expect(page.locator(`#${await goLive.getAttribute("id")}-in-words`)).toHaveText(formatDayLong(day(30)));
  await goLive.fill("2027-03-05");
  await expect(page.locator(`#${await goLive.getAttribute("id")}-in-words`)).toHaveText("Friday 5 March 2027");

  const PNG = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  await page.getByLabel(/Logo \(optional\)/).setInputFiles({ name: "brand.png", mimeType: "image/png", buffer: PNG });
  await expectImageLoaded(page.getByRole("img", { name: "Preview of the new logo (brand.png)" }));
  await expectAccessible(page);
});
