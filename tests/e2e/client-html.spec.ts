// The client's pages are plain HTML with one small inline script (docs/decisions/0018):
// no React, no Remix runtime and no loader data reach the browser, and the script
// gives back what hydration gave the forms: a second submit while the first is on
// its way is not sent, the answer opens where the reader was, and a refused field
// (or, with no field to mark, the page's alert) gets the focus.
import { serviceDb } from "../support/stack";
import { seedTenant } from "../support/tenants";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInWithCode, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };

test("the client page and a requirement page load no JavaScript files, only the inline enhancement", async ({ page }) => {
  await signInWithCode(page, "dana@northwind.example");
  for (const path of ["/c/northwind", "/c/northwind/requirements/d1000000-0000-4000-8000-000000000001"]) {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(scripts, `${path} fetched scripts`).toEqual([]);
    expect(await page.locator("script[src], link[rel=modulepreload]").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.evaluate(() => "__remixContext" in window)).toBe(false);
    page.removeAllListeners("request");
  }
  // A staff page is still a React app.
  const staff = await page.request.get("/staff", { headers: { Accept: "text/html" } });
  expect(await staff.text()).toContain('rel="modulepreload"');
});

test("a second press while a concern is on its way sends nothing more", async ({ page }) => {
  const a = await seedTenant("html-forms");
  await page.setViewportSize(PHONE);
  await signInWithCode(page, a.contacts.approver.email);
  await page.goto(`/c/${a.client.slug}`);
  const body = `Nobody answers about the payroll file ${a.client.slug}`;
  await page.getByLabel("Raise a concern: tell us what is wrong, without waiting to be asked").fill(body);

  // The first post is held in the network while the reader presses again, twice.
  // Playwright's locators and evaluate wait for a pending navigation, so the page
  // presses by itself, once its first post is on the wire (it asks with a request
  // answered only then), and notes what it saw in sessionStorage.
  const posts: string[] = [];
  let firstPosted = () => {};
  const posted = new Promise<void>((resolve) => (firstPosted = resolve));
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/healthz?*", async (route) => {
    if (route.request().url().endsWith("?wait-for-post")) await posted;
    else release();
    await route.fulfill({ status: 204 });
  });
  await page.route(`**/c/${a.client.slug}/pulse`, async (route) => {
    if (route.request().method() === "POST") posts.push(route.request().postData() ?? "");
    firstPosted();
    await released;
    await route.continue().catch(() => {}); // a cancelled navigation's request is gone
  });
  await page.evaluate(() => {
    const form = document.getElementById("concern-body")!.closest("form")!;
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    const pressAgain = async () => {
      await fetch("/healthz?wait-for-post");
      const seen = { busy: form.getAttribute("aria-busy"), disabled: button.getAttribute("aria-disabled") };
      button.click();
      form.requestSubmit(button);
      sessionStorage.setItem("test:pressed-again", JSON.stringify(seen));
      await fetch("/healthz?pressed-again");
    };
    form.addEventListener("submit", () => setTimeout(() => void pressAgain(), 0), { once: true });
  });
  await page.getByRole("button", { name: "Raise a concern" }).click();
  await expect(page.getByText("Thank you: your project manager has been told and will come back to you.")).toBeVisible();
  expect(posts).toHaveLength(1);
  expect(await page.evaluate(() => sessionStorage.getItem("test:pressed-again"))).toBe(JSON.stringify({ busy: "true", disabled: "true" }));
  const { data } = await serviceDb().from("concerns").select("body").eq("client_id", a.client.id);
  expect(data).toEqual([{ body }]);
});

/** A contact of a new client, on a phone, on their page with one task of theirs due in a few days: that task's list item. */
async function onPageWithTask(page: Page, tenant: string, title: string) {
  const a = await seedTenant(tenant);
  const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await serviceDb().from("client_tasks").insert({ client_id: a.client.id, title, due_date: due, owner_id: a.contacts.approver.id });
  await page.setViewportSize(PHONE);
  await signInWithCode(page, a.contacts.approver.email);
  await page.goto(`/c/${a.client.slug}`);
  return { a, task: page.getByRole("region", { name: "What we need from you" }).getByRole("listitem").filter({ hasText: title }) };
}

test("marking a task done answers at the task, not at the top of the page", async ({ page }) => {
  const { task } = await onPageWithTask(page, "html-scroll", "Send the census file");
  await task.getByRole("button", { name: "Mark done: Send the census file" }).click();
  const reopen = task.getByRole("button", { name: "Reopen: Send the census file" });
  await expect(reopen).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect(reopen).toBeInViewport();
  await expectAccessible(page);
});

test("a refusal with no field to mark is brought into view and focused", async ({ page, consoleGuard }) => {
  // The refused post answers the page with a 400, which the browser logs.
  consoleGuard.allow(/status of 400 \(Bad Request\) @ http:\/\/localhost:\d+\/c\/[^/]+$/);
  const { a, task } = await onPageWithTask(page, "html-alert", "Sign the data agreement");
  const button = task.getByRole("button", { name: "Mark done: Sign the data agreement" });
  // A page left open across a change of the portal posts what the server no longer understands.
  await button.evaluate((el) => el.closest("form")!.querySelector<HTMLInputElement>('input[name="status"]')!.setAttribute("value", "finished"));
  await button.scrollIntoViewIfNeeded();
  await button.click();
  const alert = page.getByRole("alert").filter({ hasText: "That request was not understood." });
  await expect(alert).toBeFocused();
  await expect(alert).toBeInViewport();
  const { data } = await serviceDb().from("client_tasks").select("status").eq("client_id", a.client.id);
  expect(data).toEqual([{ status: "open" }]);
});

test("a refused sign-off puts the focus on the field to mend", async ({ page, consoleGuard }) => {
  // The refused form answers the page with a 400, which the browser logs.
  consoleGuard.allow(/status of 400 \(Bad Request\) @ http:\/\/localhost:\d+\/c\/[^/]+\/requirements\/[0-9a-f-]+$/);
  const a = await seedTenant("html-focus");
  const db = serviceDb();
  const doc = (await db.from("requirement_documents").insert({ client_id: a.client.id, title: "Carrier files" }).select("id").single()).data!;
  await db.from("requirement_approvers").insert({ document_id: doc.id, client_id: a.client.id, person_id: a.contacts.approver.id });
  // The trigger numbers and hashes the version; these two values are placeholders it overwrites.
  await db.from("requirement_versions").insert({ document_id: doc.id, client_id: a.client.id, body_markdown: "# Carrier files\n", version: 0, body_sha256: "0".repeat(64) });
  await signInWithCode(page, a.contacts.approver.email);
  await page.goto(`/c/${a.client.slug}/requirements/${doc.id}`);
  const changes = page.getByRole("form", { name: "Request changes" });
  await changes.getByRole("button", { name: "Request changes" }).click();
  const comment = changes.getByLabel("What should change");
  await expect(comment).toHaveAttribute("aria-invalid", "true");
  await expect(comment).toBeFocused();
  expect((await db.from("signoffs").select("id").eq("client_id", a.client.id)).data).toEqual([]);
});
