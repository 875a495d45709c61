// Issue 14, the rest of "Defects found" (4, 8, 9, 10) and the client page's look:
// each test is the check that would have caught the defect.
import { TASK_RULE } from "~/domain/portal/task-rules";
import { SIGN_IN_LIMITS } from "~/lib/auth/schema";
import { freshSignoffDocument, signAs } from "../support/attack";
import { serviceDb } from "../support/stack";
import { seedTenant } from "../support/tenants";
import { expect, expectAccessible, readSignInCode, requestCode, signInWithCode, submitCode, test } from "./fixtures";

test("the lock-out on /verify shows only the lock-out, not the wrong-code message as well (defect 4)", async ({
  page,
  consoleGuard,
}) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 429/);
  const tenant = await seedTenant("lockout");
  const email = tenant.contacts.viewer.email;
  await requestCode(page, email);
  const code = await readSignInCode(page, email);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  const signIn = page.getByRole("button", { name: "Sign in", exact: true });
  const submitWrong = async () => {
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/verify"));
    await submitCode(page, wrong);
    const status = (await answer).status();
    await expect(signIn).toBeEnabled(); // the page has settled after the answer
    return status;
  };
  for (let i = 0; i < SIGN_IN_LIMITS.wrongCodesPerEmail; i++) {
    expect(await submitWrong()).not.toBe(429);
    await expect(page.getByRole("alert")).toHaveText("That code is not right. Check the email and try again.");
  }

  expect(await submitWrong()).toBe(429);

  const lockOut = `Too many wrong codes. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes, then request a new code.`;
  await expect(page.getByRole("alert")).toHaveText(lockOut);
  await expect(page.getByText("That code is not right")).toHaveCount(0);
  await expectAccessible(page);
});

test("a viewer may tick only their own or unowned tasks, and the page says who may (defect 10)", async ({
  page,
  consoleGuard,
}) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 403/);
  const a = await seedTenant("task-rule");
  const db = serviceDb();
  const insert = async (title: string, ownerId: string | null) =>
    (await db.from("client_tasks").insert({ client_id: a.client.id, title, owner_id: ownerId }).select("id").single()).data!.id;
  const approversTask = await insert("Sign the plan design", a.contacts.approver.id);
  await insert("Send the census file", a.contacts.viewer.id);
  await insert("Book the training room", null);

  await signInWithCode(page, a.contacts.viewer.email);
  const tasks = page.getByRole("region", { name: "What we need from you" });
  await expect(tasks).toContainText(TASK_RULE);
  const task = (title: string) => tasks.getByRole("listitem").filter({ hasText: title });
  await expect(task("Sign the plan design").getByRole("button")).toHaveCount(0);
  await expect(task("Sign the plan design")).toContainText(
    `${a.contacts.approver.fullName}, an approver or a decision maker marks this one.`,
  );
  await expect(task("Send the census file").getByRole("button", { name: "Mark done: Send the census file" })).toBeVisible();
  await expect(task("Book the training room").getByRole("button", { name: "Mark done: Book the training room" })).toBeVisible();
  await expectAccessible(page);

  // A hand-made request for the approver's task is refused by the database, and says why.
  const forged = await page.request.post(`/c/${a.client.slug}`, {
    headers: { Origin: new URL(page.url()).origin },
    form: { intent: "set-task-status", taskId: approversTask, status: "done" },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain("Only the task&#x27;s owner, an approver or a decision maker can mark this task.");
  const row = (await db.from("client_tasks").select("status").eq("id", approversTask).single()).data!;
  expect(row.status).toBe("open");

  // Their own task they can tick.
  await task("Send the census file").getByRole("button", { name: "Mark done: Send the census file" }).click();
  await expect(task("Send the census file").getByRole("button", { name: "Reopen: Send the census file" })).toBeVisible();
});

test("awaiting sign-off says whom it waits for: each approver, signed or waiting (defect 8)", async ({ page }) => {
  test.setTimeout(120_000); // two pages, each checked with axe, on a shared machine
  const a = await seedTenant("whom");
  const { document, version } = await freshSignoffDocument(a.client.id, [a.contacts.approver, a.contacts.decision_maker]);
  await signAs(a.contacts.approver, String(version.id));

  await signInWithCode(page, a.contacts.approver.email);
  const docs = page.getByRole("region", { name: "Documents to sign off" });
  const states = docs.getByRole("list", { name: `Sign-off of ${document.title}, version 1` });
  await expect(states.getByRole("listitem")).toHaveCount(2);
  await expect(states.getByRole("listitem").filter({ hasText: a.contacts.approver.fullName })).toContainText(
    `${a.contacts.approver.fullName}: Signed`,
  );
  await expect(states.getByRole("listitem").filter({ hasText: a.contacts.decision_maker.fullName })).toContainText(
    `${a.contacts.decision_maker.fullName}: Waiting`,
  );
  await expect(docs).toContainText("Awaiting sign-off");
  await expectAccessible(page);

  await page.goto(`/c/${a.client.slug}/requirements/${document.id}`);
  const onPage = page.getByRole("list", { name: "Sign-off of version 1" });
  await expect(onPage.getByRole("listitem").filter({ hasText: a.contacts.approver.fullName })).toContainText(
    `${a.contacts.approver.fullName}: Signed`,
  );
  await expect(onPage.getByRole("listitem").filter({ hasText: a.contacts.decision_maker.fullName })).toContainText(
    `${a.contacts.decision_maker.fullName}: Waiting`,
  );
  await expectAccessible(page);
});
