// Structured logs (issue 13, Robustness): every line written while a request is
// handled carries its id (X-Request-Id), one access line per request with the
// path but never the query string (magic-link codes), no cookies, and the id on
// the error page. Real HTTP against the built app (`npx remix build` first).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, localMailboxCode, signIn, startApp } from "../support/app-server";
import { seedTenant } from "../support/tenants";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 910;
let app: App;
let trusting: App;

beforeAll(async () => {
  [app, trusting] = await Promise.all([
    startApp(PORT, { NODE_ENV: "test", TRUST_PROXY: "" }),
    startApp(PORT + 1, { NODE_ENV: "test", TRUST_PROXY: "loopback" }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.stop(), trusting?.stop()]);
});

const linesOf = (from: App, id: string) => from.logLines().filter((line) => line.reqId === id);
/** The access line is written when the response finishes; wait for it (no time limit of its own). */
async function accessLine(from: App, id: string) {
  for (;;) {
    const line = linesOf(from, id).find((l) => l.msg === "request");
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("structured logs", () => {
  it("gives every request an id, echoed in X-Request-Id and on its access line", async () => {
    const res = await fetch(`${app.base}/login?next=%2Fstaff`);
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = await accessLine(app, id);
    expect(line).toMatchObject({ method: "GET", path: "/login", status: 200, level: 30 });
    expect(typeof line.ms).toBe("number");
    const other = await fetch(`${app.base}/login`);
    expect(other.headers.get("x-request-id")).not.toBe(id);
  });

  it("ignores a client's X-Request-Id unless TRUST_PROXY is set, and then uses the proxy's", async () => {
    const untrusted = await fetch(`${app.base}/healthz`, { headers: { "x-request-id": "from-the-client" } });
    expect(untrusted.headers.get("x-request-id")).not.toBe("from-the-client");
    const trusted = await fetch(`${trusting.base}/healthz`, { headers: { "x-request-id": "lb-1234" } });
    expect(trusted.headers.get("x-request-id")).toBe("lb-1234");
    expect(await accessLine(trusting, "lb-1234")).toMatchObject({ path: "/healthz", status: 200 });
    // Not a header value that could forge log lines.
    const forged = await fetch(`${trusting.base}/healthz`, { headers: { "x-request-id": "a b\"}{" } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("never logs a magic-link code, a query string, or a session cookie", async () => {
    const res = await fetch(`${app.base}/magic-link?code=123456&email=someone%40example.com`, { redirect: "manual" });
    const id = res.headers.get("x-request-id")!;
    expect((await accessLine(app, id)).path).toBe("/magic-link");
    const tenant = await seedTenant("logs");
    const cookie = await signIn(app.base, tenant.contacts.viewer.email, localMailboxCode);
    const page = await fetch(`${app.base}/c/${tenant.client.slug}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    await accessLine(app, page.headers.get("x-request-id")!);
    const output = app.output();
    expect(output).not.toContain("123456");
    expect(output).not.toContain("someone");
    expect(output).not.toContain(cookie.split("=")[1]);
  });

  it("shows the request id on the error page, the same as in the header and the log", async () => {
    const res = await fetch(`${app.base}/no-such-page-here`);
    expect(res.status).toBe(404);
    const id = res.headers.get("x-request-id")!;
    const html = await res.text();
    // The page shows it once hydrated (from this meta tag), so server and browser render the same.
    expect(html).toContain(`<meta name="request-id" content="${id}"/>`);
    expect(await accessLine(app, id)).toMatchObject({ path: "/no-such-page-here", status: 404 });
  });

  it("writes a failed request's error with its id", async () => {
    // A malformed URL is refused (400) before anything decodes it; still one line with its id.
    const res = await fetch(`${app.base}/c/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await accessLine(app, res.headers.get("x-request-id")!)).toMatchObject({ status: 400 });
  });
});
