// The transition to ongoing service, end to end: the PM writes the transition
// note for the incoming relationship manager (refused without one); the client
// sees nothing of it until the relationship manager acknowledges it in the app;
// then every open commitment and open concern is theirs, the commitment's
// history says so, and the client's page names them as the day-to-day contact
// (never showing the note).
import { randomUUID } from "node:crypto";
import { serviceDb } from "../support/stack";
import { assignStaff, seedStaff, seedTenant } from "../support/tenants";
import { expect, expectAccessible, signInWithCode, test } from "./fixtures";

test("the PM hands the client over; the relationship manager acknowledges and takes everything open; the client sees who to call", async ({
  page,
  browser,
  consoleGuard,
}) => {
  test.setTimeout(480_000);
  const a = await seedTenant("transition");
  const rm = await seedStaff("transition-rm");
  await assignStaff(a.client.id, rm, "relationship_manager");
  const tag = randomUUID().slice(0, 6);
  const openPromise = `A named payroll specialist ${tag}`;
  const deliveredPromise = `Carrier files every Friday ${tag}`;
  const preference = `Private ${tag}: the CFO prefers email and hates calls before 10`;
  const db = serviceDb();
  const { error: seeded } = await db.from("commitments").insert([
    { client_id: a.client.id, promise: openPromise, promised_by: "Marcus (sales)", status: "captured" },
    { client_id: a.client.id, promise: deliveredPromise, promised_by: "Marcus (sales)", status: "delivered" },
  ]);
  expect(seeded).toBeNull();
  const concern = `Invoices arrive late ${tag}`;
  const { error: opened } = await db.from("dissatisfiers").insert({ client_id: a.client.id, summary: concern, source: "call" });
  expect(opened).toBeNull();

  // The PM writes the note; the open commitment and the open concern are listed for them.
  await signInWithCode(page, a.pm.email);
  await page.goto(`/staff/clients/${a.client.slug}/handoff`);
  const transition = page.getByRole("region", { name: "Transition to ongoing service" });
  await expect(transition.getByText("No transition note yet.")).toBeVisible();
  await expect(transition.getByRole("listitem").filter({ hasText: openPromise })).toBeVisible();
  await expect(transition.getByRole("listitem").filter({ hasText: deliveredPromise })).toHaveCount(0);
  await expect(transition.getByRole("listitem").filter({ hasText: concern })).toBeVisible();
  await expect(transition.getByLabel("Open commitments")).toHaveValue(`- ${openPromise}`);
  // Nothing is saved without the relationship manager who takes over.
  await transition.getByLabel("Incoming relationship manager").selectOption("");
  await transition.getByRole("button", { name: "Write the transition note" }).click();
  await expect(transition.getByText("Choose the relationship manager who takes over.")).toBeVisible();
  await transition.getByLabel("Incoming relationship manager").selectOption({ label: rm.fullName });
  await transition.getByLabel("Open items").fill(`Send the renewal calendar ${tag}`);
  await transition.getByLabel("The client's preferences").fill(preference);
  await transition.getByRole("button", { name: "Write the transition note" }).click();
  await expect(transition.getByText(/Waiting for acknowledgement/)).toBeVisible();
  await expect(transition.getByText(preference).first()).toBeVisible();
  await expectAccessible(page);

  // Before the acknowledgement the client's page names nobody new.
  const clientContext = await browser.newContext();
  consoleGuard.watch(clientContext);
  const cp = await clientContext.newPage();
  await signInWithCode(cp, a.contacts.approver.email);
  await cp.goto(`/c/${a.client.slug}`);
  await expect(cp.getByRole("region", { name: "What we promised you" })).toBeVisible();
  await expect(cp.getByRole("region", { name: "Your day-to-day contact" })).toHaveCount(0);

  // The relationship manager reads the note and takes over.
  const rmContext = await browser.newContext();
  consoleGuard.watch(rmContext);
  const rp = await rmContext.newPage();
  await signInWithCode(rp, rm.email);
  await rp.goto(`/staff/clients/${a.client.slug}/handoff`);
  const rmTransition = rp.getByRole("region", { name: "Transition to ongoing service" });
  await expect(rmTransition.getByText(preference)).toBeVisible();
  // Only the PM writes the note.
  await expect(rmTransition.getByRole("button", { name: /Save the transition note/ })).toHaveCount(0);
  await rmTransition.getByRole("button", { name: /Acknowledge and take over/ }).click();
  await expect(rmTransition.getByText(/Handed over/)).toBeVisible();
  await expect(rmTransition.getByText(/1 open commitment and 1 open concern moved to them/)).toBeVisible();
  await expect(rmTransition.getByRole("listitem").filter({ hasText: openPromise })).toContainText(`owner: ${rm.fullName}`);
  await expect(rmTransition.getByRole("listitem").filter({ hasText: concern })).toContainText(`owner: ${rm.fullName}`);
  await expect(rmTransition.getByRole("button", { name: /Acknowledge and take over/ })).toHaveCount(0);
  // The commitment's history says who owns it now.
  const card = rp.getByRole("region", { name: "Commitments" }).getByRole("listitem").filter({ has: rp.getByRole("heading", { level: 3, name: openPromise }) });
  await card.getByText("History").click();
  await expect(card.getByText(`Owner: the project manager → ${rm.fullName}`)).toBeVisible();
  await expectAccessible(rp);

  // The client's page: who to call now, and that nothing open was dropped; never the note.
  await cp.reload();
  const contact = cp.getByRole("region", { name: "Your day-to-day contact" });
  await expect(contact.getByText(rm.fullName).first()).toBeVisible();
  await expect(contact.getByRole("link", { name: rm.email })).toHaveAttribute("href", `mailto:${rm.email}`);
  await expect(contact.getByText(`Nothing open was dropped: the promise still open and every open item moved to ${rm.fullName}.`)).toBeVisible();
  expect(await cp.content()).not.toContain(preference);
  await expectAccessible(cp);

  // The PM can no longer change what was handed over.
  await page.reload();
  await expect(transition.getByText(/Handed over/)).toBeVisible();
  await expect(transition.getByRole("button", { name: /transition note/ })).toHaveCount(0);

  await Promise.all([clientContext.close(), rmContext.close()]);
});
