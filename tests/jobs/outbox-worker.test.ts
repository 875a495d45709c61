// The outbox worker end to end: the real worker code (in this process, and as
// child processes running `app/lib/jobs/worker-main.server.ts`, as `npm run
// worker` does) against the real local stack and a scripted stand-in for
// Resend (tests/support/fake-resend.ts) that honours Idempotency-Key.
//
// Every wait below waits for an outcome (vi.waitFor), never for a time.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { batchKeyOf } from "~/lib/jobs/outbox.server";
import { startWorker, type Worker } from "~/lib/jobs/worker.server";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { sql, stackEnv, uniq } from "../support/stack";
import { seedTenant } from "../support/tenants";

type OutboxRow = {
  id: string;
  recipient: string;
  status: string;
  attempts: number;
  idempotency_key: string;
  batch_key: string | null;
  html: string | null;
  text_body: string | null;
  subject: string | null;
  last_error: string | null;
  provider_message_id: string | null;
};

let fake: FakeResend;
const workers: Worker[] = [];
const children: ChildProcess[] = [];
const keys: string[] = [];
const quiet = () => {};
// Waits below end when the outcome arrives; this is only the budget on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

/**
 * The client every email here is about. The workers below claim only its emails
 * (outbox_claim's p_client), so this file runs beside the other test files: the
 * emails they queue are never claimed, batched or sent here, and theirs never by us.
 */
let scope: string;

beforeAll(async () => {
  fake = await startFakeResend();
  scope = (await seedTenant("outbox-worker")).client.id;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  fake.reset();
});

afterAll(async () => {
  await fake?.close();
  if (keys.length) await sql("delete from public.email_outbox where idempotency_key = any($1::text[])", [keys]);
});

const reviewProps = (recipient: string) => ({
  personName: `Reader ${recipient.slice(0, 12)}`,
  clientName: "Northwind Traders",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  documentTitle: "Payroll requirements",
  version: 2,
  changeNote: "Bonus runs added.",
  dueDate: "2027-03-10",
  publishedBy: "Pat Manager",
  documentUrl: "http://localhost:3000/portal/northwind/requirements/1",
});

/** Enqueues n emails in one transaction (as one feature RPC would); returns their recipients. */
async function enqueueTogether(n: number, template = "requirement-review"): Promise<string[]> {
  const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
  await db.connect();
  const recipients = Array.from({ length: n }, () => `${uniq("outbox")}@worker-test.example`);
  try {
    await db.query("begin");
    for (const recipient of recipients) {
      const key = uniq("outbox-test-key");
      keys.push(key);
      await db.query("select app_private.enqueue_email($1, $2, $3::jsonb, $4, $5)", [template, recipient, reviewProps(recipient), key, scope]);
    }
    await db.query("commit");
  } finally {
    await db.end();
  }
  return recipients;
}

/** Enqueues n emails from n connections at once (each its own transaction). */
async function enqueueAtOnce(n: number): Promise<string[]> {
  const recipients = Array.from({ length: n }, () => `${uniq("outbox-par")}@worker-test.example`);
  await Promise.all(
    recipients.map((recipient) => {
      const key = uniq("outbox-test-key");
      keys.push(key);
      return sql("select app_private.enqueue_email('requirement-review', $1, $2::jsonb, $3, $4)", [recipient, reviewProps(recipient), key, scope]);
    }),
  );
  return recipients;
}

const rowsFor = (recipients: string[]) =>
  sql<OutboxRow>("select * from public.email_outbox where recipient = any($1::text[]) order by recipient", [recipients]);

async function until(recipients: string[], done: (rows: OutboxRow[]) => boolean, timeout = 90_000) {
  return vi.waitFor(
    async () => {
      const rows = await rowsFor(recipients);
      if (rows.length !== recipients.length || !done(rows)) throw new Error(`not yet: ${rows.map((r) => r.status).join(",")}`);
      return rows;
    },
    { timeout, interval: 100 },
  );
}
const allSent = (rows: OutboxRow[]) => rows.every((r) => r.status === "sent");

/** A worker in this process, pointed at the stand-in, with short timeouts so the test is quick. */
async function inProcessWorker(overrides: Parameters<typeof startWorker>[0] = {}) {
  const worker = await startWorker({
    apiKey: "re_test",
    baseUrl: fake.url,
    pollMs: 100,
    requestTimeoutMs: 1_000,
    baseDelayMs: 20,
    leaseSeconds: 10,
    log: quiet,
    clientId: scope,
    ...overrides,
  });
  workers.push(worker);
  return worker;
}

/** `npm run worker`'s entry point as a child process, sending to the stand-in. */
function childWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("app/lib/jobs/worker-main.server.ts")], {
    env: {
      ...process.env,
      RESEND_API_KEY: "re_test",
      RESEND_BASE_URL: fake.url,
      OUTBOX_POLL_MS: "100",
      OUTBOX_RETRY_BASE_MS: "20",
      OUTBOX_CLIENT_ID: scope,
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

const requestsTo = (recipient: string) => fake.requests.filter((r) => r.to.includes(recipient));

describe("the outbox worker delivers every email once", () => {
  it("through 429 with retry-after, then 500, then a hang, then success: one delivery, one key on every attempt", async () => {
    const [recipient] = await enqueueTogether(1);
    fake.script(
      { status: 429, name: "rate_limit_exceeded", headers: { "retry-after": "1" } },
      { status: 500, name: "internal_server_error" },
      "hang",
    );
    await inProcessWorker();

    const [row] = await until([recipient], allSent);
    const attempts = requestsTo(recipient);
    expect(attempts.map((r) => r.answered)).toEqual([429, 500, "hang", "replay"]);
    expect(new Set(attempts.map((r) => r.idempotencyKey))).toEqual(new Set([row.idempotency_key]));
    expect(fake.deliveredTo(recipient)).toBe(1);
    expect(row.attempts).toBe(4);
    // What was delivered is exactly what was rendered once and stored.
    const [delivered] = fake.deliveries.filter((d) => d.to === recipient);
    expect(delivered.subject).toBe("Please review: Payroll requirements, version 2");
    expect(delivered.html).toBe(row.html);
    expect(delivered.text).toBe(row.text_body);
    expect(row.text_body).toContain("Payroll requirements");
    expect(row.provider_message_id).toBe(delivered.id);
  });

  it("sends emails due together in one batch call, and retries that batch with the same members and key", async () => {
    const recipients = await enqueueTogether(3);
    fake.script({ status: 429, name: "rate_limit_exceeded", headers: { "retry-after": "1" } }, { status: 502 }, "hang");
    await inProcessWorker();

    const rows = await until(recipients, allSent);
    const key = batchKeyOf(rows.map((r) => r.idempotency_key));
    const calls = fake.requests.filter((r) => r.to.some((to) => recipients.includes(to)));
    expect(calls.map((c) => [c.path, c.answered, c.to.length])).toEqual([
      ["/emails/batch", 429, 3],
      ["/emails/batch", 502, 3],
      ["/emails/batch", "hang", 3],
      ["/emails/batch", "replay", 3],
    ]);
    expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([key]));
    for (const recipient of recipients) expect(fake.deliveredTo(recipient)).toBe(1);
    expect(new Set(rows.map((r) => r.batch_key))).toEqual(new Set([key]));
  });

  it("marks an email failed, with the reason, when Resend refuses it (422), and does not retry it", async () => {
    const [recipient] = await enqueueTogether(1);
    fake.script({ status: 422, name: "validation_error", message: "Invalid `to` field." });
    await inProcessWorker();

    const [row] = await until([recipient], (rows) => rows[0].status === "failed");
    expect(row.last_error).toBe("422 validation_error: Invalid `to` field.");
    expect(row.attempts).toBe(1);
    expect(fake.deliveredTo(recipient)).toBe(0);
    expect(requestsTo(recipient)).toHaveLength(1);
  });

  it("splits a batch Resend refuses as a whole and sends its emails alone", async () => {
    const recipients = await enqueueTogether(2);
    fake.script({ status: 422, name: "validation_error", message: "One email in the batch is invalid." });
    await inProcessWorker();

    const rows = await until(recipients, allSent);
    for (const recipient of recipients) {
      expect(fake.deliveredTo(recipient)).toBe(1);
      const last = requestsTo(recipient).at(-1)!;
      expect(last.path).toBe("/emails");
      expect(last.idempotencyKey).toBe(rows.find((r) => r.recipient === recipient)!.idempotency_key);
    }
  });

  it("marks an email whose template does not exist failed, and sends nothing", async () => {
    const [recipient] = await enqueueTogether(1, "no-such-template");
    await inProcessWorker();

    const [row] = await until([recipient], (rows) => rows[0].status === "failed");
    expect(row.last_error).toBe('cannot render: unknown email template "no-such-template"');
    expect(requestsTo(recipient)).toHaveLength(0);
  });

  it("takes an email that cannot render out of the batch its claim formed, before sending; the others go as a batch of their own", async () => {
    const good = await enqueueTogether(2);
    const [bad] = await enqueueTogether(1, "no-such-template");
    await inProcessWorker();

    const rows = await until([...good, bad!], (all) => all.every((r) => r.status === "sent" || r.status === "failed"));
    expect(rows.find((r) => r.recipient === bad)).toMatchObject({ status: "failed", batch_key: null });
    expect(requestsTo(bad!)).toHaveLength(0);
    const sent = rows.filter((r) => good.includes(r.recipient));
    expect(sent.map((r) => r.status)).toEqual(["sent", "sent"]);
    const calls = fake.requests.filter((r) => r.to.some((to) => good.includes(to)));
    const key = batchKeyOf(sent.map((r) => r.idempotency_key));
    expect(calls.map((c) => [c.path, c.to.length, c.idempotencyKey])).toEqual([["/emails/batch", 2, key]]);
    expect(new Set(sent.map((r) => r.batch_key))).toEqual(new Set([key]));
    for (const recipient of good) expect(fake.deliveredTo(recipient)).toBe(1);
  });

  it("loses none and duplicates none when the worker is killed in the middle of a batch and started again", async () => {
    const batch = await enqueueTogether(5);
    // Resend takes the batch but the answer never arrives: the worker is killed while it waits.
    fake.script("hang");
    const first = childWorker({ OUTBOX_LEASE_SECONDS: "2", OUTBOX_REQUEST_TIMEOUT_MS: "60000" });
    await vi.waitFor(
      () => {
        if (!fake.requests.some((r) => r.answered === "hang" && r.to.includes(batch[0]))) throw new Error("batch not sent yet");
      },
      { timeout: 90_000, interval: 50 },
    );
    first.kill("SIGKILL");
    await exited(first);
    expect((await rowsFor(batch)).map((r) => r.status)).toEqual(batch.map(() => "sending"));

    const later = await enqueueTogether(2);
    childWorker({ OUTBOX_LEASE_SECONDS: "2" });
    const rows = await until([...batch, ...later], allSent);

    for (const recipient of [...batch, ...later]) expect(fake.deliveredTo(recipient)).toBe(1);
    const batchCalls = fake.requests.filter((r) => r.to.includes(batch[0]));
    expect(batchCalls.map((c) => c.answered)).toEqual(["hang", "replay"]);
    expect(new Set(batchCalls.map((c) => c.idempotencyKey))).toEqual(
      new Set([batchKeyOf(rows.filter((r) => batch.includes(r.recipient)).map((r) => r.idempotency_key))]),
    );
  }, 120_000); // two worker processes start here (TypeScript, pg-boss): slow on a busy machine

  it("two workers at once deliver 50 emails enqueued at once, each exactly once", async () => {
    await Promise.all([inProcessWorker({ batchSize: 7, name: "one" }), inProcessWorker({ batchSize: 7, name: "two" })]);
    const recipients = await enqueueAtOnce(50);

    const rows = await until(recipients, allSent);
    expect(rows).toHaveLength(50);
    for (const recipient of recipients) expect(fake.deliveredTo(recipient)).toBe(1);
    const ids = new Set(rows.map((r) => r.provider_message_id));
    expect(ids.size).toBe(50);
  }, 60_000);
});
