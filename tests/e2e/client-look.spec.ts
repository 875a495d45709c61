// Issue 14, the rest of "Defects found" (4, 8, 9, 10) and the client page's look:
// each test is the check that would have caught the defect.
import { SIGN_IN_LIMITS } from "~/lib/auth/schema";
import { seedTenant } from "../support/tenants";
import { expect, expectAccessible, readSignInCode, requestCode, submitCode, test } from "./fixtures";

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
