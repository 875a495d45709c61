// What a load balancer sees: /healthz (the process answers, touching nothing)
// and /readyz (the database answers through PostgREST). A second server started
// with an unreachable SUPABASE_URL stays live but is not ready.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { expect, test } from "./fixtures";

test("the running portal is live and ready, and its pages come compressed", async ({ request }) => {
  const live = await request.get("/healthz");
  expect(live.status()).toBe(200);
  expect(await live.text()).toBe("ok\n");
  expect(live.headers()["cache-control"]).toBe("no-store");

  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.text()).toBe("ready\n");

  // Pages are gzipped even for a browser that also takes brotli (cheaper per
  // response); the long-cached /build scripts come in brotli.
  const page = await request.get("/login", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
  expect(page.status()).toBe(200);
  expect(page.headers()["content-encoding"]).toBe("gzip");
  const html = await page.text();
  expect(html).toContain("<html");
  // The first shared chunk is React's (tens of KB; files under 1 KB stay uncompressed).
  const script = /\/build\/_shared\/[^"]+\.js/.exec(html)?.[0];
  expect(script).toBeTruthy();
  const asset = await request.get(script!, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
  expect(asset.status()).toBe(200);
  expect(asset.headers()["content-encoding"]).toBe("br");
  expect(asset.headers()["cache-control"]).toContain("immutable");
  const onlyBrotli = await request.get("/login", { headers: { "Accept-Encoding": "br" } });
  expect(onlyBrotli.headers()["content-encoding"]).toBeUndefined();

  // The files in public/ are served by name; any other path is the app's.
  for (const file of ["/favicon.svg", "/logos/northwind.svg"]) {
    const res = await request.get(file);
    expect(res.status(), file).toBe(200);
    expect(res.headers()["content-type"]).toContain("image/svg+xml");
  }
  const missing = await request.get("/logos/nobody.svg");
  expect(missing.status()).toBe(404);
});

test.describe("a portal whose database is unreachable", () => {
  let port = 0;
  let server: ChildProcess | null = null;
  let stderr = "";

  test.beforeAll(async () => {
    port = await freePort();
    server = spawn("node", ["server.js"], {
      // Port 9 (discard) on loopback: nothing listens, the connection is refused.
      // Production needs its origin and a real email provider configured (never the local mailbox);
      // no worker: there is no database for it.
      env: {
        ...process.env,
        PORT: String(port),
        NODE_ENV: "production",
        SUPABASE_URL: "http://127.0.0.1:9",
        APP_URL: `http://127.0.0.1:${port}`,
        RESEND_API_KEY: "re_unused_in_this_test",
        RUN_WORKER: "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Logs are JSON lines on stdout; both streams explain a server that does not come up.
    server.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    server.stdout?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await expect
      .poll(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0), {
        timeout: 20_000,
        message: `the second server did not answer /healthz; its stderr:\n${stderr}`,
      })
      .toBe(200);
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  });

  test("is live but says it is not ready (503)", async () => {
    const live = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(live.status).toBe(200);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status, stderr).toBe(503);
    expect(ready.headers.get("cache-control")).toBe("no-store");
    expect(await ready.text()).toBe("The database is not reachable.\n");
  });
});

/** A port nobody listens on right now, from the operating system. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
