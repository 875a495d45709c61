// Staff side of client setup, end to end: a staff member creates a branded
// client with a logo, a taken address is refused on its field, and the project
// manager invites a contact who gets the invitation in the local mailbox, signs
// in with the emailed code and lands on the client's page.
//
// Sign-in budget (30 code requests per address per 15 minutes, shared with the
// whole suite): this file asks for 6.
import type { Page } from "@playwright/test";
import { possessive } from "~/lib/words";
import { serviceDb, uniq } from "../support/stack";
import { seedStaff, seedTenant } from "../support/tenants";
import { emailFrame, expect, expectAccessible, expectEmailAccessible, signInWithCode, test, waitForEmails } from "./fixtures";

// A 1×1 PNG, made here rather than read from a fixture file.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `no horizontal scrolling on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** The client's card on the staff list, found by its heading. */
function clientCard(page: Page, name: string) {
  return page.getByRole("listitem").filter({
    has: page.getByRole("heading", { level: 2, name, exact: true }),
  });
}

async function clientsNamed(name: string) {
  const { data, error } = await serviceDb().from("clients").select("id, slug").eq("name", name);
  if (error) throw error;
  return data;
}

test("a staff member creates a client with a logo and sees its branded page (on a 360px phone)", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000); // five pages, each checked with axe
  await page.setViewportSize({ width: 360, height: 740 });
  const staff = await seedStaff("creator");
  const name = `Acme ${uniq("co")}`;
  const slug = uniq("acme").toLowerCase();

  await signInWithCode(page, staff.email);
  await expect(page).toHaveURL(/\/staff$/);
  await page.getByRole("link", { name: "New client" }).click();

  await expect(page).toHaveURL(/\/staff\/clients\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New client" })).toBeVisible();
  await expectAccessible(page);
  await expectNoSideways(page);
  await testInfo.attach("new-client form at 360px", {
    body: await page.screenshot({
      fullPage: true,
      path: testInfo.outputPath("new-client-360.png"),
    }),
    contentType: "image/png",
  });
  // The creator is suggested as project manager.
  await expect(page.getByLabel("Project manager")).toHaveValue(staff.id);

  await page.getByLabel("Client name").fill(name);
  await page.getByLabel("Page address").fill(slug);
  await page.getByLabel("Main colour").fill("#0f766e");
  await page.getByLabel("Accent colour").fill("#f97360");
  await page.getByLabel("Logo (optional)").setInputFiles({ name: "acme.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel("Welcome message (optional)").fill("Welcome aboard, Acme.");
  await page.getByLabel("Go-live date (optional)").fill("2027-03-01");
  await page.getByLabel("Service take-over date (optional)").fill("2027-03-15");
  await page.getByLabel("Success criteria (optional)").fill("95% of employees enrol online | enrolment report, week 2");
  await page.getByRole("button", { name: "Create client" }).click();

  // The form promised the team next (issue 14, defect 9): the admin lands there, then opens the client's page.
  await expect(page).toHaveURL(new RegExp(`/staff/clients/${slug}/team\\?created=1$`));
  await expect(page.getByRole("heading", { level: 1, name: `${name}: team and contacts` })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`${name} was created.`);
  await expect(page.getByRole("heading", { name: /invite/i })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: `${possessive(name)} page` }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}$`));
  const heading = page.getByRole("heading", { level: 1, name });
  await expect(heading).toBeVisible();
  await expect(page).toHaveTitle(`${name} · Onboarding portal`);
  const banner = heading.locator("xpath=ancestor::header[1]");
  await expect(banner).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await expect(banner).toHaveCSS("border-bottom-color", "rgb(249, 115, 96)");
  const logo = page.getByRole("img", { name: `${name} logo` });
  await expect(logo).toBeVisible();
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expect(page.getByText("Welcome aboard, Acme.")).toBeVisible();
  await expect(page.getByText("95% of employees enrol online")).toBeVisible();
  await expect(page.getByText("Measured by: enrolment report, week 2")).toBeVisible();
  await expectAccessible(page);
  await expectNoSideways(page);

  // The new client is on the creator's list, with its team page.
  await page.goto("/staff");
  await clientCard(page, name).getByRole("link", { name: "Team", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name}: team and contacts` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Our team" })).toContainText(staff.fullName);
  await expectAccessible(page);
  await expectNoSideways(page);
  await testInfo.attach("team page at 360px", {
    body: await page.screenshot({
      fullPage: true,
      path: testInfo.outputPath("team-360.png"),
    }),
    contentType: "image/png",
  });
});

test("a taken address is refused on its field, the form keeps what was typed, and nothing is saved", async ({
  page,
  consoleGuard,
}) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 400/);
  const [staff, taken] = await Promise.all([seedStaff("slugger"), seedTenant("taken")]);
  const name = `Copycat ${uniq("co")}`;

  await signInWithCode(page, staff.email);
  await page.goto("/staff/clients/new");
  await page.getByLabel("Client name").fill(name);
  await page.getByLabel("Page address").fill(taken.client.slug);
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Create client" }).click();

  expect((await answer).status()).toBe(400);
  await expect(page).toHaveURL(/\/staff\/clients\/new$/);
  const slugField = page.getByLabel("Page address");
  await expect(slugField).toHaveAttribute("aria-invalid", "true");
  await expect(slugField).toHaveAccessibleDescription(
    new RegExp(`The address "${taken.client.slug}" is already used by another client\\. Choose another\\.`),
  );
  await expect(page.getByLabel("Client name")).toHaveValue(name);
  await expectAccessible(page);
  expect(await clientsNamed(name)).toEqual([]);

  // A colour that is not #rrggbb (type=color cannot send one; a hand-made request can) is refused the same way.
  const forged = await page.request.post("/staff/clients/new", {
    headers: { Origin: new URL(page.url()).origin },
    multipart: {
      name,
      slug: uniq("forged").toLowerCase(),
      primaryColor: "red",
      accentColor: "#ffffff",
      projectManagerId: staff.id,
    },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(400);
  expect(await clientsNamed(name)).toEqual([]);
});

test("the PM invites a contact, who gets the email, signs in with the code and lands on the client's page", async ({
  page,
  consoleGuard,
  baseURL,
}) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of (400|403)/);
  const tenant = await seedTenant("welcome");
  const invitee = {
    fullName: "Dana Whitfield",
    email: `${uniq("dana")}@welcome.example`,
  };

  await signInWithCode(page, tenant.pm.email);
  await clientCard(page, tenant.client.name).getByRole("link", { name: "Team", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/clients/${tenant.client.slug}/team$`));
  await expectAccessible(page);

  const invite = page.getByRole("form", { name: "Invite a contact" });
  await invite.getByLabel("Full name").fill(invitee.fullName);
  await invite.getByLabel("Email address").fill(invitee.email);
  await invite.getByLabel("Their role").selectOption("approver");
  await invite.getByLabel("Job title (optional)").fill("HR Director");
  await invite.getByRole("button", { name: "Invite and email them" }).click();

  await expect(page.getByRole("status")).toHaveText(
    `${invitee.fullName} is invited. We emailed the invitation to ${invitee.email}.`,
  );
  await expect(page.getByRole("list", { name: "Client contacts" })).toContainText(invitee.email);
  await expect(invite.getByLabel("Email address")).toHaveValue("");
  await expectAccessible(page);

  // The same address again: a field error, nobody added.
  await invite.getByLabel("Full name").fill("Someone Else");
  await invite.getByLabel("Email address").fill(invitee.email);
  await invite.getByRole("button", { name: "Invite and email them" }).click();
  await expect(invite.getByLabel("Email address")).toHaveAccessibleDescription(
    "This email address already belongs to someone in the portal. Use another address, or ask an admin for help.",
  );
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);

  // The invitee reads the invitation in the mailbox (the outbox worker delivers it).
  await waitForEmails(invitee.email, 1);
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(invitee.email)}`);
  const messages = page.getByRole("table", { name: "Captured email" });
  await expect(messages.getByRole("link")).toHaveCount(1);
  await messages.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Your onboarding portal for ${tenant.client.name} with Harbor Benefits`,
  );
  await expectAccessible(page);
  await expectEmailAccessible(page);
  const email = emailFrame(page);
  await expect(email.getByText(`Hello ${invitee.fullName},`)).toBeVisible();
  await expect(email.getByText("Where we are:")).toBeVisible();
  await expect(email.getByText("Who is on your side:")).toBeVisible();
  await expect(email.getByText("What we need from you:")).toBeVisible();
  await expect(email.getByText(tenant.pm.fullName)).toBeVisible();
  await expect(email.getByRole("link", { name: tenant.pm.email })).toHaveAttribute("href", `mailto:${tenant.pm.email}`);

  // "Open your portal" leads to sign-in (a new tab, as from a mail client); the emailed code lets them in.
  const portalLink = email.getByRole("link", { name: "Open your portal" });
  await expect(portalLink).toHaveAttribute("href", `${baseURL}/login`);
  const popup = page
    .context()
    .waitForEvent("page", { timeout: 5_000 })
    .catch(() => null);
  const mailboxUrl = page.url();
  await portalLink.click();
  const portal = await Promise.race([
    popup,
    page.waitForURL((url) => url.href !== mailboxUrl, { timeout: 5_000 }).then(() => page),
  ]);
  if (!portal) throw new Error("Clicking Open your portal in the email went nowhere");
  await expect(portal).toHaveURL(/\/login$/);
  await signInWithCode(portal, invitee.email, { from: null });
  await expect(portal).toHaveURL(new RegExp(`/c/${tenant.client.slug}$`));
  await expect(portal.getByRole("heading", { level: 1, name: tenant.client.name })).toBeVisible();
  await expect(
    portal.getByRole("heading", {
      level: 2,
      name: `Welcome, ${invitee.fullName}`,
    }),
  ).toBeVisible();
  await expectAccessible(portal);

  // A contact never sees the staff pages.
  const staffPage = await portal.goto(`/staff/clients/${tenant.client.slug}/team`);
  expect(staffPage?.status()).toBe(403);
  await expect(portal.getByText(tenant.pm.email)).toHaveCount(0);
});

test("staff on the team who are not its PM see the team page read-only", async ({ page }) => {
  const tenant = await seedTenant("readonly");
  await signInWithCode(page, tenant.serviceTeam.email);
  await page.goto(`/staff/clients/${tenant.client.slug}/team`);

  await expect(
    page.getByRole("heading", {
      level: 1,
      name: `${tenant.client.name}: team and contacts`,
    }),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Our team" })).toContainText(tenant.pm.fullName);
  await expect(page.getByRole("list", { name: "Client contacts" })).toContainText(tenant.contacts.approver.email);
  await expect(
    page.getByText("Only the project manager (or an admin) can change it or invite contacts."),
  ).toBeVisible();
  await expect(page.getByRole("form")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await expectAccessible(page);

  // Refused on the server too, not only hidden.
  const forced = await page.request.post(`/staff/clients/${tenant.client.slug}/team`, {
    headers: { Origin: new URL(page.url()).origin },
    form: {
      intent: "invite-contact",
      fullName: "Sneaky",
      email: `${uniq("sneaky")}@test.example`,
      role: "viewer",
    },
  });
  expect(forced.status()).toBe(403);
});

test("without JavaScript the new-client form validates on the server, keeps what was typed, and creates the client with its logo", async ({
  page,
  browser,
  consoleGuard,
}) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 400/);
  const staff = await seedStaff("nojs");
  const name = `Plain ${uniq("co")}`;
  const derivedSlug = name.toLowerCase().replace(/ /g, "-");
  await signInWithCode(page, staff.email);
  // The same session in a browser with JavaScript turned off (axe needs scripts, so it runs on the JS pages above).
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  consoleGuard.watch(noScript);
  try {
    const plain = await noScript.newPage();
    await plain.goto("/staff/clients/new");
    await plain.getByLabel("Client name").fill(name);
    await plain.getByLabel("Go-live date (optional)").fill("2027-03-15");
    await plain.getByLabel("Service take-over date (optional)").fill("2027-03-01");
    await plain.getByRole("button", { name: "Create client" }).click();

    await expect(plain).toHaveURL(/\/staff\/clients\/new$/);
    const takeover = plain.getByLabel("Service take-over date (optional)");
    await expect(takeover).toHaveAttribute("aria-invalid", "true");
    await expect(takeover).toHaveAccessibleDescription(/The service team cannot take over before go-live\./);
    await expect(plain.getByLabel("Client name")).toHaveValue(name);
    expect(await clientsNamed(name)).toEqual([]);

    await takeover.fill("2027-04-01");
    await plain.getByLabel("Logo (optional)").setInputFiles({ name: "plain.png", mimeType: "image/png", buffer: PNG });
    await plain.getByRole("button", { name: "Create client" }).click();

    // The address was made from the name; the team page comes next, then the client's page.
    await expect(plain).toHaveURL(new RegExp(`/staff/clients/${derivedSlug}/team\\?created=1$`));
    await plain.goto(`/c/${derivedSlug}`);
    await expect(plain.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(plain.getByRole("img", { name: `${name} logo` })).toBeVisible();
  } finally {
    await noScript.close();
  }
});

test("the PM changes the welcome text and main colour in the client's settings, and the client's page shows them", async ({
  page,
  consoleGuard,
}, testInfo) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of (400|403)/);
  await page.setViewportSize({ width: 360, height: 740 });
  const tenant = await seedTenant("settings");

  await signInWithCode(page, tenant.pm.email);
  await clientCard(page, tenant.client.name).getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/clients/${tenant.client.slug}/settings$`));
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: `${tenant.client.name}: settings`,
    }),
  ).toBeVisible();
  // The address is shown, not editable.
  await expect(page.getByRole("link", { name: `/c/${tenant.client.slug}` })).toBeVisible();
  await expect(page.getByLabel("Page address")).toHaveCount(0);
  await expect(page.getByLabel("Main colour")).toHaveValue("#123456");
  await expectAccessible(page);
  await expectNoSideways(page);
  await testInfo.attach("settings page at 360px", {
    body: await page.screenshot({
      fullPage: true,
      path: testInfo.outputPath("settings-360.png"),
    }),
    contentType: "image/png",
  });

  // Take-over before go-live: refused on its field, nothing saved.
  await page.getByLabel("Go-live date (optional)").fill("2027-03-15");
  await page.getByLabel("Service take-over date (optional)").fill("2027-03-01");
  await page.getByRole("button", { name: "Save settings" }).click();
  const takeover = page.getByLabel("Service take-over date (optional)");
  await expect(takeover).toHaveAttribute("aria-invalid", "true");
  await expect(takeover).toHaveAccessibleDescription(/The service team cannot take over before go-live\./);
  await takeover.fill("2027-04-01");

  await page.getByLabel("Welcome message (optional)").fill("Hello again, your go-live is close.");
  await page.getByLabel("Main colour").fill("#0f766e");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText(`The settings of ${tenant.client.name} are saved.`);
  await expect(page.getByLabel("Main colour")).toHaveValue("#0f766e");
  await expectAccessible(page);

  await page.getByRole("link", { name: `See ${tenant.client.name}'s page` }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${tenant.client.slug}$`));
  const heading = page.getByRole("heading", {
    level: 1,
    name: tenant.client.name,
  });
  await expect(heading).toBeVisible();
  await expect(heading.locator("xpath=ancestor::header[1]")).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await expect(page.getByText("Hello again, your go-live is close.")).toBeVisible();

  // A colour that is not #rrggbb (a hand-made request) is refused, and nothing changes.
  const origin = new URL(page.url()).origin;
  const forged = await page.request.post(`/staff/clients/${tenant.client.slug}/settings`, {
    headers: { Origin: origin },
    multipart: {
      name: tenant.client.name,
      primaryColor: "red",
      accentColor: "#ffffff",
    },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(400);
  const { data: row } = await serviceDb()
    .from("clients")
    .select("primary_color, welcome_text, go_live_date, service_takeover_date")
    .eq("id", tenant.client.id)
    .single();
  expect(row).toEqual({
    primary_color: "#0f766e",
    welcome_text: "Hello again, your go-live is close.",
    go_live_date: "2027-03-15",
    service_takeover_date: "2027-04-01",
  });
});
