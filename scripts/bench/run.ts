// The measurements behind `npm run bench` (see scripts/bench/main.ts, which
// starts the local stack and runs this with its URLs and keys in the
// environment). Starts the production server, signs in as a demo contact
// through the real sign-in (code read from the local mailbox), load-tests
// /healthz, /login and the client page with autocannon, counts PostgREST round
// trips per load of each main page, sums the JavaScript of the client page and
// a requirement page from the build manifest, checks compression, runs
// Lighthouse on those two pages (lighthouse.ts), puts 100 signed-in sessions
// browsing and submitting on a server for a minute (sessions.ts), prints a
// table and writes docs/quality.md.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { CPU_KINDS, cpuNow, cpuPerRequest, type CpuSample } from "./cpu";
import { runLighthouse, type LighthouseScores } from "./lighthouse";
import { sessionsLoad } from "./sessions";
import { signIn } from "./sign-in";
import { startFakeResend } from "../../tests/support/fake-resend";

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const COUNT_PORT = PORT + 1;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const WARM_UP_REQUESTS = 600;
const EMAIL = process.env.BENCH_EMAIL ?? "dana@northwind.example";
const SLUG = process.env.BENCH_SLUG ?? "northwind";
const STAFF_EMAIL = process.env.BENCH_STAFF_EMAIL ?? "priya@harborbenefits.example";
const DOCUMENT = process.env.BENCH_DOCUMENT ?? "d1000000-0000-4000-8000-000000000001";
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100);
const SESSION_SECONDS = Number(process.env.BENCH_SESSION_SECONDS ?? 60);
const SKIP_LIGHTHOUSE = process.argv.includes("--no-lighthouse");
const SKIP_SESSIONS = process.argv.includes("--no-sessions");
const OUT = process.argv.includes("--no-write") ? null : path.resolve("docs/quality.md");

const { SUPABASE_URL } = process.env;
if (!SUPABASE_URL) throw new Error("Run through `npm run bench` (it starts the local stack).");

const TARGETS = { ratio: 0.5, p99Ms: 100, jsGzipKb: 90, roundTrips: 2, rssMb: 512, lighthouse: { performance: 95, accessibility: 100, bestPractices: 100 } };

// ---------------------------------------------------------------- servers

// Production needs an origin and an email provider: the pages are served on
// APP_URL, and mail (sign-in codes) goes to a Resend stand-in the bench reads.
const resend = await startFakeResend();

async function startServer(port: number, extraEnv: Record<string, string> = {}) {
  const child: ChildProcess = spawn("node", ["server.js"], {
    env: {
      ...process.env,
      APP_URL: `http://127.0.0.1:${port}`,
      RESEND_API_KEY: "re_bench_stand_in",
      RESEND_BASE_URL: resend.url,
      ...extraEnv,
      NODE_ENV: "production",
      PORT: String(port),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000; // a loaded machine starts slowly
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on port ${port} exited (${child.exitCode}).`);
    const ok = await fetch(`${base}/login`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The server on port ${port} did not start in 120 s.`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { base, stop, pid: child.pid! };
}

/** A pass-through proxy in front of the API gateway that counts PostgREST requests. */
async function countingProxy(port: number, target: string) {
  const upstream = new URL(target);
  let count = 0;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/rest/v1")) count++;
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    take: () => {
      const n = count;
      count = 0;
      return n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------- measurements

type Load = { path: string; rps: number; p50: number; p99: number; non2xx: number; errors: number; cpu: CpuSample | null };

async function load(base: string, pathname: string, headers: Record<string, string>, appPid: number): Promise<Load> {
  const opts = { url: base + pathname, connections: CONNECTIONS, headers };
  // Warm-up: pools, and V8's optimising compiler, which settles after some hundreds of
  // requests (a page's app CPU drops by a fifth): a running server is measured warm.
  await autocannon({ ...opts, amount: WARM_UP_REQUESTS });
  const before = cpuNow(appPid);
  const r = await autocannon({ ...opts, duration: SECONDS });
  const cpu = cpuPerRequest(before, cpuNow(appPid), r.requests.total);
  return {
    cpu,
    path: pathname,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/**
 * The JavaScript a page's document loads, read from the document itself (signed in): the files its
 * `<script src>`, `<link rel="modulepreload">` and inline module imports name (lazy route discovery is
 * off, ADR 0016, so a hydrated page imports the route manifest file too), each gzipped on its own as the
 * browser receives it, plus its inline scripts (the client's pages are sent without React and carry
 * one small inline script, ADR 0018; a hydrated page's inline scripts carry its loader data).
 */
async function pageJs(base: string, pagePath: string, route: string, cookie: string) {
  const res = await fetch(base + pagePath, { headers: { cookie, "accept-encoding": "identity" } });
  if (!res.ok) throw new Error(`${pagePath} answered ${res.status}`);
  const html = await res.text();
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) files.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) files.add((m[1] ?? m[2])!);
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((code) => code.trim());
  for (const code of inline) for (const m of code.matchAll(/import\s*(?:[^"';]*?from\s*)?"([^"]+\.js)"/g)) files.add(m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.resolve("public", new URL(f, base).pathname.replace(/^\//, "")));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes).length;
  }
  const inlineGzip = inline.reduce((sum, code) => sum + zlib.gzipSync(code).length, 0);
  return {
    route,
    files: files.size,
    inline: inline.length,
    rawKb: (raw + inline.reduce((sum, code) => sum + Buffer.byteLength(code), 0)) / 1024,
    inlineGzipKb: inlineGzip / 1024,
    gzipKb: (gzip + inlineGzip) / 1024,
  };
}

async function encodingOf(url: string, cookie?: string) {
  const res = await fetch(url, { headers: { "accept-encoding": "gzip, br", ...(cookie ? { cookie } : {}) } });
  await res.arrayBuffer();
  return res.headers.get("content-encoding") ?? "none";
}

// ---------------------------------------------------------------- run

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const server = await startServer(PORT);
  const proxy = await countingProxy(COUNT_PORT + 1, SUPABASE_URL!);
  // No outbox worker there: its polling would be counted as page round trips.
  const counted = await startServer(COUNT_PORT, { SUPABASE_URL: proxy.url, RUN_WORKER: "false" });
  try {
    const cookie = await signIn(server.base, EMAIL, resend, { next: `/c/${SLUG}` });
    const staffCookie = await signIn(server.base, STAFF_EMAIL, resend, { next: "/staff" });
    const documentPath = `/c/${SLUG}/requirements/${DOCUMENT}`;
    for (const [p, c] of [[`/c/${SLUG}`, cookie], [documentPath, cookie], ["/staff", staffCookie]] as const) {
      const res = await fetch(server.base + p, { redirect: "manual", headers: { cookie: c } });
      if (res.status !== 200) throw new Error(`Signed in, but ${p} answered ${res.status}.`);
    }

    // Round trips per page load, through the counting proxy (not during the load test).
    const pages: [label: string, pathname: string, cookie: string | undefined, who: string][] = [
      ["/healthz", "/healthz", undefined, "anyone"],
      ["/login", "/login", undefined, "anyone"],
      [`/c/${SLUG}`, `/c/${SLUG}`, cookie, "contact"],
      [documentPath, documentPath, cookie, "contact"],
      ["/staff", "/staff", staffCookie, "project manager"],
      [`/staff/clients/${SLUG}/plan`, `/staff/clients/${SLUG}/plan`, staffCookie, "project manager"],
      [`/staff/clients/${SLUG}/requirements`, `/staff/clients/${SLUG}/requirements`, staffCookie, "project manager"],
      ...["team", "updates", "handoff", "feedback", "settings"].map(
        (tab) => [`/staff/clients/${SLUG}/${tab}`, `/staff/clients/${SLUG}/${tab}`, staffCookie, "project manager"] as [string, string, string, string],
      ),
      ["/staff/my-work", "/staff/my-work", staffCookie, "project manager"],
      [`/c/${SLUG} (staff)`, `/c/${SLUG}`, staffCookie, "project manager"],
    ];
    const roundTrips: Record<string, number> = {};
    for (const [label, pathname, c] of pages) {
      proxy.take();
      const n = 5;
      for (let i = 0; i < n; i++) {
        const res = await fetch(counted.base + pathname, { redirect: "manual", headers: c ? { cookie: c } : {} });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${pathname} answered ${res.status} while counting round trips.`);
      }
      roundTrips[label] = proxy.take() / n;
    }
    await counted.stop();
    await proxy.close();

    // The largest shared chunk (small files stay uncompressed below the middleware's 1 KB threshold).
    const shared = path.resolve("public/build/_shared");
    const buildJs = fs
      .readdirSync(shared)
      .filter((f) => f.endsWith(".js"))
      .sort((a, b) => fs.statSync(path.join(shared, b)).size - fs.statSync(path.join(shared, a)).size)[0];
    const compression = {
      html: await encodingOf(`${server.base}/login`),
      page: await encodingOf(`${server.base}/c/${SLUG}`, cookie),
      js: buildJs ? await encodingOf(`${server.base}/build/_shared/${buildJs}`) : "n/a",
    };
    const js = await pageJs(server.base, `/c/${SLUG}`, "routes/c.$slug", cookie);
    const docJs = await pageJs(server.base, documentPath, "routes/c.$slug_.requirements.$documentId", cookie);

    // Browsers ask for compressed responses: so does the load test.
    const enc = { "accept-encoding": "gzip, deflate, br" };
    const health = await load(server.base, "/healthz", enc, server.pid);
    const login = await load(server.base, "/login", enc, server.pid);
    const page = await load(server.base, `/c/${SLUG}`, { ...enc, cookie }, server.pid);
    const ratio = page.rps / login.rps;

    // Lighthouse on the two pages a client opens most, on the quiet server.
    let lighthouse: LighthouseScores[] | null = null;
    let lighthouseError: string | null = null;
    if (!SKIP_LIGHTHOUSE) {
      try {
        lighthouse = await runLighthouse([`${server.base}/c/${SLUG}`, server.base + documentPath], cookie);
      } catch (error) {
        lighthouseError = (error as Error).message;
      }
    }
    await server.stop();

    // 100 signed-in sessions browsing and submitting, on a fresh server that
    // takes the client address from X-Forwarded-For (each session its own).
    let sessions: Awaited<ReturnType<typeof sessionsLoad>> | null = null;
    if (!SKIP_SESSIONS) {
      const busy = await startServer(PORT, { TRUST_PROXY: "loopback" });
      try {
        sessions = await sessionsLoad({ resend, base: busy.base, pid: busy.pid, slug: SLUG, documentId: DOCUMENT, sessions: SESSIONS, seconds: SESSION_SECONDS });
      } finally {
        await busy.stop();
      }
    }

    const machine = {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "unknown",
      memGb: os.totalmem() / 1024 ** 3,
      node: process.version,
      load: loadBefore,
    };
    const met = (ok: boolean) => (ok ? "met" : "**missed**");
    const worstTrips = Math.max(...pages.slice(2).map(([label]) => roundTrips[label]!));
    const targets = [
      [`client page throughput >= ${TARGETS.ratio} of /login`, fmt(ratio, 2), met(ratio >= TARGETS.ratio)],
      [`client page p99 < ${TARGETS.p99Ms} ms at ${CONNECTIONS} connections`, `${page.p99} ms`, met(page.rps > 0 && page.p99 < TARGETS.p99Ms)],
      [`client page JavaScript <= ${TARGETS.jsGzipKb} KB gzipped`, `${fmt(js.gzipKb, 1)} KB`, met(js.gzipKb <= TARGETS.jsGzipKb)],
      [`requirement page JavaScript <= ${TARGETS.jsGzipKb} KB gzipped`, `${fmt(docJs.gzipKb, 1)} KB`, met(docJs.gzipKb <= TARGETS.jsGzipKb)],
      [`PostgREST round trips per main page load <= ${TARGETS.roundTrips}`, `${worstTrips} at most`, met(worstTrips <= TARGETS.roundTrips)],
      ["responses compressed (HTML, page, JS)", `${compression.html}, ${compression.page}, ${compression.js}`, met(compression.html !== "none" && compression.page !== "none")],
      ...(lighthouse ?? []).flatMap((l) => {
        const where = new URL(l.url).pathname === `/c/${SLUG}` ? "client page" : "requirement page";
        return [
          [`Lighthouse performance >= ${TARGETS.lighthouse.performance} (${where})`, String(l.performance), met(l.performance >= TARGETS.lighthouse.performance)],
          [`Lighthouse accessibility = ${TARGETS.lighthouse.accessibility} (${where})`, String(l.accessibility), met(l.accessibility >= TARGETS.lighthouse.accessibility)],
          [`Lighthouse best practices = ${TARGETS.lighthouse.bestPractices} (${where})`, String(l.bestPractices), met(l.bestPractices >= TARGETS.lighthouse.bestPractices)],
        ];
      }),
      ...(lighthouseError ? [["Lighthouse", `did not run: ${lighthouseError.replace(/\|/g, "/").slice(0, 120)}`, "**missed**"]] : []),
      ...(sessions
        ? [
            [`${sessions.sessions} signed-in sessions for ${sessions.seconds} s: no errors`, `${sessions.errors} of ${sessions.requests}`, met(sessions.errors === 0)],
            [`server memory (RSS) under load <= ${TARGETS.rssMb} MB`, `${fmt(sessions.rssMaxMb)} MB`, met(sessions.rssMaxMb <= TARGETS.rssMb)],
          ]
        : []),
    ];

    const rows = [health, login, page].map((l) => [
      l.path,
      fmt(l.rps),
      `${l.p50} ms`,
      `${l.p99} ms`,
      fmt(l.rps / login.rps, 2),
      String(roundTrips[l.path] ?? "-"),
      String(l.non2xx + l.errors),
    ]);
    const table = (head: string[], body: string[][]) =>
      [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");
    const loadTable = table(["path", "req/s", "p50", "p99", "vs /login", "PostgREST round trips", "non-2xx / errors"], rows);
    const targetTable = table(["target", "measured", ""], targets);
    const cpuTable = page.cpu
      ? table(
          ["path", ...CPU_KINDS, "all but the load generator"],
          [health, login, page].map((l) => [
            l.path,
            ...CPU_KINDS.map((k) => fmt(l.cpu?.[k] ?? 0, 1)),
            fmt(CPU_KINDS.filter((k) => k !== "load generator").reduce((sum, k) => sum + (l.cpu?.[k] ?? 0), 0), 1),
          ]),
        )
      : "Not measured: this machine has no /proc.";
    const tripsTable = table(
      ["page", "signed in as", "PostgREST round trips per load"],
      pages.map(([label, , , who]) => [`\`${label}\``, who, String(roundTrips[label])]),
    );
    const jsTable = table(
      ["page (route)", "script files", "inline scripts (gzipped)", "raw", "gzipped, all"],
      [js, docJs].map((j) => [`\`${j.route}\``, String(j.files), `${j.inline} (${fmt(j.inlineGzipKb, 1)} KB)`, `${fmt(j.rawKb, 1)} KB`, `${fmt(j.gzipKb, 1)} KB`]),
    );
    const lighthouseTable = lighthouse
      ? table(
          ["page", "performance", "accessibility", "best practices", "LCP", "audits that cost points (a11y, best practices)"],
          lighthouse.map((l) => [`\`${new URL(l.url).pathname}\``, String(l.performance), String(l.accessibility), String(l.bestPractices), `${fmt(l.lcpMs / 1000, 1)} s`, l.failed.join("; ") || "none"]),
        )
      : `Not run${lighthouseError ? `: ${lighthouseError}` : " (--no-lighthouse)"}.`;
    const sessionsText = sessions
      ? `${sessions.sessions} contacts of \`${SLUG}\` (made for the bench, each signed in through the real flow in ${fmt(sessions.signInSeconds)} s),
each in a loop: open \`/c/${SLUG}\`, open \`${documentPath}\`, post "create a calendar link", post "turn it off"; ${sessions.seconds} s.

| requests | req/s | p50 | p99 | errors (4xx, 5xx, network) | server RSS at start | server RSS at most |
| --- | --- | --- | --- | --- | --- | --- |
| ${sessions.requests} | ${fmt(sessions.rps)} | ${sessions.p50} ms | ${sessions.p99} ms | ${sessions.errors}${sessions.errorSamples.length ? ` (${sessions.errorSamples.join("; ").replace(/\|/g, "/")})` : ""} | ${fmt(sessions.rssStartMb)} MB | ${fmt(sessions.rssMaxMb)} MB |

The stated bound: the server process stays under ${TARGETS.rssMb} MB resident.`
      : "Not run (--no-sessions).";

    console.log(`\n${loadTable}\n\nCPU ms per request:\n${cpuTable}\n\n${tripsTable}\n\n${jsTable}\n\n${lighthouseTable}\n\n${sessionsText}\n\n${targetTable}\n`);
    console.log(`Machine: ${machine.cpus} CPUs, ${fmt(machine.memGb, 1)} GB, Node ${machine.node}, load ${fmt(machine.load, 2)} at start.`);

    if (OUT) {
      const doc = `# Quality figures

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Do not edit by hand: run it again.

## Load (autocannon, ${CONNECTIONS} connections, ${SECONDS} s each after a warm-up of ${WARM_UP_REQUESTS} requests, \`Accept-Encoding: gzip, deflate, br\`)

The production build (\`NODE_ENV=production node server.js\`) on the local stack with the demo data,
signed in as ${EMAIL} (a Northwind contact) for \`/c/${SLUG}\`. \`/healthz\` touches nothing and is the
no-database baseline; \`/login\` is server-rendered without the database.

${loadTable}

### CPU per request, by process (ms)

CPU time each process used during the load above, divided by the requests answered (from \`/proc\`):
the app server; the local stack's gateway (in front of PostgREST, as Kong is on hosted Supabase);
PostgREST; PostgreSQL (all its processes); and the load generator, autocannon, which shares the CPUs.
On 2 CPUs, throughput is bounded by about 2,000 ms divided by the sum of a row, load generator included.

${cpuTable}

## Targets

${targetTable}

## PostgREST round trips per page load

Requests reaching \`/rest/v1\` through a counting proxy in front of the gateway, averaged over 5 loads
(staff pages as ${STAFF_EMAIL}).

${tripsTable}

## JavaScript

What the page's document loads, read from the document itself (signed in as ${EMAIL}): the files its
\`<script src>\`, \`<link rel="modulepreload">\` and inline module imports name, gzipped one file at a time, and its
inline scripts. The client's pages are sent without React in the browser and carry one small inline script
(ADR 0018); a hydrated page loads entry, root, its route module with their imports and the route manifest
file (lazy route discovery is off, ADR 0016).

${jsTable}

Compression (\`Accept-Encoding: gzip, br\`): \`/login\` ${compression.html}, \`/c/${SLUG}\` ${compression.page}, the largest \`/build/_shared\` script ${compression.js}.

## Lighthouse

Lighthouse ${lighthouseVersion()} (npm) in Chromium (\`/usr/bin/chromium\`, headless), the default mobile profile
(simulated slow 4G, 4x CPU slowdown), signed in as ${EMAIL}, on the same server after the load tests.
On a shared, loaded machine the performance score is lower than on a quiet one (Lighthouse scales its
simulation by the CPU it measures).

${lighthouseTable}

## Sessions: browsing and submitting at once

${sessionsText}

## Machine

${machine.cpus} CPUs (${machine.model}), ${fmt(machine.memGb, 1)} GB memory, Node ${machine.node}; 1-minute load
average ${fmt(machine.load, 2)} when the run started. The app, the gateway, PostgREST, PostgreSQL and
autocannon all share these CPUs, so the figures are for this whole stack on one machine. This run was made
while other work used the same machine; a run on a quiet machine gives better figures.

## Reproduce

\`\`\`sh
npm ci
npm run bench            # builds, then starts a throwaway stack (API port BENCH_API_PORT, default 56521)
                         # and the server (BENCH_PORT, default 3190); about a quarter of an hour in all
\`\`\`

\`BENCH_SECONDS\` changes the duration of each autocannon load; \`BENCH_SESSIONS\` and
\`BENCH_SESSION_SECONDS\` the sessions load; \`npm run bench -- --no-build\` reuses the build;
\`-- --no-lighthouse\`, \`-- --no-sessions\` skip those parts; \`-- --no-write\` only prints.
The query plan of the client page's select, as PostgREST runs it for the contact:
\`npx tsx supabase/local/with-stack.ts --test -- npx tsx scripts/bench/explain-portal.ts\`.
Which modules make up the browser's JavaScript: \`npx tsx scripts/bench/bundle.ts\` after \`npx remix build\`.
`;
      fs.writeFileSync(OUT, doc);
      console.log(`Wrote ${path.relative(process.cwd(), OUT)}`);
    }
  } finally {
    await counted.stop().catch(() => {});
    await server.stop();
  }
}

function lighthouseVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve("node_modules/lighthouse/package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "";
  }
}

main().then(
  () => resend.close().then(() => process.exit(0)),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
