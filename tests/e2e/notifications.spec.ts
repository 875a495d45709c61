// Notifications and digests, end to end (issue 9): a contact chooses their
// emails on the preferences page (without JavaScript, with field errors); the
// PM posts an update that needs a decision; the approver is emailed (the
// mailbox) and sees it on the page; the decision maker's digest preview shows
// it to staff; the approver unsubscribes from the email's link without signing in.
import { readRow } from "../support/attack";
import { serviceDb } from "../support/stack";
import { seedTenant } from "../support/tenants";
import { emailFrame, expect, expectAccessible, openNewestEmail, signInWithCode, test } from "./fixtures";

const subjectsFor = async (email: string): Promise<string[]> => {
  const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  return ((await res.json()) as { data: { subject: string }[] }).data.map((m) => m.subject);
};

test("preferences, an update's email, the digest preview and a one-click unsubscribe", async ({ page, browser, consoleGuard }) => {
  // Four sign-ins, each checked with axe: slow on a shared machine.
  test.setTimeout(600_000);
  const a = await seedTenant("notify");
  const { approver, viewer } = a.contacts;

  consoleGuard.allow(/Failed to load resource: the server responded with a status of 400/);
  // The viewer finds the preferences page from their client page.
  const viewerContext = await browser.newContext();
  consoleGuard.watch(viewerContext);
  const signedIn = await viewerContext.newPage();
  await signInWithCode(signedIn, viewer.email);
  await signedIn.goto(`/c/${a.client.slug}`);
  await signedIn.getByRole("link", { name: "your email preferences" }).click();
  await expect(signedIn.getByRole("heading", { level: 1, name: "Your email preferences" })).toBeVisible();
  await expectAccessible(signedIn);

  // They choose with JavaScript off (axe needs scripts, so it ran above): a digest-only kind without a digest is refused beside the field.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await viewerContext.storageState() });
  consoleGuard.watch(noJs);
  const vp = await noJs.newPage();
  await vp.goto(`/c/${a.client.slug}/preferences`);
  await expect(vp.getByRole("heading", { level: 1, name: "Your email preferences" })).toBeVisible();
  const updates = vp.getByRole("group", { name: "Updates from your project team" });
  await expect(updates.getByLabel("At once")).toBeChecked();
  await updates.getByLabel("In the digest only").check();
  await vp.getByRole("group", { name: "How often" }).getByLabel("Never").check();
  await vp.getByRole("button", { name: "Save my preferences" }).click();
  await expect(vp.getByRole("group", { name: "How often" })).toContainText("choose how often the digest comes");
  await expect(updates.getByLabel("In the digest only")).toBeChecked();
  await vp.getByRole("group", { name: "How often" }).getByLabel("Weekly").check();
  await vp.getByLabel("Day (for a weekly digest)").selectOption({ label: "Friday" });
  await vp.getByLabel("Your time zone").selectOption("Europe/London");
  await vp.getByRole("button", { name: "Save my preferences" }).click();
  await expect(vp.getByRole("status")).toHaveText("Your preferences are saved.");
  expect(await readRow("digest_settings", { client_id: a.client.id, person_id: viewer.id })).toMatchObject({
    frequency: "weekly",
    weekday: 5,
    time_zone: "Europe/London",
  });
  await noJs.close();
  await viewerContext.close();

  // The PM posts an update asking the approver for a decision.
  await signInWithCode(page, a.pm.email);
  await page.goto(`/staff/clients/${a.client.slug}/updates`);
  const post = page.getByRole("form", { name: "Post an update" });
  await post.getByLabel("Title").fill("Choose the enrolment window");
  await post.getByLabel("Update (Markdown)").fill("Two weeks (our advice) or three weeks?");
  await post.getByLabel("A decision is needed from the client").check();
  await post.getByLabel("Decision needed by").fill("2027-01-15");
  await post.getByLabel("Asked of").selectOption({ label: `${approver.fullName} (approver)` });
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("article", { name: /Choose the enrolment window/ })).toBeVisible();

  // The approver gets it at once (their role's default), in a browser that is not signed in, with an unsubscribe link.
  const subject = `Decision needed: Choose the enrolment window (${a.client.name})`;
  await expect.poll(() => subjectsFor(approver.email), { timeout: 30_000 }).toContain(subject);
  const stranger = await browser.newContext();
  consoleGuard.watch(stranger);
  const mail = await stranger.newPage();
  await openNewestEmail(mail, approver.email, { subject });
  await expect(emailFrame(mail).getByText(/^You get this because/)).toContainText(`${a.pm.fullName} posted an update`);
  await expect(emailFrame(mail).getByRole("link", { name: "your email preferences" })).toHaveAttribute("href", new RegExp(`/c/${a.client.slug}/preferences$`));
  const href = await emailFrame(mail).getByRole("link", { name: "Unsubscribe from these emails" }).getAttribute("href");
  expect(href).toMatch(/\/unsubscribe\/[A-Za-z0-9._-]+$/);

  // ...and sees it on their page.
  const contact = await browser.newContext();
  consoleGuard.watch(contact);
  const cp = await contact.newPage();
  await signInWithCode(cp, approver.email);
  await cp.goto(`/c/${a.client.slug}`);
  await expect(cp.getByRole("article", { name: /Choose the enrolment window/ })).toBeVisible();
  await contact.close();

  // Staff preview the decision maker's next digest: it holds the update, exactly as it would be sent.
  await page.goto(`/staff/clients/${a.client.slug}/digest`);
  await expect(page.getByRole("heading", { level: 1, name: `Next digest: ${a.client.name}` })).toBeVisible();
  await expect(page.getByText(`${a.contacts.decision_maker.fullName} gets it weekly on Monday at 08:00 (UTC) (the default for their role).`)).toBeVisible();
  const digest = page.getByTitle(`Digest for ${a.contacts.decision_maker.fullName}`).contentFrame();
  await expect(digest.getByText(/^You get this because/)).toBeVisible();
  await expect(digest.getByRole("link", { name: "Choose the enrolment window" })).toBeVisible();
  await expect(digest.getByRole("link", { name: "your email preferences" })).toHaveAttribute("href", new RegExp(`/c/${a.client.slug}/preferences$`));
  await expectAccessible(page);

  // The approver unsubscribes from updates with the email's link, without signing in.
  await mail.goto(new URL(href!).pathname);
  await expect(mail.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await expectAccessible(mail);
  // Opening the link (as a mail scanner would) changed nothing.
  expect(await readRow("notification_preferences", { client_id: a.client.id, person_id: approver.id, kind: "updates" })).toBeNull();
  await mail.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(mail.getByRole("status")).toHaveText("You are unsubscribed.");
  expect(await readRow("notification_preferences", { client_id: a.client.id, person_id: approver.id, kind: "updates" })).toMatchObject({ delivery: "never" });
  // A mail client's one-click unsubscribe: POST "List-Unsubscribe=One-Click" to the email's List-Unsubscribe header.
  await serviceDb().from("notification_preferences").delete().match({ client_id: a.client.id, person_id: approver.id });
  const stored = (await (await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(approver.email)}`)).json()) as {
    data: { subject: string; headers?: Record<string, string> }[];
  };
  const headers = stored.data.find((m) => m.subject === subject)!.headers!;
  expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  expect(headers["List-Unsubscribe"]).toBe(`<${href}>`);
  const oneClick = await mail.request.post(new URL(href!).pathname, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  expect(await readRow("notification_preferences", { client_id: a.client.id, person_id: approver.id, kind: "updates" })).toMatchObject({ delivery: "never" });
  // An altered link does nothing.
  const altered = await mail.request.post(new URL(href!).pathname.replace(/.$/, (c) => (c === "A" ? "B" : "A")), {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(altered.status()).toBe(404);
  await stranger.close();
});
