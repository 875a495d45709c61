// Shared pieces of the end-to-end suite:
// - `test`: Playwright's test whose page (and every page of its browser
//   context) fails the test on an unexpected console error or uncaught page
//   error. A test that expects one (the browser logs "Failed to load resource"
//   for a 404 or 429 response) declares it with `consoleGuard.allow(...)`.
// - `expectAccessible(page)`: axe-core (WCAG 2.0/2.1 A and AA), no violations.
// - Mailbox helpers that read the sign-in email the way a person does: in the
//   local mailbox at /dev/mailbox, never from the database.
import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page, type TestInfo } from "@playwright/test";

export { expect };

export type ConsoleGuard = {
  /** Accept console errors matching this pattern (the text includes " @ <url>" of the source). */
  allow(pattern: RegExp): void;
  /** Also watch a context the test created itself (browser.newContext()). */
  watch(context: BrowserContext): void;
};

const runSalt = randomBytes(8).toString("hex");

/**
 * Each test is a different person on a different network: its browser context
 * sends its own client address in X-Forwarded-For (the web server runs with
 * TRUST_PROXY=loopback, see playwright.config.ts). Without this, every test
 * would share localhost's 30 code requests per 15 minutes and the suite would
 * fail with 429s as it grows.
 */
export function testClientIp(testInfo: Pick<TestInfo, "testId" | "retry" | "repeatEachIndex">): string {
  const [a, b, c] = createHash("sha256")
    .update(`${runSalt}:${testInfo.testId}:${testInfo.retry}:${testInfo.repeatEachIndex}`)
    .digest();
  return `10.${a}.${b}.${c}`;
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide, testInfo) => {
    await provide({ ...extraHTTPHeaders, "X-Forwarded-For": testClientIp(testInfo) });
  },
  consoleGuard: async ({ context }, provide) => {
    // The mailbox shows each email in an iframe sandboxed without scripts. Playwright's
    // tracing (and axe) try to evaluate in it, and Chromium logs that it blocked them:
    // the sandbox working, not an error of the app.
    const allowed: RegExp[] = [
      /^console\.error: Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/,
    ];
    const problems: string[] = [];
    const watched = new WeakSet<BrowserContext>();
    const guard: ConsoleGuard = {
      allow: (pattern) => void allowed.push(pattern),
      watch(target) {
        if (watched.has(target)) return;
        watched.add(target);
        target.on("console", (message) => {
          if (message.type() !== "error") return;
          const where = message.location().url || message.page()?.url() || "unknown page";
          problems.push(`console.error: ${message.text()} @ ${where}`);
        });
        target.on("weberror", (webError) => {
          problems.push(
            `uncaught page error: ${webError.error().message} @ ${webError.page()?.url() ?? "unknown page"}`,
          );
        });
      },
    };
    guard.watch(context);
    await provide(guard);
    const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
    expect(unexpected, "unexpected console errors or uncaught page errors").toEqual([]);
  },
  page: async ({ page, consoleGuard }, provide) => {
    consoleGuard.watch(page.context());
    await provide(page);
  },
});

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe on the page as it is now; any violation fails the test with a readable list.
 * The mailbox's email frame is sandboxed without scripts, so axe cannot run inside it:
 * it is left out here and the email itself is checked by `expectEmailAccessible`.
 */
export async function expectAccessible(page: Page, { disableRules = [] as string[] } = {}) {
  await page.waitForLoadState("load");
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .exclude("iframe[sandbox]")
    .disableRules(disableRules)
    .analyze();
  const report = violations.map(
    (v) =>
      `${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
      v.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ")}`).join("\n"),
  );
  expect(report, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Checks the rendered email in the mailbox message page, loaded on its own in a scratch tab. */
export async function expectEmailAccessible(page: Page) {
  const html = await page.getByTitle(/^Email: /).getAttribute("srcdoc");
  expect(html, "the message page shows the rendered email").toBeTruthy();
  const scratch = await page.context().newPage();
  try {
    await scratch.setContent(html!, { waitUntil: "load" });
    // An email is not a page: its "title" is the subject, which the mailbox shows
    // as the heading and as the frame's title. Every other rule applies.
    await expectAccessible(scratch, { disableRules: ["document-title"] });
  } finally {
    await scratch.close();
  }
}

/**
 * Opens the local mailbox filtered to `email` and then its newest message (whose
 * subject must match `subject` when given), checking the pages and the email with axe.
 */
export async function openNewestEmail(
  page: Page,
  email: string,
  { subject, audit = true }: { subject?: string | RegExp; audit?: boolean } = {},
) {
  // An email that follows a change is queued with it and delivered by the outbox worker a
  // moment later (ADR 0008): wait until it has arrived, then open the mailbox.
  await expect
    .poll(() => newestSubject(email), { message: `an email to ${email}${subject ? ` with subject ${subject}` : ""}`, timeout: 30_000 })
    .toMatch(subject ?? /./);
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Local mailbox" })).toBeVisible();
  if (audit) await expectAccessible(page);
  const messages = page.getByRole("table", { name: "Captured email" });
  // Newest first: the first body row (row 0 is the header row).
  const newest = messages.getByRole("row").nth(1);
  await expect(newest).toContainText(email);
  await newest.getByRole("link").click();
  await expect(page).toHaveURL(/\/dev\/mailbox\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  if (subject) await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  if (audit) {
    await expectAccessible(page);
    await expectEmailAccessible(page);
  }
}

/**
 * Like openNewestEmail, but opens the newest message to `email` with this subject: for a
 * change that sends the same person more than one email at once (their order is not fixed).
 */
export async function openNewestEmailWithSubject(page: Page, email: string, subject: string) {
  const row = page.getByRole("table", { name: "Captured email" }).getByRole("row").filter({ hasText: subject }).first();
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(row).toContainText(email);
  await expectAccessible(page);
  await row.getByRole("link", { name: subject }).click();
  await expect(page).toHaveURL(/\/dev\/mailbox\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expectAccessible(page);
  await expectEmailAccessible(page);
}

const SIGN_IN_SUBJECT = /^Your .+ sign-in code$/;

/** The subject of the newest email to `email` in the local mailbox ("" when there is none). */
async function newestSubject(email: string): Promise<string> {
  const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  return ((await res.json()) as { data: { subject: string }[] }).data[0]?.subject ?? "";
}

/** Waits until the local mailbox holds `count` emails to `email` (the outbox worker delivers them a moment after the change). */
export async function waitForEmails(email: string, count: number) {
  await expect.poll(() => mailCount(email), { message: `${count} email(s) to ${email}`, timeout: 30_000 }).toBe(count);
}

/**
 * The sign-in pages, the mailbox and the sign-in email are checked with axe by the
 * sign-in spec, which passes `audit: true`. Every other test signs people in many
 * times over; running axe five times per sign-in there would check the same pages
 * again and make the suite minutes slower.
 */
type Audit = { audit?: boolean };

/**
 * The app answers a code request first and sends the email after (so known and
 * unknown emails look alike). requestCode notes how many emails the address had;
 * reading the code waits until the new one has arrived.
 */
const emailsBeforeRequest = new Map<string, number>();
async function mailCount(email: string): Promise<number> {
  const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  return ((await res.json()) as { data: unknown[] }).data.length;
}
async function waitForRequestedEmail(email: string) {
  const before = emailsBeforeRequest.get(email);
  if (before === undefined) return;
  await expect.poll(() => mailCount(email)).toBeGreaterThan(before);
  emailsBeforeRequest.delete(email);
}

/** The rendered email, inside the mailbox message page. */
export function emailFrame(page: Page) {
  return page.getByTitle(/^Email: /).contentFrame();
}

/**
 * Reads the sign-in code from the newest email for `email` in a second tab of
 * the same browser (as a person switching to their mail), and closes that tab.
 * The code is read from the rendered email and checked against the plain-text version.
 */
export async function readSignInCode(page: Page, email: string, { audit = false }: Audit = {}): Promise<string> {
  await waitForRequestedEmail(email);
  const mailTab = await page.context().newPage();
  try {
    await openNewestEmail(mailTab, email, { subject: SIGN_IN_SUBJECT, audit });
    const fromHtml =
      (
        await emailFrame(mailTab)
          .getByText(/^\s*\d{6}\s*$/)
          .textContent()
      )?.trim() ?? "";
    expect(fromHtml, "the rendered email shows a 6-digit code").toMatch(/^\d{6}$/);

    await mailTab.getByText("Plain-text version").click();
    const plainText = mailTab.getByRole("group").filter({ hasText: "Plain-text version" });
    await expect(plainText).toContainText(fromHtml);
    return fromHtml;
  } finally {
    await mailTab.close();
  }
}

/**
 * Opens the newest email for `email` in `page` and clicks its "Sign in" button
 * inside the rendered email. Returns the page the link opened in (the same
 * page, or a new tab if the email opens links in one).
 */
export async function followSignInLink(page: Page, email: string, { audit = false }: Audit = {}): Promise<Page> {
  await waitForRequestedEmail(email);
  await openNewestEmail(page, email, { subject: SIGN_IN_SUBJECT, audit });
  const link = emailFrame(page).getByRole("link", { name: "Sign in" });
  await expect(link).toHaveAttribute("href", /\/magic-link\?code=\d{6}$/);
  const popup = page.waitForEvent("popup", { timeout: 5_000 }).catch(() => null);
  const mailboxUrl = page.url();
  await link.click();
  const opened = await Promise.race([
    popup,
    page.waitForURL((url) => url.href !== mailboxUrl, { timeout: 5_000 }).then(() => page),
  ]);
  if (!opened) throw new Error("Clicking the email's Sign in link went nowhere");
  await opened.waitForLoadState("load");
  return opened;
}

/**
 * Step 1 of sign-in: ask for a code on /login and arrive on /verify. `from: null`
 * when the page is already on /login (for example after a redirect there).
 */
export async function requestCode(
  page: Page,
  email: string,
  { from = "/login" as string | null, audit = false }: { from?: string | null } & Audit = {},
) {
  emailsBeforeRequest.set(email, await mailCount(email));
  if (from) await page.goto(from);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  if (audit) await expectAccessible(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  if (audit) await expectAccessible(page);
}

/** Step 2: type a code on /verify and submit it. */
export async function submitCode(page: Page, code: string) {
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The whole sign-in with the emailed code. Leaves the page wherever the app sends the person. */
export async function signInWithCode(page: Page, email: string, options: { from?: string | null } & Audit = {}) {
  await requestCode(page, email, options);
  const code = await readSignInCode(page, email, options);
  await submitCode(page, code);
  await expect(page).not.toHaveURL(/\/(verify|login)(\?|$)/);
}
