// The feedback pulse end to end (issue 10): the PM asks; the contact's email (read
// from the local mailbox) carries five score links; a mail scanner fetching a link
// records nothing; the contact, not signed in, confirms a 2 and adds a comment; a
// dissatisfier opens and the PM's email arrives; the chart shows the answer. The
// contact raises a concern (an empty one is refused beside its field); the PM
// resolves it with triage notes and a shared resolution; the contact sees the
// resolution under "You told us, we did", never the notes.
import { serviceDb } from "../support/stack";
import { seedTenant } from "../support/tenants";
import { emailFrame, expect, expectAccessible, openNewestEmail, signInWithCode, test } from "./fixtures";

/** Waits until the local mailbox holds an email to `to` with this subject (the worker delivers it after the change). */
async function waitForEmail(to: string, subject: string) {
  await expect
    .poll(
      async () => {
        const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(to)}`);
        const { data } = (await res.json()) as { data: { subject: string }[] };
        return data.some((m) => m.subject === subject);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

const answersOf = async (clientId: string) => {
  const { data, error } = await serviceDb().from("pulse_answers").select("score, comment").eq("client_id", clientId);
  if (error) throw new Error(error.message);
  return data;
};

test("a 2 from the email link opens a dissatisfier, a concern opens one, and the resolution reaches the contact without the notes", async ({
  page,
  browser,
  consoleGuard,
}) => {
  test.setTimeout(540_000);
  const a = await seedTenant("pulse-e2e");
  const approver = a.contacts.approver;
  const feedbackUrl = `/staff/clients/${a.client.slug}/feedback`;

  // The PM asks for a pulse: every contact is asked.
  await signInWithCode(page, a.pm.email);
  await page.goto(feedbackUrl);
  await expect(page.getByRole("heading", { level: 1, name: `Feedback: ${a.client.name}` })).toBeVisible();
  await expect(page.getByText("No answers yet: the chart starts with the first answer.")).toBeVisible();
  await page.getByRole("button", { name: "Ask for a pulse now" }).click();
  await expect(page.getByText("Asked 3 contacts.", { exact: true })).toBeVisible();
  // Asked again at once: nobody is asked twice in 7 days.
  await page.getByRole("button", { name: "Ask for a pulse now" }).click();
  await expect(page.getByText("Nobody was asked: 3 contacts were asked in the last 7 days and not asked again.", { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The contact's email (in their own browser, not signed in): five score links.
  const contactContext = await browser.newContext();
  consoleGuard.watch(contactContext);
  const mail = await contactContext.newPage();
  await waitForEmail(approver.email, `${a.client.name}: how is the onboarding going?`);
  await openNewestEmail(mail, approver.email, { subject: `${a.client.name}: how is the onboarding going?` });
  await expect(emailFrame(mail).getByRole("heading", { name: "How is the onboarding going for you?" })).toBeVisible();
  const two = emailFrame(mail).getByRole("link", { name: "2", exact: true });
  const href = (await two.getAttribute("href")) ?? "";
  expect(href).toMatch(/\/pulse\/p1\.[^/?]+\?score=2$/);
  await mail.close();

  // A mail scanner prefetches the link: nothing is recorded.
  const prefetch = await page.request.get(href, { headers: { Accept: "text/html" } });
  expect(prefetch.status()).toBe(200);
  // The token never leaves as a referrer (browsers apply the last policy of the list).
  expect(prefetch.headers()["referrer-policy"]?.split(",").pop()?.trim()).toBe("no-referrer");
  expect(await answersOf(a.client.id)).toEqual([]);

  // The contact clicks it, without being signed in: a confirm page, then the score is recorded.
  const cp = await contactContext.newPage();
  await cp.goto(href);
  await expect(cp.getByRole("heading", { level: 1, name: "How is the onboarding going for you?" })).toBeVisible();
  await expect(cp.getByText("You chose 2 of 5. Nothing is recorded until you press the button.")).toBeVisible();
  await expect(cp.getByRole("radio", { name: "2", exact: true })).toBeChecked();
  await expectAccessible(cp);
  expect(await answersOf(a.client.id)).toEqual([]);
  await cp.getByRole("button", { name: "Send my score" }).click();
  await expect(cp.getByText(/^Thank you: we recorded 2 of 5\./)).toBeVisible();
  expect(await answersOf(a.client.id)).toEqual([{ score: 2, comment: null }]);
  await cp.getByLabel("Anything worrying you? (optional)").fill("Nobody calls me back about the carrier file.");
  await cp.getByRole("button", { name: "Save my comment" }).click();
  await expect(cp.getByText("Thank you: your comment is saved.", { exact: true })).toBeVisible();
  expect(await answersOf(a.client.id)).toEqual([{ score: 2, comment: "Nobody calls me back about the carrier file." }]);
  await expectAccessible(cp);

  // An altered link does nothing.
  const altered = await page.request.post(href.replace(/\?.*$/, "").slice(0, -2) + "xx", { form: { score: "1" } });
  expect(altered.status()).toBe(404);
  expect(await answersOf(a.client.id)).toEqual([{ score: 2, comment: "Nobody calls me back about the carrier file." }]);

  // The PM is emailed about the dissatisfier the 2 opened; the chart shows the answer.
  const pmMailContext = await browser.newContext();
  const pmMail = await pmMailContext.newPage();
  await waitForEmail(a.pm.email, `Dissatisfier opened for ${a.client.name}`);
  await openNewestEmail(pmMail, a.pm.email, { subject: `Dissatisfier opened for ${a.client.name}` });
  await expect(emailFrame(pmMail).getByRole("heading", { name: "A contact scored the onboarding 2 out of 5." })).toBeVisible();
  await pmMailContext.close();
  await page.goto(feedbackUrl);
  await expect(page.getByRole("heading", { level: 3, name: /Pulse score 2 of 5/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /One pulse so far: 2\.0 of 5/ })).toBeVisible();

  // The contact signs in and raises a concern; an empty one is refused beside its field.
  await signInWithCode(cp, approver.email);
  await cp.goto(`/c/${a.client.slug}#feedback`);
  const refused = await cp.request.post(`/c/${a.client.slug}/pulse`, { form: { intent: "raise-concern", body: "  " }, headers: { Accept: "text/html" } });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Tell us what is wrong.");
  const concern = `The payroll file format is still unclear ${a.client.slug}`;
  await cp.getByLabel("Raise a concern: tell us what is wrong, without waiting to be asked").fill(concern);
  await cp.getByRole("button", { name: "Raise a concern" }).click();
  await expect(cp.getByText("Thank you: your project manager has been told and will come back to you.")).toBeVisible();

  // The PM resolves it: triage notes for staff, a resolution for the client.
  await page.goto(feedbackUrl);
  const entry = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(concern) }) });
  await expect(entry).toContainText("Concern raised");
  await entry.getByLabel("Status").selectOption("resolved");
  await entry.getByLabel("Triage notes (staff only: the client never sees these)").fill("internal: they are cross with Sam");
  await entry.getByLabel("Resolution (shared with the client)").fill("We sent you the file specification and a sample file.");
  await entry.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(concern) }) })).toContainText("(Resolved)");

  // The contact sees what was done, never the notes.
  await cp.goto(`/c/${a.client.slug}#feedback`);
  const heard = cp.locator(".heard-list");
  await expect(heard).toContainText(concern);
  await expect(heard).toContainText("We sent you the file specification and a sample file.");
  await expect(cp.getByText("they are cross with Sam")).toHaveCount(0);
  expect(await cp.content()).not.toContain("cross with Sam");
  await expectAccessible(cp);
  await contactContext.close();
});
