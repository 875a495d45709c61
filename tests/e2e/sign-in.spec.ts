// Passwordless sign-in, end to end: the code and the link from the email (read
// in the local mailbox, as a person would), where people land, and the ways
// sign-in must refuse. Every test seeds its own people (unique emails), so the
// per-email limits and parallel workers never collide.
//
// Each test also has its own client address (see testClientIp in fixtures.ts), so
// the per-address limit (30 code requests per 15 minutes) is per test too.
import { SIGN_IN_LIMITS } from "~/lib/auth/schema";
import { seedPerson, seedTenant, type Tenant } from "../support/tenants";
import {
  expect,
  expectAccessible,
  followSignInLink,
  readSignInCode,
  requestCode,
  signInWithCode,
  submitCode,
  test,
} from "./fixtures";

const loginRedirectFor = (path: string) => new RegExp(`/login\\?redirectTo=${encodeURIComponent(path)}$`);

async function expectClientPage(page: import("@playwright/test").Page, tenant: Tenant) {
  await expect(page).toHaveURL(new RegExp(`/c/${tenant.client.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: tenant.client.name })).toBeVisible();
  await expect(page).toHaveTitle(`${tenant.client.name} · Onboarding portal`);
}

test.describe("signing in", () => {
  test("a client contact signs in with the emailed code and lands on their client's page", async ({ page }) => {
    const tenant = await seedTenant("acme");
    const contact = tenant.contacts.approver;

    // The whole flow is checked with axe here: /login, /verify, the mailbox and the email.
    await signInWithCode(page, contact.email, { audit: true });

    await expectClientPage(page, tenant);
    await expect(page.getByRole("heading", { level: 2, name: `Welcome, ${contact.fullName}` })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Account" })).toContainText(contact.email);
    await expectAccessible(page);
  });

  test("a project manager signs in and lands on the staff page listing their client", async ({ page }) => {
    const tenant = await seedTenant("pmco");
    const other = await seedTenant("notmine");

    await signInWithCode(page, tenant.pm.email);

    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your clients" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${tenant.pm.fullName}.`)).toBeVisible();
    const clientLink = page.getByRole("link", { name: tenant.client.name, exact: true });
    const card = page.getByRole("listitem").filter({ has: clientLink });
    await expect(card).toContainText(`Project manager: ${tenant.pm.fullName}`);
    await expect(page.getByText(other.client.name)).toHaveCount(0);
    await expectAccessible(page);

    await card.getByRole("link", { name: tenant.client.name, exact: true }).click();
    await expectClientPage(page, tenant);
    await expectAccessible(page);
  });

  test("the Sign in link in the email signs the person in", async ({ page }) => {
    const tenant = await seedTenant("magic");
    const contact = tenant.contacts.viewer;

    await requestCode(page, contact.email, { audit: true });
    const landed = await followSignInLink(page, contact.email, { audit: true });

    await expectClientPage(landed, tenant);
    await expect(landed.getByRole("heading", { level: 2, name: `Welcome, ${contact.fullName}` })).toBeVisible();
    await expectAccessible(landed);
  });

  test("a page opened while signed out is where the person lands after signing in", async ({ page }) => {
    // A project manager's own home is /staff, so landing on the client page proves redirectTo was used.
    const tenant = await seedTenant("back");
    const target = `/c/${tenant.client.slug}`;

    await page.goto(target);
    await expect(page).toHaveURL(loginRedirectFor(target));
    await signInWithCode(page, tenant.pm.email, { from: null });

    await expectClientPage(page, tenant);
    await expect(page.getByRole("heading", { level: 2, name: "Welcome message" })).toBeVisible();
  });

  test("signing out ends the session", async ({ page }) => {
    const tenant = await seedTenant("bye");
    const contact = tenant.contacts.decision_maker;
    await signInWithCode(page, contact.email);
    await expectClientPage(page, tenant);

    await page.getByRole("button", { name: "Sign out" }).click();

    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expect(page.getByRole("status")).toHaveText("You are signed out.");
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await expectAccessible(page);

    const target = `/c/${tenant.client.slug}`;
    await page.goto(target);
    await expect(page).toHaveURL(loginRedirectFor(target));
    await expect(page.getByText(tenant.client.name)).toHaveCount(0);
  });

  test("a copy of the session cookie taken before signing out stops working", async ({
    page,
    browser,
    consoleGuard,
  }) => {
    // Sign-out revokes the server-side session (public.auth_sessions), so a copied cookie is dead too.
    const tenant = await seedTenant("stolen");
    await signInWithCode(page, tenant.contacts.viewer.email);
    await expectClientPage(page, tenant);
    const signedIn = await page.context().storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);

    const copy = await browser.newContext({ storageState: signedIn });
    consoleGuard.watch(copy);
    try {
      const other = await copy.newPage();
      const target = `/c/${tenant.client.slug}`;
      await other.goto(target);
      await expect(other).toHaveURL(loginRedirectFor(target), { timeout: 2_000 });
    } finally {
      await copy.close();
    }
  });
});

test.describe("sign-in refuses", () => {
  test("a wrong code, with a visible message, and the person stays signed out", async ({ page }) => {
    const tenant = await seedTenant("wrong");
    const contact = tenant.contacts.approver;
    await requestCode(page, contact.email);
    const code = await readSignInCode(page, contact.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");

    await submitCode(page, wrong);

    await expect(page).toHaveURL(/\/verify$/);
    await expect(page.getByRole("alert")).toHaveText("That code is not right. Check the email and try again.");
    await expectAccessible(page);
    const target = `/c/${tenant.client.slug}`;
    await page.goto(target);
    await expect(page).toHaveURL(loginRedirectFor(target));

    // One typo does not burn the code: the right one still works.
    await page.goto("/verify");
    await submitCode(page, code);
    await expectClientPage(page, tenant);
  });

  test("a code that was already used, even with the cookies from before it was used", async ({
    page,
    browser,
    consoleGuard,
  }) => {
    const tenant = await seedTenant("replay");
    const contact = tenant.contacts.viewer;
    await requestCode(page, contact.email);
    const beforeVerifying = await page.context().storageState();
    const code = await readSignInCode(page, contact.email);
    await submitCode(page, code);
    await expectClientPage(page, tenant);

    // An attacker who copied the cookies before the code was used replays both.
    const replay = await browser.newContext({ storageState: beforeVerifying });
    consoleGuard.watch(replay);
    try {
      const attacker = await replay.newPage();
      await attacker.goto("/verify");
      await expect(attacker.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
      await submitCode(attacker, code);

      await expect(attacker).toHaveURL(/\/verify$/);
      await expect(attacker.getByRole("alert")).toHaveText("That code was already used. Request a new one.");
      await expectAccessible(attacker);
      const target = `/c/${tenant.client.slug}`;
      await attacker.goto(target);
      await expect(attacker).toHaveURL(loginRedirectFor(target));
    } finally {
      await replay.close();
    }
  });

  test("another client's page: a contact of client B gets a 404 and nothing of client A", async ({
    page,
    consoleGuard,
  }) => {
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
    const [tenantA, tenantB] = await Promise.all([seedTenant("alpha"), seedTenant("bravo")]);
    await signInWithCode(page, tenantB.contacts.approver.email);
    await expectClientPage(page, tenantB);

    const response = await page.goto(`/c/${tenantA.client.slug}`);

    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
    await expect(page.getByText("The page does not exist, or you do not have access to it.")).toBeVisible();
    await expect(page).toHaveTitle("Not found · Onboarding portal");
    const html = await page.content();
    for (const secret of [
      tenantA.client.name,
      tenantA.client.id,
      tenantA.pm.fullName,
      tenantA.contacts.approver.email,
    ]) {
      expect(html, "client A's data must not appear on the 404 page").not.toContain(secret);
    }
    await expectAccessible(page);
    const forbiddenAnswer = await page.getByRole("main").innerText();

    // The same answer as for a page that does not exist at all.
    const missing = await page.goto(`/c/${tenantA.client.slug}-does-not-exist`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole("main").innerText()).toBe(forbiddenAnswer);
  });

  test("an unknown email gets the same answer as a known one, and no email is sent", async ({ page }) => {
    const known = await seedPerson("known");
    const unknown = `nobody-${crypto.randomUUID().slice(0, 8)}@test.example`;

    await requestCode(page, known.email);
    const knownAnswer = (await page.getByRole("main").innerText()).replace(known.email, "<email>");
    await requestCode(page, unknown);
    const unknownAnswer = (await page.getByRole("main").innerText()).replace(unknown, "<email>");

    expect(unknownAnswer).toBe(knownAnswer);
    await expect(page.getByRole("status")).toContainText(`If ${unknown} belongs to an account`);

    await page.goto(`/dev/mailbox?to=${encodeURIComponent(unknown)}`);
    await expect(page.getByText(`No email yet for ${unknown}.`)).toBeVisible();
    await expect(page.getByRole("table", { name: "Captured email" })).toHaveCount(0);
    await expectAccessible(page);
    // The check above can fail: the known address did get its email.
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(known.email)}`);
    await expect(page.getByRole("table", { name: "Captured email" }).getByRole("link")).toHaveCount(1);
  });

  test("a POST from another origin gets 403 and sends nothing", async ({ page, baseURL }) => {
    const tenant = await seedTenant("csrf");
    const email = tenant.contacts.approver.email;

    const forged = await page.request.post("/login", {
      headers: { Origin: "http://evil.example" },
      form: { email },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toBe("Cross-origin requests cannot change anything here.");
    const forgedLogout = await page.request.post("/logout", {
      headers: { Origin: "http://evil.example" },
      maxRedirects: 0,
    });
    expect(forgedLogout.status()).toBe(403);

    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByText(`No email yet for ${email}.`)).toBeVisible();

    // Control: the same request from our own origin goes through.
    const own = await page.request.post("/login", { headers: { Origin: baseURL! }, form: { email }, maxRedirects: 0 });
    expect(own.status()).toBe(302);
    expect(own.headers()["location"]).toBe("/verify");
  });

  test(`more than ${SIGN_IN_LIMITS.codesPerEmail} code requests for one email: a rate-limit message and HTTP 429`, async ({
    page,
    consoleGuard,
  }) => {
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 429/);
    const tenant = await seedTenant("flood");
    const email = tenant.contacts.viewer.email;
    for (let i = 0; i < SIGN_IN_LIMITS.codesPerEmail; i++) await requestCode(page, email);

    await page.goto("/login");
    await page.getByLabel("Email address").fill(email);
    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login"),
    );
    await page.getByRole("button", { name: "Email me a code" }).click();

    expect((await answer).status()).toBe(429);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("alert")).toHaveText(
      `Too many codes were requested. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then try again.`,
    );
    await expectAccessible(page);

    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByRole("table", { name: "Captured email" }).getByRole("link")).toHaveCount(
      SIGN_IN_LIMITS.codesPerEmail,
    );
  });
});

test("the client page fits a 360px-wide phone", async ({ page }, testInfo) => {
  const tenant = await seedTenant("phone");
  await page.setViewportSize({ width: 360, height: 740 });
  await signInWithCode(page, tenant.contacts.approver.email);
  await expectClientPage(page, tenant);

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no horizontal scrolling at 360px").toBeLessThanOrEqual(0);
  await expectAccessible(page);
  const screenshot = await page.screenshot({ fullPage: true, path: testInfo.outputPath("client-page-360.png") });
  await testInfo.attach("client page at 360px", { body: screenshot, contentType: "image/png" });
});
