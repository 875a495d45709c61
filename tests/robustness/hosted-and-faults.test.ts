// Hosted mode, tested (issue 13): a Supabase-shaped stack started on its own,
// then the production build (`NODE_ENV=production node server.js`; `npx remix
// build` first) given only the variables a hosted deployment sets (README,
// "Running against hosted Supabase") — no local stack started by the app, no
// local mailbox: mail goes through the Resend SDK to a fake Resend. A person
// signs in through the real flow and loads their client page.
// Then faults: PostgREST stopped during that session gives the friendly 503
// page (not a 500 with a stack), and the app recovers by itself when it returns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type RunningStack } from "../../supabase/local/stack";
import { type App, signIn, startApp } from "../support/app-server";
import { startFakeResend, type FakeResend } from "../support/fake-resend";

// Its own stack (stopping its PostgREST must not disturb other test files), on ports of its own.
const API_PORT = Number(process.env.STACK_TEST_API_PORT ?? 59321) + 50;
const PORT = Number(process.env.E2E_PORT ?? 3100) + 920;
const DANA = "dana@northwind.example"; // a Northwind contact in supabase/seed.sql

let stack: RunningStack;
let resend: FakeResend;
let app: App;

beforeAll(async () => {
  [stack, resend] = await Promise.all([startStack({ ephemeral: true, apiPort: API_PORT }), startFakeResend()]);
  const hosted = {
    NODE_ENV: "production",
    APP_URL: `http://localhost:${PORT}`,
    SUPABASE_URL: stack.apiUrl,
    // The hosted key formats: sb_publishable_/sb_secret_ keys and an imported ES256 signing key.
    SUPABASE_ANON_KEY: stack.publishableKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.secretKey,
    SUPABASE_JWT_PRIVATE_KEY: stack.jwtPrivateKey,
    DATABASE_URL: stack.dbUrl,
    SESSION_SECRET: stack.sessionSecret,
    TOTP_SECRET: stack.totpSecret,
    RESEND_API_KEY: "re_hosted_mode_test",
    RESEND_BASE_URL: resend.url,
  };
  // Only these (and PATH): nothing inherited from the test run's local stack.
  app = await startApp(PORT, hosted, { inheritEnv: false });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([stack?.stop(), resend?.close()]);
});

/** The six-digit code in the latest sign-in email the fake Resend delivered to `email`. */
async function resendCode(email: string) {
  for (;;) {
    const mail = resend.deliveries.filter((d) => d.to === email).at(-1);
    const code = mail && /\b(\d{6})\b/.exec(mail.text)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
}

let cookie = "";

describe("hosted mode", () => {
  it("signs a contact in through the emailed code (sent by Resend) and shows their client page", async () => {
    cookie = await signIn(app.base, DANA, resendCode);
    expect(resend.requests.some((r) => r.path === "/emails" && r.to.includes(DANA))).toBe(true);
    const page = await fetch(`${app.base}/c/northwind`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Northwind");
    expect((await fetch(`${app.base}/readyz`)).status).toBe(200);
  });

  it("has no local mailbox", async () => {
    expect((await fetch(`${app.base}/dev/mailbox`)).status).toBe(404);
  });
});

describe("faults: PostgREST stopped during a session", () => {
  it("answers the client page with a friendly 503, then recovers by itself when PostgREST returns", async () => {
    expect(cookie).not.toBe("");
    await stack.postgrest.stop();
    try {
      const down = await fetch(`${app.base}/c/northwind`, { headers: { cookie } });
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("60");
      const html = await down.text();
      expect(html).toContain("The portal is having trouble reaching its database; try again in a minute.");
      // The page shows the id once hydrated, from this meta tag (see app/ui/error-boundary.tsx).
      expect(html).toContain(`<meta name="request-id" content="${down.headers.get("x-request-id")}"/>`);
      expect(html).not.toMatch(/ECONNREFUSED|fetch failed|node_modules|\bat .*\.js:\d+/);
      // A form post meets the same answer, not a 500.
      const post = await fetch(`${app.base}/c/northwind`, {
        method: "POST",
        headers: { cookie, origin: app.base, "content-type": "application/x-www-form-urlencoded" },
        body: "intent=create-calendar-feed",
        redirect: "manual",
      });
      expect(post.status).toBe(503);
      expect((await fetch(`${app.base}/readyz`)).status).toBe(503);
      // The outage is in the log, with the request's id; not as a crash.
      const id = down.headers.get("x-request-id");
      while (!app.logLines().some((l) => l.reqId === id && l.msg === "request" && l.status === 503)) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await stack.postgrest.start();
    }
    const back = await fetch(`${app.base}/c/northwind`, { headers: { cookie } });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain("Northwind");
  });
});
