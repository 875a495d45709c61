// PM updates, end to end: the PM posts a staff-only note and an update that
// needs a decision; the contact is emailed about the latter only, sees only it
// on their page, marked new since their last visit, and answers it; the PM sees the answer. A bad post is
// refused with 400 and saves nothing.
import { serviceDb } from "../support/stack";
import { seedTenant } from "../support/tenants";
import { emailFrame, expect, expectAccessible, openNewestEmail, signInWithCode, test } from "./fixtures";

const CONTACT_IP = "198.51.100.41";

test("the PM posts an update needing a decision, the contact answers it, and a staff-only update stays with staff", async ({ page, browser, consoleGuard }) => {
  test.setTimeout(300_000);
  const a = await seedTenant("updates");
  const approver = a.contacts.approver;
  const staffUrl = `/staff/clients/${a.client.slug}/updates`;

  // The contact has been here before: the page records the visit.
  const contactContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": CONTACT_IP } });
  consoleGuard.watch(contactContext);
  // The update page is plain HTML (docs/decisions/0018): a refused reply answers the page
  // with a 400, which the browser logs.
  consoleGuard.allow(/status of 400 \(Bad Request\) @ http:\/\/localhost:\d+\/c\/[^/]+\/updates\/[0-9a-f-]+$/);
  const cp = await contactContext.newPage();
  await signInWithCode(cp, approver.email);
  await cp.goto(`/c/${a.client.slug}`);
  await expect(cp.getByRole("heading", { level: 2, name: "Updates", exact: true })).toBeVisible();
  await expect(cp.getByText("Your project manager will post updates here.")).toBeVisible();

  // The PM posts a staff-only note and an update asking the approver for a decision.
  await signInWithCode(page, a.pm.email);
  await page.goto(staffUrl);
  await expect(page.getByRole("heading", { level: 1, name: `${a.client.name}: updates` })).toBeVisible();
  await expectAccessible(page);

  // Without a body, the server refuses the post with 400 and saves nothing (checked without the browser's own validation).
  const refused = await page.request.post(`${staffUrl}?index`, {
    form: { intent: "post-update", title: "No body", bodyMarkdown: "", decisionNeeded: "on" },
    headers: { Accept: "text/html" },
  });
  expect(refused.status()).toBe(400);

  const post = page.getByRole("form", { name: "Post an update" });
  await post.getByLabel("Title").fill("Carrier escalation");
  await post.getByLabel("Update (Markdown)").fill("The carrier is **late** again. Do not share yet.");
  await post.getByLabel("Staff only (the client never sees it)").check();
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("article", { name: /Carrier escalation/ })).toContainText("Staff only");

  await post.getByLabel("Title").fill("Choose the carrier file format");
  await post.getByLabel("A decision is needed from the client").check();
  await post.getByRole("button", { name: "Post update" }).click();
  // The browser-side check names what is missing, before anything is sent.
  await expect(post.getByText("Write the update.")).toBeVisible();
  await post.getByLabel("Update (Markdown)").fill("We can send **834** files weekly, or a CSV daily.\n\n<script>window.hacked = true</script>");
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(post.getByText("Say by when the decision is needed.")).toBeVisible();
  await expect(post.getByText("Choose who should decide.")).toBeVisible();
  await post.getByLabel("Decision needed by").fill("2027-01-15");
  await post.getByLabel("Asked of").selectOption({ label: `${approver.fullName} (approver)` });
  await post.getByRole("button", { name: "Post update" }).click();
  const decisionCard = page.getByRole("article", { name: /Choose the carrier file format/ });
  await expect(decisionCard).toContainText(`Decision needed from ${approver.fullName} by 15 Jan 2027`);
  await expect(decisionCard).toContainText("No replies yet");
  await expectAccessible(page);
  const { count } = await serviceDb().from("client_updates").select("id", { count: "exact", head: true }).eq("client_id", a.client.id);
  expect(count).toBe(2);

  // The PM fixes the title: the update is marked edited.
  await decisionCard.getByRole("link", { name: "Edit: Choose the carrier file format" }).click();
  const edit = page.getByRole("form", { name: "Edit “Choose the carrier file format”" });
  await edit.getByLabel("Title").fill("Choose the carrier file format (834 or CSV)");
  await edit.getByRole("button", { name: "Save changes" }).click();
  const edited = page.getByRole("article", { name: /Choose the carrier file format \(834 or CSV\)/ });
  await expect(edited.getByText("edited", { exact: true })).toBeVisible();

  // The contact is emailed (through the outbox and its worker), in the client's name, with a link to the update.
  const mail = await contactContext.newPage();
  await openNewestEmail(mail, approver.email, { subject: `Decision needed: Choose the carrier file format (${a.client.name})` });
  await expect(emailFrame(mail).getByText(/^You get this because/)).toContainText(`${a.pm.fullName} posted an update`);
  await expect(emailFrame(mail).getByRole("link", { name: "Read and answer" })).toHaveAttribute("href", new RegExp(`/c/${a.client.slug}/updates/[0-9a-f-]{36}$`));
  await mail.close();

  // The contact comes back after a break (their visit is moved half an hour back):
  // the update is new to them, the staff-only note is not there.
  await serviceDb().from("client_visits").update({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).eq("person_id", approver.id);
  await cp.reload();
  const onPage = cp.getByRole("article", { name: /Choose the carrier file format \(834 or CSV\)/ });
  await expect(onPage).toContainText("New since your last visit");
  await expect(onPage).toContainText(a.pm.fullName);
  await expect(onPage).toContainText("edited");
  await expect(onPage.locator("strong", { hasText: "834" })).toBeVisible();
  await expect(onPage.locator("script")).toHaveCount(0);
  expect(await cp.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
  await expect(cp.getByText("Carrier escalation")).toHaveCount(0);
  await expect(cp.getByText("Do not share yet")).toHaveCount(0);
  await expectAccessible(cp);

  // The contact answers, then changes the answer: one answer stays.
  const reply = onPage.getByRole("form", { name: /Your answer to/ });
  await reply.getByRole("button", { name: "Send my answer" }).click();
  await expect(reply.getByText("Give a short answer.")).toBeVisible();
  await reply.getByLabel("Your answer").fill("CSV daily");
  await reply.getByRole("button", { name: "Send my answer" }).click();
  await expect(onPage.getByRole("note")).toContainText("Your answer: CSV daily");
  await reply.getByLabel("Your answer").fill("834 weekly");
  await reply.getByLabel("Comment (optional)").fill("Our carrier prefers 834.");
  await reply.getByRole("button", { name: "Change my answer" }).click();
  await expect(onPage.getByRole("note")).toContainText("Your answer: 834 weekly — Our carrier prefers 834.");
  await expectAccessible(cp);

  // Back on their page in the same visit, the update is still marked new.
  await cp.goto(`/c/${a.client.slug}`);
  await expect(cp.getByRole("article", { name: /Choose the carrier file format/ })).toContainText("New since your last visit");

  // The PM sees the answer.
  await page.goto(staffUrl);
  const replies = page.getByRole("region", { name: /Replies to Choose the carrier file format/ });
  await expect(replies).toContainText("1 reply");
  await expect(replies).toContainText(`${approver.fullName}: 834 weekly — Our carrier prefers 834.`);
  await contactContext.close();
});
