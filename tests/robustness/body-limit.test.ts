// Oversized request bodies (issue 13, Robustness): a body over the limit
// (MAX_BODY_BYTES, 4 MB by default, server.js) is answered 413 with a message,
// read to its end first so the client gets the answer instead of a reset
// connection; a body of unknown length is answered 411; large bodies under the
// limit (100 KB+ values, as `FUZZ_HUGE=1` sends) get an ordinary answer on
// every action route; and the largest legitimate form (a 200,000-character
// requirement draft) still saves. Real HTTP against the built app
// (`npx remix build` first).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, localMailboxCode, postForm, signIn, startApp } from "../support/app-server";
import { sql } from "../support/stack";
import { seedTenant, type Tenant } from "../support/tenants";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 950;
const MB = 1024 * 1024;

let app: App;
let tenant: Tenant;
let pm: string;
let approver: string;
let documentId: string;

beforeAll(async () => {
  app = await startApp(PORT, { NODE_ENV: "test", TRUST_PROXY: "loopback" });
  tenant = await seedTenant("bodylimit");
  pm = await signIn(app.base, tenant.pm.email, localMailboxCode, { "x-forwarded-for": "10.11.0.1" });
  approver = await signIn(app.base, tenant.contacts.approver.email, localMailboxCode, { "x-forwarded-for": "10.11.0.2" });
  const created = await postForm(app.base, `/staff/clients/${tenant.client.slug}/requirements?index`, { intent: "create-document", title: "Big scope", approverIds: tenant.contacts.approver.id }, { cookie: pm });
  expect(created.status).toBe(302);
  documentId = created.headers.get("location")!.split("/").at(-1)!;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const calendarFeeds = async () => Number((await sql<{ n: string }>("select count(*) as n from calendar_feeds where client_id = $1", [tenant.client.id]))[0]!.n);

describe("request body limits", () => {
  it("answers a body over the limit with 413 and a message, not a reset connection, and saves nothing", async () => {
    const before = await calendarFeeds();
    const res = await fetch(`${app.base}/c/${tenant.client.slug}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.base, cookie: approver, "x-forwarded-for": "10.11.0.2" },
      body: `intent=create-calendar-feed&padding=${"x".repeat(5 * MB)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/Request too large: a form may send at most 4 MB/);
    expect(await calendarFeeds()).toBe(before);

    // Signed out, and to a page that only redirects: the same answer.
    const anonymous = await fetch(`${app.base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.base },
      body: `email=${"a".repeat(5 * MB)}`,
    });
    expect(anonymous.status).toBe(413);
    expect(await anonymous.text()).toMatch(/too large/);
  });

  it("answers an oversized file upload with 413 too", async () => {
    const form = new FormData();
    form.append("name", "Bigger logo");
    form.append("logo", new Blob([new Uint8Array(6 * MB)], { type: "image/png" }), "logo.png");
    const res = await fetch(`${app.base}/staff/clients/${tenant.client.slug}/settings`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: app.base, cookie: pm, "x-forwarded-for": "10.11.0.1" },
      body: form,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/Shorten the text or attach a smaller file/);
  });

  it("answers a body of unknown length (chunked) with 411", async () => {
    const chunks = ["intent=create-calendar-feed", "&x=1"];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const before = await calendarFeeds();
    const res = await fetch(`${app.base}/c/${tenant.client.slug}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: app.base, cookie: approver, "x-forwarded-for": "10.11.0.2" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(411);
    expect(await res.text()).toMatch(/Length required/);
    expect(await calendarFeeds()).toBe(before);
  });

  it("gives large bodies under the limit an ordinary answer on every action route, signed in or not", async () => {
    const slug = tenant.client.slug;
    const routes: [path: string, cookie: string | null][] = [
      ["/login", null],
      ["/verify", null],
      ["/logout", approver],
      [`/c/${slug}`, approver],
      [`/c/${slug}`, null],
      [`/c/${slug}/pulse`, approver],
      [`/c/${slug}/requirements/${documentId}`, approver],
      [`/c/${slug}/updates/${documentId}`, approver],
      ["/staff/clients/new", pm],
      [`/staff/clients/${slug}/settings`, pm],
      [`/staff/clients/${slug}/team`, pm],
      [`/staff/clients/${slug}/plan`, pm],
      [`/staff/clients/${slug}/requirements?index`, pm],
      [`/staff/clients/${slug}/requirements/${documentId}`, pm],
      [`/staff/clients/${slug}/feedback`, pm],
      [`/staff/clients/${slug}/handoff`, pm],
      [`/staff/clients/${slug}/updates`, pm],
      [`/staff/clients/${slug}/plan`, null],
    ];
    for (const size of [100_001, 250_000, 1_000_000]) {
      for (const [path, cookie] of routes) {
        for (const multipart of [false, true]) {
          let body: BodyInit;
          const headers: Record<string, string> = { origin: app.base, "x-forwarded-for": "10.11.1.1", ...(cookie ? { cookie } : {}) };
          if (multipart) {
            const form = new FormData();
            form.append("intent", "nonsense");
            form.append("title", "x".repeat(size));
            body = form;
          } else {
            headers["content-type"] = "application/x-www-form-urlencoded";
            body = `intent=nonsense&title=${"x".repeat(size)}`;
          }
          const where = `POST ${path} (${cookie ? "signed in" : "signed out"}, ${size} characters, ${multipart ? "multipart" : "urlencoded"})`;
          const res = await fetch(`${app.base}${path}`, { method: "POST", redirect: "manual", headers, body }).catch((error: Error) => {
            throw new Error(`${where}: ${error.message} (${String((error.cause as Error | undefined)?.message ?? "")})`);
          });
          expect(res.status, where).toBeLessThan(500);
          expect(res.status, where).not.toBe(413);
          if (res.status >= 400) expect((await res.text()).trim().length, where).toBeGreaterThan(0);
          else await res.arrayBuffer();
        }
      }
    }
    // The approver was signed out by /logout above: sign in again for what follows.
    approver = await signIn(app.base, tenant.contacts.approver.email, localMailboxCode, { "x-forwarded-for": "10.11.0.2" });
  }, 300_000);

  it("still saves the largest legitimate form: a 200,000-character requirement draft", async () => {
    const draft = "é".repeat(200_000); // 2 bytes in UTF-8, 6 once form-encoded: 1.2 MB on the wire
    const res = await postForm(
      app.base,
      `/staff/clients/${tenant.client.slug}/requirements/${documentId}`,
      { intent: "save-draft", title: "Big scope", approverIds: tenant.contacts.approver.id, draftMarkdown: draft, baseVersion: "0" },
      { cookie: pm, "x-forwarded-for": "10.11.0.1" },
    );
    expect(res.status).toBeLessThan(400);
    const [row] = await sql<{ n: number }>("select length(body_markdown) as n from requirement_drafts where document_id = $1", [documentId]);
    expect(row!.n).toBe(200_000);
  });
});
