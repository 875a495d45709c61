// The portal's HTTP server: Express + the Remix request handler.
// `npm start` runs it behind the local stack; in production run it directly
// (NODE_ENV=production node server.js) with the environment from the README.
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";

const BUILD_PATH = path.resolve("build/index.js");
const VERSION_PATH = path.resolve("build/version.txt");
const isDev = process.env.NODE_ENV === "development";
const port = Number(process.env.PORT ?? 3000);

const app = express();
app.disable("x-powered-by");
// Behind a proxy or load balancer, set TRUST_PROXY so the client address
// (recorded as evidence, used by sign-in limits) comes from X-Forwarded-For:
// a hop count ("1"), "true", or addresses/subnets ("loopback", "10.0.0.0/8").
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === "true" ? true : trustProxy);

app.use((req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  });
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
app.use(compression({ filter: (req, res) => !req.path.endsWith(".data") && compression.filter(req, res) }));

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

async function loadBuild() {
  const stamp = isDev ? `?t=${Date.now()}` : "";
  return import(url.pathToFileURL(BUILD_PATH).href + stamp);
}

let build = await loadBuild();
const getLoadContext = (req) => ({ clientIp: req.ip ?? null });

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

const server = app.listen(port, () => {
  console.log(`Portal ready on http://localhost:${port}`);
  if (isDev) broadcastDevReady(build);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
