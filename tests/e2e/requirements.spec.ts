// Requirements sign-off, end to end: the PM publishes, the approver requests
// changes, the PM publishes again (the diff shows), the approver approves, the
// certificate holds the hash and the evidence, and a new version voids it and
// asks the approver again by email.
import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { serviceDb } from "../support/stack";
import { seedTenant } from "../support/tenants";
import { emailFrame, expect, expectAccessible, openNewestEmail, signInWithCode, test } from "./fixtures";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const V1 = "# Eligibility\n\nEmployees are eligible after **60 days**.\n\n<script>window.hacked = true</script>\n\n[Plan summary](https://example.com/plan) and [a trap](javascript:alert(1)).\n";
const V2 = V1.replace("60 days", "30 days");
const V3 = `${V2}\nPart-time employees working 20 hours or more are eligible too.\n`;
const APPROVER_IP = "198.51.100.23";

/** The document's status badge (a shape and words). */
const statusBadge = (page: Page, label: string) => page.locator(".status").filter({ hasText: label });

test("the PM publishes, the approver requests changes then approves, and a new version voids the approval", async ({ page, browser, consoleGuard }) => {
  test.setTimeout(120_000);
  const a = await seedTenant("signoff");
  const approver = a.contacts.approver;

  // The PM creates the document and publishes version 1.
  await signInWithCode(page, a.pm.email);
  await page.goto(`/staff/clients/${a.client.slug}/requirements`);
  await expect(page.getByRole("heading", { level: 1, name: `${a.client.name}: requirement documents` })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Title").fill("Eligibility rules");
  await page.getByLabel("Area (optional)").fill("Eligibility");
  await page.getByRole("group", { name: "Required approvers" }).getByLabel(`${approver.fullName} (approver)`).check();
  await page.getByRole("button", { name: "Create document" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Eligibility rules" })).toBeVisible();
  const staffDocUrl = page.url();
  const documentId = staffDocUrl.split("/").pop()!;
  const clientDocUrl = `/c/${a.client.slug}/requirements/${documentId}`;
  await expect(statusBadge(page, "Draft")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Document (Markdown)").fill(V1);
  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByRole("status")).toContainText(`Version 1 is published. We emailed ${approver.fullName}`);
  await expectAccessible(page);

  // The approver, in their own browser and network, reads it safely and requests changes.
  const approverContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": APPROVER_IP } });
  consoleGuard.watch(approverContext);
  // The requirement page is plain HTML (docs/decisions/0018): a refused form answers the page
  // with a 400, which the browser logs.
  consoleGuard.allow(/status of 400 \(Bad Request\) @ http:\/\/localhost:\d+\/c\/[^/]+\/requirements\/[0-9a-f-]+$/);
  const ap = await approverContext.newPage();
  await openNewestEmail(ap, approver.email, { subject: "Please review: Eligibility rules, version 1" });
  await expect(emailFrame(ap).getByRole("link", { name: "Review version 1" })).toHaveAttribute("href", new RegExp(`${clientDocUrl}$`));
  await signInWithCode(ap, approver.email);
  await ap.goto(clientDocUrl);
  const current = ap.getByRole("region", { name: "Version 1" });
  await expect(current.getByRole("heading", { name: "Eligibility" })).toBeVisible();
  await expect(current.getByRole("link", { name: "Plan summary" })).toHaveAttribute("href", "https://example.com/plan");
  await expect(current.getByRole("link", { name: "a trap" })).toHaveCount(0);
  expect(await ap.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
  await expect(current.locator("script")).toHaveCount(0);
  await expect(statusBadge(ap, "Awaiting sign-off")).toBeVisible();
  await expectAccessible(ap);
  await ap.getByRole("button", { name: "Request changes" }).click();
  await expect(ap.getByText("Say what should change.").first()).toBeVisible();
  await ap.getByLabel("What should change").fill("The waiting period is 30 days, not 60.");
  await ap.getByRole("button", { name: "Request changes" }).click();
  await expect(ap.getByRole("status")).toContainText("your request for changes is recorded");
  await expect(statusBadge(ap, "Changes requested")).toBeVisible();
  await expectAccessible(ap);

  // The PM is told, sees the request and publishes version 2.
  await openNewestEmail(page, a.pm.email, { subject: `${approver.fullName} requested changes to Eligibility rules, version 1` });
  await page.goto(staffDocUrl);
  await expect(page.getByText("The waiting period is 30 days, not 60.")).toBeVisible();
  await page.getByLabel("Document (Markdown)").fill(V2);
  await page.getByLabel("Change note (optional)").fill("Waiting period is 30 days.");
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(page.getByRole("status")).toContainText("Version 2 is published.");
  await expectAccessible(page);

  // The approver sees what changed and approves.
  await ap.goto(clientDocUrl);
  const changes = ap.getByRole("region", { name: "What changed since version 1" });
  await expect(changes.locator("ins:not(.diff-legend)")).toContainText("30");
  await expect(changes.locator("del:not(.diff-legend)")).toContainText("60");
  await expect(changes.locator("ins:not(.diff-legend)")).toContainText("+");
  await expectAccessible(ap);
  await ap.getByLabel(/I have read this version of the document in full/).check();
  await ap.getByLabel("Your full name, as your signature").fill(approver.fullName);
  await ap.getByRole("button", { name: "Approve this version" }).click();
  await expect(ap.getByRole("status")).toContainText("your approval is recorded");
  await expect(statusBadge(ap, "Approved")).toBeVisible();
  await expectAccessible(ap);

  // The certificate: the exact text's hash and the evidence the server recorded.
  await ap.getByRole("link", { name: "Sign-off certificate for version 2" }).click();
  await expect(ap.getByRole("heading", { level: 1, name: "Sign-off certificate" })).toBeVisible();
  const evidence = ap.getByRole("list", { name: "Approvals" });
  await expect(ap.locator("code.hash").first()).toHaveText(sha256(V2));
  await expect(evidence).toContainText(approver.email);
  await expect(evidence).toContainText(APPROVER_IP);
  await expect(evidence).toContainText(await ap.evaluate(() => navigator.userAgent));
  await expect(evidence).toContainText("I have read this version of the document in full");
  // ...and says who vouches for each field.
  await expect(ap.getByRole("list", { name: "Where each field comes from" })).toContainText(
    "IP address: recorded by the portal's server from the request",
  );
  await expectAccessible(ap);
  const certificateUrl = ap.url();

  // Staff cannot sign, and see why.
  await page.goto(clientDocUrl);
  await expect(page.getByText("Staff cannot sign off")).toBeVisible();
  await expectAccessible(page);

  // Version 3 voids the approval; the approver is asked again by email.
  await page.goto(staffDocUrl);
  await page.getByLabel("Document (Markdown)").fill(V3);
  await page.getByRole("button", { name: "Publish version 3" }).click();
  await expect(page.getByRole("status")).toContainText("Version 3 is published.");
  await expect(page.getByText("void (superseded by v3)")).toBeVisible();
  await expectAccessible(page);

  await openNewestEmail(ap, approver.email, { subject: "Please review: Eligibility rules, version 3" });
  await ap.goto(clientDocUrl);
  await expect(statusBadge(ap, "Awaiting sign-off")).toBeVisible();
  await expect(ap.getByText("void (superseded by v3)")).toBeVisible();
  await expect(ap.getByRole("button", { name: "Approve this version" })).toBeVisible();
  await expectAccessible(ap);
  await ap.goto(certificateUrl);
  await expect(ap.getByText(/Version 2 was superseded by version 3/)).toBeVisible();
  await expectAccessible(ap);

  // On a phone: nothing wider than the screen.
  await ap.setViewportSize({ width: 360, height: 740 });
  for (const url of [certificateUrl, clientDocUrl]) {
    await ap.goto(url);
    expect(await ap.evaluate(() => document.documentElement.scrollWidth), `no horizontal scroll on ${url}`).toBeLessThanOrEqual(360);
  }

  // The client's page lists the document with its status.
  await ap.goto(`/c/${a.client.slug}`);
  const docs = ap.getByRole("region", { name: "Documents to sign off" });
  await expect(docs.getByRole("listitem").filter({ hasText: "Eligibility rules" })).toContainText("Awaiting sign-off");
  await expectAccessible(ap);
  await approverContext.close();
});

test("approving a version that was superseded while reading is refused with 409 and shows what changed", async ({ page, consoleGuard }) => {
  const a = await seedTenant("stale");
  const approver = a.contacts.decision_maker;
  const db = serviceDb();
  const doc = (await db.from("requirement_documents").insert({ client_id: a.client.id, title: "Carrier files" }).select("id").single()).data!;
  await db.from("requirement_approvers").insert({ document_id: doc.id, client_id: a.client.id, person_id: approver.id });
  const publish = (body: string) =>
    // The trigger numbers and hashes the version; these two values are placeholders it overwrites.
    db.from("requirement_versions").insert({ document_id: doc.id, client_id: a.client.id, body_markdown: body, version: 0, body_sha256: "0".repeat(64) });
  await publish("# Carrier files\n\nWeekly 834 files on Mondays.\n");

  await signInWithCode(page, approver.email);
  await page.goto(`/c/${a.client.slug}/requirements/${doc.id}`);
  await expect(page.getByRole("region", { name: "Version 1" })).toBeVisible();
  await page.getByLabel(/I have read this version of the document in full/).check();
  await page.getByLabel("Your full name, as your signature").fill(approver.fullName);

  // Meanwhile the PM publishes version 2.
  await publish("# Carrier files\n\nWeekly 834 files on Tuesdays.\n");

  consoleGuard.allow(/status of 409/);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/requirements/${doc.id}`));
  await page.getByRole("button", { name: "Approve this version" }).click();
  expect((await answered).status()).toBe(409);
  const alert = page.getByRole("alert").filter({ hasText: "Version 1 is no longer current" });
  await expect(alert).toBeVisible();
  await alert.getByRole("link", { name: /Read the current version \(version 2\)/ }).click();
  await expect(page.getByRole("region", { name: "Version 2" })).toBeVisible();
  const changes = page.getByRole("region", { name: "What changed since version 1" });
  await expect(changes.locator("ins:not(.diff-legend)")).toContainText("Tuesdays");
  await expect(changes.locator("del:not(.diff-legend)")).toContainText("Mondays");
  await expectAccessible(page);
  const { count } = await db.from("signoffs").select("id", { count: "exact", head: true }).eq("document_id", doc.id);
  expect(count).toBe(0);
});
