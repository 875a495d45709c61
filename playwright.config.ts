// End-to-end tests: a real browser against the built app (`node server.js`)
// on the throwaway local stack. Run them through the stack, which puts
// SUPABASE_URL, the keys, LOCAL_MAILBOX_URL and SESSION_COOKIE_SECURE=false in
// the environment that the web server below inherits:
//
//   npx remix build && npx tsx supabase/local/with-stack.ts --test -- npx playwright test
//
// E2E_PORT (default 3100) and LOCAL_TEST_API_PORT choose the ports, so several
// people (or CI jobs) can run the suite side by side.
import { defineConfig, devices, type ReporterDescription } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const ci = Boolean(process.env.CI);

const reporter: ReporterDescription[] = [["list"]];
if (ci)
  reporter.push(
    ["github"],
    ["junit", { outputFile: `test-results/e2e-${port}-junit.xml` }],
    ["html", { open: "never", outputFolder: `playwright-report/e2e-${port}` }],
  );

export default defineConfig({
  testDir: "tests/e2e",
  // Per port: two runs side by side must not wipe each other's results.
  outputDir: `test-results/e2e-${port}`,
  fullyParallel: true,
  forbidOnly: ci,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // The app must be built first (`npx remix build`).
    command: "node server.js",
    url: `${baseURL}/login`,
    // TRUST_PROXY: each test sends its own client address (X-Forwarded-For, see
    // tests/e2e/fixtures.ts), so per-address sign-in limits do not add up across tests.
    env: { PORT: String(port), TRUST_PROXY: "loopback" },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
