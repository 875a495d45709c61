// The local API gateway: what Kong is in `supabase start`. It maps /rest/v1 to
// PostgREST (so supabase-js gets an ordinary SUPABASE_URL), checks the apikey
// header like Kong's key-auth, verifies the bearer token before PostgREST sees
// it (a signature by a known key, an `exp`, and one of the roles the app uses),
// and serves a Resend-compatible mailbox at /mailbox that catches mail when no
// RESEND_API_KEY is set, to this machine only.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTHeaderParameters } from "jose";
import { LRUCache } from "lru-cache";

export type GatewayOptions = {
  port: number;
  postgrestPort: number;
  /**
   * Accepted apikey values, each with the token used when the request carries
   * none of its own (or carries the key itself as its bearer, as supabase-js
   * does with sb_publishable_/sb_secret_ keys): legacy JWT keys map to
   * themselves, new-format keys to a JWT of their role, as on hosted Supabase.
   */
  apiKeys: Record<string, string>;
  /** The keys tokens may be signed with: the legacy HS256 secret and a JWKS of public keys (ES256). */
  jwtSecret: string;
  jwks?: JSONWebKeySet;
  mailboxDir: string;
};

/** The roles a token may carry: the ones the app uses. Never authenticator, postgres or any other. */
export const ALLOWED_ROLES = new Set(["anon", "authenticated", "service_role"]);

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(address: string | undefined) {
  return LOOPBACK.test(address ?? "");
}

export type StoredEmail = {
  id: string;
  created_at: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  reply_to?: string | string[];
  tags?: { name: string; value: string }[];
  headers?: Record<string, string>;
};

function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

class Mailbox {
  constructor(private dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
  }

  store(payload: Record<string, unknown>): StoredEmail {
    const to = Array.isArray(payload.to) ? payload.to.map(String) : [String(payload.to ?? "")];
    if (!payload.from || !to[0] || !payload.subject) {
      throw Object.assign(new Error("`from`, `to` and `subject` are required"), { status: 422 });
    }
    const email: StoredEmail = {
      id: randomUUID(),
      created_at: new Date().toISOString(),
      from: String(payload.from),
      to,
      subject: String(payload.subject),
      html: payload.html as string | undefined,
      text: payload.text as string | undefined,
      reply_to: payload.reply_to as string | string[] | undefined,
      tags: payload.tags as StoredEmail["tags"],
      headers: payload.headers as StoredEmail["headers"],
    };
    // Time-ordered file names keep listing cheap and newest-first.
    const name = `${Date.now().toString().padStart(15, "0")}-${email.id}.json`;
    // Emails hold sign-in codes: readable by their owner only, like the secrets.
    fs.writeFileSync(path.join(this.dir, name), JSON.stringify(email), { mode: 0o600 });
    return email;
  }

  files() {
    return fs.readdirSync(this.dir).filter((f) => f.endsWith(".json")).sort().reverse();
  }

  list(to?: string | null) {
    const wanted = to?.toLowerCase();
    return this.files()
      .map((f) => JSON.parse(fs.readFileSync(path.join(this.dir, f), "utf8")) as StoredEmail)
      .filter((m) => !wanted || m.to.some((t) => t.toLowerCase().includes(wanted)));
  }

  get(id: string) {
    const file = this.files().find((f) => f.endsWith(`-${id}.json`));
    return file ? (JSON.parse(fs.readFileSync(path.join(this.dir, file), "utf8")) as StoredEmail) : null;
  }

  clear() {
    for (const f of this.files()) fs.rmSync(path.join(this.dir, f));
  }
}

export function startGateway(options: GatewayOptions): Promise<http.Server> {
  const mailbox = new Mailbox(options.mailboxDir);
  // Imported once: handing jose the raw secret re-imports it on every token
  // (as app/lib/supabase.server.ts found when signing), which made the gateway
  // cost more CPU per request than PostgREST.
  const secret = crypto.subtle.importKey("raw", new TextEncoder().encode(options.jwtSecret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  // A secret that cannot be imported refuses every HS256 token (when keyFor awaits it), not the process.
  secret.catch(() => {});
  const jwks = options.jwks ? createLocalJWKSet(options.jwks) : null;
  const keyFor = async (header: JWTHeaderParameters) => {
    if (header.alg === "HS256") return secret;
    if (jwks && header.alg === "ES256") return jwks(header);
    throw new Error(`unsupported alg ${header.alg}`);
  };

  // Tokens already found good, until they expire: the app reuses a person's token
  // for a minute (app/lib/supabase.server.ts), and checking its signature again
  // (WebCrypto HMAC, ~0.4 ms) was the gateway's largest cost per request. Only
  // exact token strings that passed every check are kept; anything else is
  // checked in full.
  const verified = new LRUCache<string, true>({ max: 10_000 });

  /** The token's problem (as PostgREST would answer it), or null when it is signed by a known key, unexpired, with an allowed role. */
  async function tokenProblem(token: string): Promise<{ status: number; code: string; message: string } | null> {
    if (verified.get(token)) return null;
    try {
      const { payload } = await jwtVerify(token, keyFor, { algorithms: ["HS256", "ES256"], requiredClaims: ["exp"] });
      if (typeof payload.role !== "string" || !ALLOWED_ROLES.has(payload.role)) {
        return { status: 403, code: "42501", message: `JWT role ${JSON.stringify(payload.role ?? null)} is not allowed` };
      }
      // Kept until a second before it expires (jose allows no clock tolerance here either).
      const ttl = (payload.exp! - 1) * 1000 - Date.now();
      if (ttl > 0) verified.set(token, true, { ttl });
      return null;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const message = code === "ERR_JWT_EXPIRED" ? "JWT expired" : `JWT invalid: ${(error as Error).message}`;
      return { status: 401, code: "PGRST301", message };
    }
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (url.pathname.startsWith("/rest/v1/") || url.pathname === "/rest/v1") {
        return await proxyToPostgrest(req, res, url);
      }
      if (url.pathname.startsWith("/mailbox/") || url.pathname === "/mailbox") {
        // The mailbox holds sign-in codes: this machine only.
        if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, { message: "The local mailbox is reachable from this machine only" });
        return await handleMailbox(req, res, url);
      }
      if (url.pathname === "/health") return send(res, 200, { status: "ok" });
      send(res, 404, { message: "no route matched" });
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      send(res, status, { name: "gateway_error", statusCode: status, message: (error as Error).message });
    }
  });

  async function proxyToPostgrest(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const apikey = req.headers.apikey ?? url.searchParams.get("apikey");
    if (!apikey) return send(res, 401, { message: "No API key found in request" });
    if (typeof apikey !== "string" || !Object.hasOwn(options.apiKeys, apikey)) return send(res, 401, { message: "Invalid API key" });
    url.searchParams.delete("apikey");
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: `127.0.0.1:${options.postgrestPort}` };
    delete headers.apikey;
    const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? "")?.[1];
    if (headers.authorization && !bearer) return send(res, 401, { code: "PGRST301", message: "Authorization must be a Bearer token" });
    const token = !bearer || bearer === apikey ? options.apiKeys[apikey] : bearer;
    const problem = await tokenProblem(token);
    if (problem) return send(res, problem.status, { code: problem.code, message: problem.message });
    headers.authorization = `Bearer ${token}`;
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: options.postgrestPort,
        method: req.method,
        path: (url.pathname.replace(/^\/rest\/v1/, "") || "/") + url.search,
        headers,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) send(res, 502, { message: `PostgREST unreachable: ${error.message}` });
      else res.destroy(error);
    });
    req.pipe(upstream);
  }

  async function handleMailbox(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const route = url.pathname.slice("/mailbox".length);
    if (req.method === "POST" && (route === "/emails" || route === "/emails/batch")) {
      if (!req.headers.authorization?.startsWith("Bearer ")) {
        return send(res, 401, { name: "missing_api_key", statusCode: 401, message: "Missing API key" });
      }
      const body = await readJson(req);
      if (route === "/emails") return send(res, 200, { id: mailbox.store(body as Record<string, unknown>).id });
      const items = Array.isArray(body) ? body : [];
      return send(res, 200, { data: items.map((item) => ({ id: mailbox.store(item as Record<string, unknown>).id })) });
    }
    if (req.method === "GET" && route === "/messages") {
      return send(res, 200, { data: mailbox.list(url.searchParams.get("to")) });
    }
    const match = /^\/messages\/([0-9a-f-]{36})$/.exec(route);
    if (req.method === "GET" && match) {
      const email = mailbox.get(match[1]);
      return email ? send(res, 200, email) : send(res, 404, { message: "No such message" });
    }
    if (req.method === "DELETE" && route === "/messages") {
      mailbox.clear();
      return send(res, 200, { ok: true });
    }
    send(res, 404, { message: "no route matched" });
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve(server));
  });
}
