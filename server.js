// The portal's HTTP server: Express + the Remix request handler.
// `npm start` runs it behind the local stack; in production run it directly
// (NODE_ENV=production node server.js) with the environment from the README.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";

const BUILD_PATH = path.resolve("build/index.js");
const VERSION_PATH = path.resolve("build/version.txt");
const isDev = process.env.NODE_ENV === "development";
const isProduction = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
// The configured origin (APP_URL): every absolute URL the app writes is on it
// (app/lib/env.server.ts checks it the same way), and in production no other
// Host is served.
if (isProduction && !process.env.APP_URL) {
  console.error("APP_URL is required in production, e.g. APP_URL=https://portal.example.com");
  process.exit(1);
}
const appUrl = new URL(process.env.APP_URL ?? `http://localhost:${port}`);
const https = appUrl.protocol === "https:";

const app = express();
app.disable("x-powered-by");
// Behind a proxy or load balancer, set TRUST_PROXY so the client address
// (recorded as evidence, used by sign-in limits) comes from X-Forwarded-For:
// a hop count ("1"), "true", or addresses/subnets ("loopback", "10.0.0.0/8").
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === "true" ? true : trustProxy);

// A request id on every request (a trusted proxy's X-Request-Id only with
// TRUST_PROXY), echoed in X-Request-Id, on every log line written meanwhile
// (app/lib/log.server.ts) and on the error page; one access line per request,
// its path without the query string (which can hold a sign-in code).
const TRUSTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;
app.use((req, res, next) => {
  const given = trustProxy ? req.get("x-request-id") : undefined;
  const id = given && TRUSTED_ID.test(given) ? given : randomUUID();
  const { logger, requestContext } = build.entry.module;
  const started = process.hrtime.bigint();
  res.locals.requestId = id;
  res.set("X-Request-Id", id);
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    requestContext.run({ id }, () => logger.info({ method: req.method, path: req.originalUrl.split("?")[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request"));
  });
  requestContext.run({ id }, next);
});

// Request bodies have a size limit (MAX_BODY_BYTES, default 4 MB: the largest
// legitimate form is a 200,000-character requirement draft, up to ~1.8 MB
// urlencoded, and a logo is at most 256 KB): a larger declared body is
// answered 413 with a message. Browsers declare the length of every form they
// send; a body without one (chunked) is answered 411, so no body of unknown
// size reaches Remix. Either way the body is read and discarded first (up to
// DRAIN_LIMIT): closing a connection the client is still writing to resets it,
// and the client would see ECONNRESET instead of the answer.
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 4 * 1024 * 1024);
const DRAIN_LIMIT = 64 * 1024 * 1024;
const TOO_LARGE = `Request too large: a form may send at most ${Math.floor(MAX_BODY_BYTES / (1024 * 1024))} MB. Shorten the text or attach a smaller file.`;
const NO_LENGTH = "Length required: send the form with a Content-Length header.";

function refuseBody(req, res, status, message) {
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    res.status(status).set("Connection", "close").type("text/plain").send(message);
  };
  let drained = 0;
  req.on("data", (chunk) => {
    drained += chunk.length;
    // Past this, stop reading: answer now and let the connection go.
    if (drained > DRAIN_LIMIT) {
      answer();
      req.destroy();
    }
  });
  req.on("end", answer);
  req.on("error", () => {});
}

app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  // A page can answer before reading the body it was sent (a signed-out
  // visitor redirected to /login; a refusal). Remix has started reading it
  // (Node then leaves the rest on the wire), so the connection would stall and
  // be reset at the keep-alive timeout while the client still writes: the
  // client saw ECONNRESET instead of the answer. The rest of such a body
  // (at most MAX_BODY_BYTES) is read and dropped once the answer is sent.
  res.on("finish", () => {
    if (req.complete || req.destroyed) return;
    req.removeAllListeners("data");
    req.on("data", () => {});
    req.on("error", () => {});
    req.resume();
  });
  const declared = req.get("content-length");
  if (declared !== undefined) return Number(declared) > MAX_BODY_BYTES ? refuseBody(req, res, 413, TOO_LARGE) : next();
  if (req.get("transfer-encoding")) return refuseBody(req, res, 411, NO_LENGTH);
  next();
});

// A malformed URL (a broken %-escape) is the client's mistake: 400, before
// anything tries to decode it and fails with a stack trace.
app.use((req, res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    res.status(400).type("text/plain").send("Bad request: the address is not a valid URL.");
    return;
  }
  next();
});

// In production only APP_URL's host is served: links built from another Host
// header never exist, and requests meant for another site are refused.
if (isProduction) {
  // Health probes come from load balancers by address, so they are exempt (they reveal nothing).
  app.use((req, res, next) => {
    if (req.get("host") === appUrl.host || req.path === "/healthz" || req.path === "/readyz") return next();
    res.status(421).type("text/plain").send("Misdirected request: this server does not serve that host.");
  });
}

// The local mailbox (app pages /dev/mailbox*) holds sign-in codes: only the
// machine itself may read it, whatever address the server listens on. The
// socket's address, not X-Forwarded-For: a proxy header can claim anything.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
app.use(["/dev/mailbox", "/dev/mailbox/*"], (req, res, next) => {
  if (!isProduction && LOOPBACK.test(req.socket.remoteAddress ?? "")) return next();
  res.status(404).type("text/plain").send("Not found");
});

app.use((req, res, next) => {
  // A fresh nonce per response: only scripts carrying it run (no 'unsafe-inline'
  // for scripts; pages render people's Markdown).
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    // remix dev's live reload talks over a websocket on another port.
    isDev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  res.set({
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  });
  if (https) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// State-changing requests must come from our own pages. Browsers send Origin
// on every cross-origin POST (and Sec-Fetch-Site on all modern requests);
// anything from another origin is refused before it reaches an action.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const host = req.get("host");
  let sameOrigin = fetchSite ? fetchSite === "same-origin" || fetchSite === "none" : true;
  if (origin && origin !== "null") {
    try {
      sameOrigin = new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  } else if (origin === "null") {
    sameOrigin = false;
  }
  if (!sameOrigin) {
    res.status(403).type("text/plain").send("Cross-origin requests cannot change anything here.");
    return;
  }
  next();
});

// Liveness for load balancers: the process answers; touches nothing else
// (readiness, with the database, is the /readyz route).
app.get("/healthz", (req, res) => {
  res.set("Cache-Control", "no-store").type("text/plain").send("ok\n");
});

// gzip or brotli, as the browser asks: HTML documents and the /build assets.
// Not Remix's single-fetch data (`*.data`, turbo-stream): compressed, a task's
// "mark done" POST never finished in the browser (tests/e2e/portal.spec.ts).
// Pages are gzipped even when the browser also takes brotli: a brotli stream
// allocates its large window on every response, which halved /login's
// throughput (73 against 118 req/s with gzip, 20 connections on 2 cores) for a
// few hundred bytes less. The long-cached /build assets keep brotli.
app.use((req, res, next) => {
  const accepted = req.headers["accept-encoding"];
  if (accepted && !req.path.startsWith("/build/")) req.headers["accept-encoding"] = accepted.replace(/(^|,)\s*br\s*(;[^,]*)?(?=,|$)/gi, "");
  next();
});
app.use(compression({ filter: (req, res) => !req.path.endsWith(".data") && compression.filter(req, res) }));

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// The other files in public/ (favicon, logos), mounted by their top-level
// name: a catch-all static handler looked for every page's path on disk first.
const publicFiles = express.static("public", { maxAge: "1h" });
for (const entry of fs.readdirSync("public", { withFileTypes: true })) {
  if (entry.name === "build" || entry.name.startsWith(".")) continue;
  if (entry.isDirectory()) app.use(`/${entry.name}`, express.static(path.join("public", entry.name), { maxAge: "1h" }));
  else app.get(`/${entry.name}`, publicFiles);
}

async function loadBuild() {
  const stamp = isDev ? `?t=${Date.now()}` : "";
  const loaded = await import(url.pathToFileURL(BUILD_PATH).href + stamp);
  // A database outage becomes a friendly 503 (app/lib/outage.server.ts).
  return loaded.entry.module.guardOutages(loaded);
}

let build = await loadBuild();
const getLoadContext = (req, res) => ({ clientIp: req.ip ?? null, cspNonce: res.locals.cspNonce, requestId: res.locals.requestId });

if (isDev) {
  // `remix dev --manual`: reload the build when it changes, then tell remix dev.
  const { default: chokidar } = await import("chokidar");
  chokidar.watch(VERSION_PATH, { ignoreInitial: true }).on("all", async () => {
    build = await loadBuild();
    broadcastDevReady(build);
  });
  app.all("*", (req, res, next) => createRequestHandler({ build, mode: build.mode, getLoadContext })(req, res, next));
} else {
  app.all("*", createRequestHandler({ build, mode: build.mode, getLoadContext }));
}

// Anything unhandled: logged here, and the response says nothing about the
// code or the machine (no stack, no paths), in every mode.
// Express recognises an error handler by its four arguments.
app.use((error, req, res, _next) => {
  const status = Number(error?.status ?? error?.statusCode);
  const clientError = status >= 400 && status < 500;
  if (!clientError) build.entry.module.logger.error({ err: error }, "unhandled error");
  if (res.headersSent) return res.destroy();
  res
    .status(clientError ? status : 500)
    .type("text/plain")
    .send(clientError ? "Bad request." : "Something went wrong on our side. Please try again.");
});

// One email outbox worker runs in this process (app/lib/jobs), unless
// RUN_WORKER=false: then run `npm run worker` on its own (see README).
let worker = null;
const server = app.listen(port, () => {
  build.entry.module.logger.info(`Portal ready on http://localhost:${port}`);
  if (isDev) broadcastDevReady(build);
  if (process.env.RUN_WORKER !== "false") {
    build.entry.module.startWorker().then(
      (started) => (worker = started),
      (error) => console.error(`The email worker did not start: ${error.message}`),
    );
  }
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    Promise.all([closed, worker?.stop()]).finally(() => process.exit(0));
  });
}
