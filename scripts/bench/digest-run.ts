// The digest delivery benchmark (issue 9), run behind a local stack by
// scripts/bench/digest.ts (or `npm run bench`).
//
// N recipients (default 10,000) each get one digest, queued in the outbox as
// record_digest queues it (one row per recipient, rendered once, the same bytes
// for every attempt), and the outbox worker delivers them through a local
// stand-in for Resend that takes 100 emails per batch call and allows R calls a
// second (default 5), announcing the limit in its headers (ratelimit-limit,
// ratelimit-remaining, ratelimit-reset) and answering 429 with retry-after when
// a call exceeds it, as Resend does. The ceiling is R x 100 emails a second; the
// report is the emails per second achieved as a ratio of it (target 0.8).
//
// Building each digest (reading the recipient's page under RLS) is not part of
// this number: it is measured separately (--build N, default 50) and reported
// per digest. A benchmark, not a test: nothing here asserts.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { render } from "@react-email/render";
import { buildDigest } from "~/domain/digests/build-digest.server";
import { createOutboxDelivery, drainOutbox } from "~/lib/jobs/outbox.server";
import { serviceRoleClient } from "~/lib/service-role.server";
import { emailFromRegistry } from "../../emails/registry";
import DigestEmail from "../../emails/digest";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("recipients", Number(process.env.BENCH_DIGEST_RECIPIENTS ?? 10_000));
const RPS = arg("rps", Number(process.env.BENCH_DIGEST_RPS ?? 5));
const WORKERS = arg("workers", Number(process.env.BENCH_DIGEST_WORKERS ?? 2));
// Passes in flight per worker, as the worker runs them (OUTBOX_CONCURRENCY, default 4).
const CONCURRENCY = arg("concurrency", Number(process.env.BENCH_DIGEST_CONCURRENCY ?? 4));
const BUILD = arg("build", 50);
const BATCH = 100;
const TARGET = 0.8;
const OUT = process.argv.includes("--no-write") ? null : path.resolve("docs/digest-bench.md");

/** The rate-limited stand-in: fixed one-second windows of RPS calls, 100 emails a call at most. */
async function startLimitedResend(rps: number) {
  let windowStart = Date.now();
  let used = 0;
  const stats = { calls: 0, limited: 0, delivered: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now - ((now - windowStart) % 1000);
      used = 0;
    }
    const reset = Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000));
    const headers = { "content-type": "application/json", "ratelimit-limit": String(rps), "ratelimit-reset": String(reset) };
    if (used >= rps) {
      stats.limited++;
      res.writeHead(429, { ...headers, "ratelimit-remaining": "0", "retry-after": String(reset) });
      return res.end(JSON.stringify({ statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." }));
    }
    used++;
    stats.calls++;
    const body = JSON.parse(Buffer.concat(chunks).toString() || "null") as unknown;
    const list = Array.isArray(body) ? body : [body];
    if (list.length > BATCH) {
      res.writeHead(422, headers);
      return res.end(JSON.stringify({ statusCode: 422, name: "validation_error", message: "At most 100 emails per batch." }));
    }
    stats.delivered += list.length;
    const ids = list.map((_, i) => ({ id: `${now}-${stats.calls}-${i}` }));
    res.writeHead(200, { ...headers, "ratelimit-remaining": String(rps - used) });
    res.end(JSON.stringify(Array.isArray(body) ? { data: ids } : ids[0]));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stats, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Run through `npm run bench:digest` (it starts the local stack).");
  const pgc = new pg.Client({ connectionString: databaseUrl });
  await pgc.connect();

  // 1. Building digests as their recipients (the scheduler's work per digest), on the demo data when present.
  const { rows: dms } = await pgc.query<{ client_id: string; person_id: string }>(
    "select client_id, person_id from public.client_contacts order by role desc, client_id limit 1",
  );
  let buildMs: number | null = null;
  if (dms[0] && BUILD > 0) {
    const started = performance.now();
    for (let i = 0; i < BUILD; i++) {
      const built = await buildDigest({ clientId: dms[0].client_id, personId: dms[0].person_id }, new Date(Date.now() - 7 * 86_400_000));
      if (built) await render(emailFromRegistry("digest", built.props as unknown as Record<string, unknown>).element);
    }
    buildMs = (performance.now() - started) / BUILD;
  }

  // 2. N digests queued as record_digest queues them, rendered once (the same bytes on every attempt).
  const { subject, element } = emailFromRegistry("digest", DigestEmail.PreviewProps as unknown as Record<string, unknown>);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const run = `bench-${Date.now()}`;
  await pgc.query(
    `insert into public.email_outbox (template, recipient, props, idempotency_key, subject, html, text_body, rendered_at)
     select 'digest', 'bench-' || g || '@bench.example', '{}'::jsonb, $1 || ':' || g, $2, $3, $4, now()
       from generate_series(1, $5) as g`,
    [run, subject, html, text, N],
  );

  // 3. Deliver with WORKERS outbox workers at once (the scale-out path), through the limited stand-in.
  const resend = await startLimitedResend(RPS);
  const started = performance.now();
  const remaining = async () =>
    Number((await pgc.query("select count(*) from public.email_outbox where idempotency_key like $1 and status <> 'sent'", [`${run}:%`])).rows[0].count);
  const delivery = () =>
    createOutboxDelivery({
      db: serviceRoleClient("email-outbox"),
      apiKey: "re_bench",
      baseUrl: resend.url,
      from: "Bench <bench@bench.example>",
      batchSize: BATCH,
      baseDelayMs: 200,
      maxDelayMs: 5_000,
      // A pass that fails after claiming leaves its rows to the lease: keep it short here.
      leaseSeconds: 15,
      requestTimeoutMs: 10_000,
    });
  let done = false;
  let passErrors = 0;
  const loops = Array.from({ length: WORKERS }, async () => {
    const d = delivery();
    while (!done) {
      // As the worker drains (app/lib/jobs/worker.server.ts): CONCURRENCY passes at once until nothing is due.
      // A failed pass is counted; the next one picks its rows up again when their lease runs out.
      const errors = await drainOutbox(d.deliverDue, CONCURRENCY, () => done);
      passErrors += errors.length;
      await new Promise((r) => setTimeout(r, errors.length ? 200 : 50));
    }
  });
  while ((await remaining()) > 0) await new Promise((r) => setTimeout(r, 200));
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await Promise.all(loops);
  await resend.close();
  await pgc.query("delete from public.email_outbox where idempotency_key like $1", [`${run}:%`]);
  await pgc.end();

  const rate = N / seconds;
  const ceiling = RPS * BATCH;
  const ratio = rate / ceiling;
  const machine = `${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "unknown"}), load ${os.loadavg()[0]!.toFixed(2)} at the end`;
  const lines = [
    `Recipients:          ${N}`,
    `Stand-in limit:      ${RPS} calls/s x ${BATCH} per batch = ${ceiling} emails/s ceiling`,
    `Workers:             ${WORKERS}, ${CONCURRENCY} passes in flight each (passes that failed and were retried: ${passErrors})`,
    `Delivered in:        ${seconds.toFixed(1)} s (${resend.stats.calls} calls accepted, ${resend.stats.limited} answered 429)`,
    `Emails per second:   ${rate.toFixed(0)} = ${ratio.toFixed(2)} of the ceiling (target ${TARGET}) ${ratio >= TARGET ? "✓" : "✗"}`,
    buildMs === null ? "Building a digest:   no contacts in the database" : `Building a digest:   ${buildMs.toFixed(1)} ms each (read as the recipient + rendered; ${BUILD} runs)`,
    `Machine:             ${machine}`,
  ];
  console.log(lines.join("\n"));
  if (OUT) {
    fs.writeFileSync(
      OUT,
      `# Digest delivery benchmark\n\nWritten by \`npm run bench:digest\` (also run by \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}. ` +
        "The machine may be shared with other work: the numbers are indicative.\n\n```\n" +
        lines.join("\n") +
        "\n```\n",
    );
    console.log(`Wrote ${path.relative(process.cwd(), OUT)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
