// The measurements behind `npm run bench` (see scripts/bench/main.ts, which
// starts the local stack and runs this with its URLs and keys in the
// environment). Starts the production server, signs in as a demo contact
// through the real sign-in (code read from the local mailbox), load-tests
// /healthz, /login and the client page with autocannon, counts PostgREST round
// trips per page load, sums the client page's JavaScript from the build
// manifest, checks compression, prints a table and writes docs/quality.md.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const COUNT_PORT = PORT + 1;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const EMAIL = process.env.BENCH_EMAIL ?? "dana@northwind.example";
const SLUG = process.env.BENCH_SLUG ?? "northwind";
const OUT = process.argv.includes("--no-write") ? null : path.resolve("docs/quality.md");

const { SUPABASE_URL, LOCAL_MAILBOX_URL } = process.env;
if (!SUPABASE_URL || !LOCAL_MAILBOX_URL) throw new Error("Run through `npm run bench` (it starts the local stack).");

const TARGETS = { ratio: 0.5, p99Ms: 100, jsGzipKb: 90, roundTrips: 2 };

// ---------------------------------------------------------------- servers

async function startServer(port: number, extraEnv: Record<string, string> = {}) {
  const child: ChildProcess = spawn("node", ["server.js"], {
    env: { ...process.env, ...extraEnv, NODE_ENV: "production", PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on port ${port} exited (${child.exitCode}).`);
    const ok = await fetch(`${base}/login`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`The server on port ${port} did not start in 30 s.`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { base, stop };
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

// ---------------------------------------------------------------- sign-in

async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const post = async (pathname: string, form: Record<string, string>) =>
    keep(
      await fetch(base + pathname, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: base, cookie: cookie() },
        body: new URLSearchParams(form),
      }),
    );

  const started = new Date().toISOString();
  const asked = await post("/login", { email, redirectTo: `/c/${SLUG}` });
  if (asked.status !== 302 || asked.headers.get("location") !== "/verify") {
    throw new Error(`Asking for a code did not lead to /verify (${asked.status} ${asked.headers.get("location")}).`);
  }
  let code: string | null = null;
  for (let i = 0; i < 50 && !code; i++) {
    const list = (await (await fetch(`${LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`)).json()) as {
      data: { subject: string; created_at: string }[];
    };
    const mail = list.data.find((m) => m.created_at >= started);
    code = mail ? (/^(\d{6}) /.exec(mail.subject)?.[1] ?? null) : null;
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  if (!code) throw new Error(`No sign-in code arrived for ${email}.`);
  const verified = await post("/verify", { code });
  const next = verified.headers.get("location");
  if (verified.status !== 302 || !next) throw new Error(`The code was not accepted (${verified.status}).`);
  keep(await fetch(new URL(next, base), { redirect: "manual", headers: { cookie: cookie() } }));
  const page = await fetch(`${base}/c/${SLUG}`, { redirect: "manual", headers: { cookie: cookie() } });
  if (page.status !== 200) throw new Error(`Signed in, but /c/${SLUG} answered ${page.status}.`);
  return cookie();
}

// ---------------------------------------------------------------- measurements

type Load = { path: string; rps: number; p50: number; p99: number; non2xx: number; errors: number };

async function load(base: string, pathname: string, headers: Record<string, string>): Promise<Load> {
  const opts = { url: base + pathname, connections: CONNECTIONS, headers };
  await autocannon({ ...opts, duration: 2 }); // warm-up (JIT, pools)
  const r = await autocannon({ ...opts, duration: SECONDS });
  return {
    path: pathname,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** The JavaScript the client page loads: entry, root and the page's route module with their imports, and the manifest. */
function clientPageJs() {
  const buildDir = path.resolve("public/build");
  const manifestFile = fs.readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error("No manifest in public/build: build first.");
  const source = fs.readFileSync(path.join(buildDir, manifestFile), "utf8");
  const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports?: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const files = new Set<string>([`/build/${manifestFile}`, manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of ["root", "routes/c.$slug"]) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`No route ${id} in the manifest.`);
    files.add(route.module);
    for (const f of route.imports ?? []) files.add(f);
  }
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.resolve("public", f.replace(/^\//, "")));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes).length;
  }
  return { files: files.size, rawKb: raw / 1024, gzipKb: gzip / 1024 };
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
  const counted = await startServer(COUNT_PORT, { SUPABASE_URL: proxy.url });
  try {
    const cookie = await signIn(server.base, EMAIL);

    // Round trips per page load, through the counting proxy (not during the load test).
    const roundTrips: Record<string, number> = {};
    for (const [label, pathname, c] of [
      ["/healthz", "/healthz", undefined],
      ["/login", "/login", undefined],
      [`/c/${SLUG}`, `/c/${SLUG}`, cookie],
    ] as const) {
      proxy.take();
      const n = 5;
      for (let i = 0; i < n; i++) await (await fetch(counted.base + pathname, { headers: c ? { cookie: c } : {} })).arrayBuffer();
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
    const js = clientPageJs();

    // Browsers ask for compressed responses: so does the load test.
    const enc = { "accept-encoding": "gzip, deflate, br" };
    const health = await load(server.base, "/healthz", enc);
    const login = await load(server.base, "/login", enc);
    const page = await load(server.base, `/c/${SLUG}`, { ...enc, cookie });
    const ratio = page.rps / login.rps;

    const machine = {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "unknown",
      memGb: os.totalmem() / 1024 ** 3,
      node: process.version,
      load: loadBefore,
    };
    const met = (ok: boolean) => (ok ? "met" : "**missed**");
    const targets = [
      [`client page throughput >= ${TARGETS.ratio} of /login`, fmt(ratio, 2), met(ratio >= TARGETS.ratio)],
      [`client page p99 < ${TARGETS.p99Ms} ms at ${CONNECTIONS} connections`, `${page.p99} ms`, met(page.p99 < TARGETS.p99Ms)],
      [`client page JavaScript <= ${TARGETS.jsGzipKb} KB gzipped`, `${fmt(js.gzipKb, 1)} KB`, met(js.gzipKb <= TARGETS.jsGzipKb)],
      [`PostgREST round trips per client page load <= ${TARGETS.roundTrips}`, String(roundTrips[`/c/${SLUG}`]), met(roundTrips[`/c/${SLUG}`]! <= TARGETS.roundTrips)],
      ["responses compressed (HTML, page, JS)", `${compression.html}, ${compression.page}, ${compression.js}`, met(compression.html !== "none" && compression.page !== "none")],
    ];

    const rows = [health, login, page].map((l) => [
      l.path,
      fmt(l.rps),
      `${l.p50} ms`,
      `${l.p99} ms`,
      fmt(l.rps / login.rps, 2),
      String(roundTrips[l.path === `/c/${SLUG}` ? `/c/${SLUG}` : l.path] ?? "-"),
      String(l.non2xx + l.errors),
    ]);
    const table = (head: string[], body: string[][]) =>
      [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");
    const loadTable = table(["path", "req/s", "p50", "p99", "vs /login", "PostgREST round trips", "non-2xx / errors"], rows);
    const targetTable = table(["target", "measured", ""], targets);

    console.log(`\n${loadTable}\n\n${targetTable}\n`);
    console.log(
      `Client page JavaScript: ${js.files} files, ${fmt(js.rawKb, 1)} KB raw, ${fmt(js.gzipKb, 1)} KB gzipped. ` +
        `Machine: ${machine.cpus} CPUs, ${fmt(machine.memGb, 1)} GB, Node ${machine.node}, load ${fmt(machine.load, 2)} at start.`,
    );

    if (OUT) {
      const doc = `# Quality figures

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Do not edit by hand: run it again.

## Load (autocannon, ${CONNECTIONS} connections, ${SECONDS} s each after a 2 s warm-up, \`Accept-Encoding: gzip, deflate, br\`)

The production build (\`NODE_ENV=production node server.js\`) on the local stack with the demo data,
signed in as ${EMAIL} (a Northwind contact) for \`/c/${SLUG}\`. \`/healthz\` touches nothing and is the
no-database baseline; \`/login\` is server-rendered without the database.

${loadTable}

## Targets

${targetTable}

- Client page JavaScript: ${js.files} files (entry, root and \`routes/c.$slug\` with their imports, and the
  route manifest, from the build manifest), ${fmt(js.rawKb, 1)} KB raw, ${fmt(js.gzipKb, 1)} KB gzipped.
- Compression (\`Accept-Encoding: gzip, br\`): \`/login\` ${compression.html}, \`/c/${SLUG}\` ${compression.page}, the largest \`/build/_shared\` script ${compression.js}.
- PostgREST round trips: requests reaching \`/rest/v1\` through a counting proxy, averaged over 5 loads.

## Machine

${machine.cpus} CPUs (${machine.model}), ${fmt(machine.memGb, 1)} GB memory, Node ${machine.node}; 1-minute load
average ${fmt(machine.load, 2)} when the run started. The app, the gateway, PostgREST, PostgreSQL and
autocannon all share these CPUs, so the figures are for this whole stack on one machine.

## Reproduce

\`\`\`sh
npm ci
npm run bench            # builds, then starts a throwaway stack (API port BENCH_API_PORT, default 56521)
                         # and the server (BENCH_PORT, default 3190); about a minute
\`\`\`

\`BENCH_SECONDS\` changes the duration of each load; \`npm run bench -- --no-build\` reuses the build;
\`-- --no-write\` only prints. The query plan of the client page's select, as PostgREST runs it for the
contact: \`npx tsx supabase/local/with-stack.ts --test -- npx tsx scripts/bench/explain-portal.ts\`.
`;
      fs.writeFileSync(OUT, doc);
      console.log(`Wrote ${path.relative(process.cwd(), OUT)}`);
    }
  } finally {
    await counted.stop().catch(() => {});
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
