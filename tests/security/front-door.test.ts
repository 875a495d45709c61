// The sign-in "front door", attacked from outside (issue 7 items 1-6, 12-15 and
// the hosted key formats): real HTTP against the built app (`node server.js`,
// build first with `npx remix build`) and against the gateway/PostgREST.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { SignJWT, importJWK, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEs256Jwk } from "../../supabase/local/secrets";
import { isLoopback, startGateway } from "../../supabase/local/gateway";
import { nowSeconds, rest, signToken } from "../support/attack";
import { sql, stackEnv, uniq } from "../support/stack";
import { seedPerson, seedTenant } from "../support/tenants";

const BASE_PORT = Number(process.env.E2E_PORT ?? 3100) + 900;
const servers: ChildProcess[] = [];

async function startApp(port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["server.js"], {
    // TRUST_PROXY: each request below names its own client address, so the per-address limit stays out of the way.
    env: { ...process.env, PORT: String(port), NODE_ENV: "test", TRUST_PROXY: "loopback", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  servers.push(child);
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c));
  child.stderr!.on("data", (c: Buffer) => (output += c));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited: ${output}`);
    if (output.includes("Portal ready")) return `http://localhost:${port}`;
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(() => {
  for (const child of servers) child.kill("SIGTERM");
});

type Mail = { id: string; subject: string; html?: string; text?: string; to: string[] };
async function mailFor(email: string): Promise<Mail[]> {
  const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  return ((await res.json()) as { data: Mail[] }).data;
}
/** Waits (polling, no time limit of its own) until `email` has at least `count` messages. */
async function waitForMail(email: string, count: number) {
  for (;;) {
    const mail = await mailFor(email);
    if (mail.length >= count) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

/** A raw request (fetch cannot send another Host header). */
function raw(base: string, pathname: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<Response>((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
        resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode, headers: h }));
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function post(base: string, pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return raw(base, pathname, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": randomIp(), ...headers },
    body: form(fields),
  });
}

const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;
const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0];

describe("the app (NODE_ENV=test, APP_URL unset: http://localhost:$PORT)", () => {
  let base = "";
  beforeAll(async () => {
    base = await startApp(BASE_PORT);
  });

  it("1: a magic link is built on the configured origin, whatever Host the request names", async () => {
    const person = await seedPerson(uniq("host"));
    const res = await post(base, "/login", { email: person.email }, { host: "portal.attacker.example" });
    expect(res.status).toBe(302);
    const [mail] = await waitForMail(person.email, 1);
    expect(mail.html).toContain(`http://localhost:${BASE_PORT}/magic-link?code=`);
    expect(mail.html).not.toContain("attacker.example");
    expect(mail.text).not.toContain("attacker.example");
  });

  it("2: the code is not in the subject line", async () => {
    const person = await seedPerson(uniq("subject"));
    await post(base, "/login", { email: person.email });
    const [mail] = await waitForMail(person.email, 1);
    expect(mail.subject).not.toMatch(/\d{6}/);
    expect(mail.text).toMatch(/\d{6}/);
  });

  it("2: the mailbox pages refuse a client that is not this machine", async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    // From this machine (loopback): the mailbox answers.
    expect((await fetch(`${base}/dev/mailbox`)).status).toBe(200);
    if (!external) return; // no network interface other than loopback on this machine
    const res = await fetch(`http://${external.address}:${BASE_PORT}/dev/mailbox`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/\d{6}/);
  });

  it("4: 50 parallel code requests for one email send at most 5 codes", async () => {
    const person = await seedPerson(uniq("burst"));
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(base, "/login", { email: person.email }, { "x-forwarded-for": `10.9.${i}.1` })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    const [{ n }] = await sql<{ n: string }>(
      "select count(*) as n from auth_events where kind = 'code_requested' and email = $1",
      [person.email],
    );
    expect(Number(n)).toBe(5);
    expect((await waitForMail(person.email, 5)).length).toBe(5);
  });

  it("3: 50 parallel wrong codes check at most 5, and then even the right code is refused", async () => {
    const person = await seedPerson(uniq("guess"));
    const login = await post(base, "/login", { email: person.email });
    const cookie = cookieOf(login);
    const [mail] = await waitForMail(person.email, 1);
    const code = /(\d{6})/.exec(mail.text ?? "")![1];
    const wrong = code === "000000" ? "111111" : "000000";
    // Every guess replays the same cookie (the library's own counter starts at 0 in each).
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post(base, "/verify", { code: wrong }, { cookie })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    expect(statuses.filter((s) => s === 302)).toHaveLength(5);
    const [{ n }] = await sql<{ n: string }>(
      "select count(*) as n from auth_events where kind = 'code_checked' and email = $1",
      [person.email],
    );
    expect(Number(n)).toBe(5);
    const right = await post(base, "/verify", { code }, { cookie });
    expect(right.status).toBe(429);
    expect(right.headers.get("location")).toBeNull();
  });

  it("5: POST /verify with an email and a wrong code sends nothing and is counted", async () => {
    const person = await seedPerson(uniq("verify"));
    const cookie = cookieOf(await post(base, "/login", { email: person.email }));
    await waitForMail(person.email, 1);
    const res = await post(base, "/verify", { email: person.email, code: "000000" }, { cookie });
    expect(res.headers.get("location")).toBe("/verify");
    const rows = await sql<{ kind: string }>("select kind from auth_events where email = $1 order by id", [person.email]);
    expect(rows.map((r) => r.kind)).toEqual(["code_requested", "code_checked"]);
    // A later request for the same person is the second email, not the third.
    await post(base, "/login", { email: person.email });
    expect((await waitForMail(person.email, 2)).length).toBe(2);
  });

  it("6: known and unknown emails do the same database work before the answer", async () => {
    const known = await seedPerson(uniq("known"));
    const unknown = `${uniq("nobody")}@test.example`;
    const [a, b] = await Promise.all([post(base, "/login", { email: known.email }), post(base, "/login", { email: unknown })]);
    expect([a.status, a.headers.get("location")]).toEqual([b.status, b.headers.get("location")]);
    const rows = await sql<{ email: string; kind: string }>(
      "select email, kind from auth_events where email in ($1, $2) order by email",
      [known.email, unknown],
    );
    expect(rows.map((r) => r.kind)).toEqual(["code_requested", "code_requested"]);
  });

  it("12: a Content-Security-Policy with a fresh nonce that the page's scripts carry", async () => {
    const [one, two] = await Promise.all([fetch(`${base}/login`), fetch(`${base}/login`)]);
    const csp = one.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(two.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    const html = await one.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
    // http origin: no HSTS, no Secure cookie.
    expect(one.headers.get("strict-transport-security")).toBeNull();
  });

  it("13: a malformed URL is a 400 without a stack trace or paths", async () => {
    const res = await fetch(`${base}/c/%E0%A4%A`);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).not.toMatch(/at |\/work\/|node_modules|URIError/);
  });
});

describe("the app in production (NODE_ENV=production)", () => {
  let base = "";
  const port = BASE_PORT + 1;
  beforeAll(async () => {
    base = await startApp(port, {
      NODE_ENV: "production",
      APP_URL: `http://localhost:${port}`,
      RESEND_API_KEY: "re_not_used_in_this_test",
    });
  });

  it("1: a request for another host is not served", async () => {
    const res = await raw(base, "/login", { headers: { host: "portal.attacker.example" } });
    expect(res.status).toBe(421);
    expect((await fetch(`${base}/login`)).status).toBe(200);
  });

  it("1: a load balancer probing by address still gets /healthz, and nothing else", async () => {
    const probe = await raw(base, "/healthz", { headers: { host: "lb-probe.internal:3000" } });
    expect(probe.status).toBe(200);
    expect((await raw(base, "/", { headers: { host: "lb-probe.internal:3000" } })).status).toBe(421);
  });

  it("2: the local mailbox is never on, even from this machine", async () => {
    expect((await fetch(`${base}/dev/mailbox`)).status).toBe(404);
  });

  it("13: malformed URLs and unknown pages say nothing about the code or the machine", async () => {
    for (const p of ["/c/%E0%A4%A", "/%", "/c/%ZZ", "/no-such-page"]) {
      const res = await fetch(`${base}${p}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).not.toMatch(/\n\s+at |\/work\/|node_modules|URIError|\.js:\d+/);
    }
  });
});

describe("an https APP_URL", () => {
  it("12: HSTS, and the session cookie is Secure", async () => {
    const port = BASE_PORT + 2;
    const base = await startApp(port, { APP_URL: "https://portal.example.test", SESSION_COOKIE_SECURE: "false" });
    const person = await seedPerson(uniq("secure"));
    const res = await post(base, "/login", { email: person.email });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    const [mail] = await waitForMail(person.email, 1);
    expect(mail.html).toContain("https://portal.example.test/magic-link?code=");
  });
});

describe("15: the gateway", () => {
  const claims = () => ({ role: "authenticated", aud: "authenticated", sub: crypto.randomUUID(), iat: nowSeconds() });

  it("refuses a correctly signed token without exp", async () => {
    const res = await rest("/clients?select=id", { apikey: stackEnv.anonKey, token: await signToken(claims()) });
    expect(res).toEqual({ status: 401, body: expect.objectContaining({ code: "PGRST301" }) });
  });

  it.each(["authenticator", "postgres", "supabase_admin", ""])("refuses role %j, correctly signed", async (role) => {
    const token = await signToken({ ...claims(), role, exp: nowSeconds() + 300 });
    const res = await rest("/clients?select=id", { apikey: stackEnv.anonKey, token });
    expect(res.status).toBe(403);
  });

  it("a token it let through is refused by the gateway itself once it has expired (good tokens are remembered until then only)", async () => {
    // A stand-in for PostgREST that lets everything through: any refusal below is the gateway's.
    const upstream = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("[]"));
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-"));
    const port = BASE_PORT + 4;
    const secret = "y".repeat(32);
    const gateway = await startGateway({
      port,
      postgrestPort: (upstream.address() as { port: number }).port,
      apiKeys: { "local-key": "unused" },
      jwtSecret: secret,
      mailboxDir: path.join(dir, "mail"),
    });
    const call = (token: string) =>
      fetch(`http://127.0.0.1:${port}/rest/v1/clients`, { headers: { apikey: "local-key", authorization: `Bearer ${token}` } }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as unknown,
      }));
    try {
      const exp = nowSeconds() + 2;
      const token = await new SignJWT({ role: "authenticated" }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setExpirationTime(exp).sign(new TextEncoder().encode(secret));
      expect(await call(token)).toEqual({ status: 200, body: [] });
      expect(await call(token)).toEqual({ status: 200, body: [] });
      await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 100));
      expect(await call(token)).toEqual({ status: 401, body: expect.objectContaining({ code: "PGRST301", message: "JWT expired" }) });
      // A disallowed role stays refused however often it is sent.
      const postgres = await new SignJWT({ role: "postgres" }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setExpirationTime("5m").sign(new TextEncoder().encode(secret));
      for (let i = 0; i < 2; i++) expect((await call(postgres)).status).toBe(403);
    } finally {
      await new Promise((r) => gateway.close(r));
      await new Promise((r) => upstream.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the mailbox API answers loopback clients only", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("192.168.1.20")).toBe(false);
    expect(isLoopback("::ffff:10.0.0.1")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });

  it("writes mailbox files readable by their owner only (0600)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailbox-"));
    const port = BASE_PORT + 3;
    const gateway = await startGateway({ port, postgrestPort: 1, apiKeys: {}, jwtSecret: "x".repeat(32), mailboxDir: path.join(dir, "mail") });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/mailbox/emails`, {
        method: "POST",
        headers: { authorization: "Bearer re_local", "content-type": "application/json" },
        body: JSON.stringify({ from: "a@x.example", to: "b@x.example", subject: "hi", text: "123456" }),
      });
      expect(res.status).toBe(200);
      const files = fs.readdirSync(path.join(dir, "mail"));
      expect(files).toHaveLength(1);
      expect(fs.statSync(path.join(dir, "mail", files[0])).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dir, "mail")).mode & 0o777).toBe(0o700);
    } finally {
      await new Promise((r) => gateway.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("hosted key formats on the local stack", () => {
  async function es256Token(jwk: JWK, personId: string, email: string) {
    const { d: _d, ...pub } = jwk;
    void pub;
    return new SignJWT({ role: "authenticated", email })
      .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: jwk.kid })
      .setSubject(personId)
      .setAudience("authenticated")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(await importJWK(jwk, "ES256"));
  }

  it("a token signed with the imported ES256 key reads under RLS", async () => {
    const tenant = await seedTenant(uniq("es256"));
    const jwk = JSON.parse(process.env.LOCAL_JWT_PRIVATE_KEY!) as JWK;
    const token = await es256Token(jwk, tenant.pm.id, tenant.pm.email);
    const res = await rest(`/clients?select=id`, { apikey: stackEnv.anonKey, token });
    expect(res).toEqual({ status: 200, body: expect.arrayContaining([{ id: tenant.client.id }]) });
    // and only what RLS lets the PM see: not every client
    const [{ n }] = await sql<{ n: string }>("select count(*) as n from clients");
    expect((res.body as unknown[]).length).toBeLessThan(Number(n));
  });

  it("the app's mintAccessToken signs ES256 with the key and PostgREST accepts it", async () => {
    const tenant = await seedTenant(uniq("mint"));
    const { loadSigningKey, mintAccessToken } = await import("~/lib/supabase.server");
    const signingKey = await loadSigningKey({ privateKey: process.env.LOCAL_JWT_PRIVATE_KEY });
    const token = await mintAccessToken({ id: tenant.pm.id, email: tenant.pm.email }, 60, { signingKey });
    expect(JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString()).alg).toBe("ES256");
    const res = await rest(`/clients?select=id&id=eq.${tenant.client.id}`, { apikey: stackEnv.anonKey, token });
    expect(res).toEqual({ status: 200, body: [{ id: tenant.client.id }] });
  });

  it("a token signed by another ES256 key (same kid) is refused", async () => {
    const tenant = await seedTenant(uniq("es256-bad"));
    const real = JSON.parse(process.env.LOCAL_JWT_PRIVATE_KEY!) as JWK;
    const other = { ...generateEs256Jwk(), kid: real.kid };
    const res = await rest(`/clients?select=id`, { apikey: stackEnv.anonKey, token: await es256Token(other, tenant.pm.id, tenant.pm.email) });
    expect(res).toEqual({ status: 401, body: expect.objectContaining({ code: "PGRST301" }) });
  });

  it("sb_publishable_ and sb_secret_ keys act as anon and service_role", async () => {
    const tenant = await seedTenant(uniq("sbkeys"));
    const pub = process.env.LOCAL_PUBLISHABLE_KEY!;
    const secret = process.env.LOCAL_SECRET_KEY!;
    expect(pub).toMatch(/^sb_publishable_/);
    expect(secret).toMatch(/^sb_secret_/);
    // As supabase-js sends them: apikey and the same key as the bearer.
    // The publishable key is anon: exactly what the legacy anon key gets (anon has no grant on clients).
    const asPub = await rest(`/clients?select=id&id=eq.${tenant.client.id}`, { apikey: pub, token: pub });
    const asAnon = await rest(`/clients?select=id&id=eq.${tenant.client.id}`, { apikey: stackEnv.anonKey });
    expect(asPub).toEqual(asAnon);
    expect(asPub.status).toBe(401);
    expect(await rest(`/clients?select=id&id=eq.${tenant.client.id}`, { apikey: secret, token: secret })).toEqual({
      status: 200,
      body: [{ id: tenant.client.id }],
    });
    expect((await rest(`/clients?select=id`, { apikey: "sb_secret_guessed" })).status).toBe(401);
  });
});
