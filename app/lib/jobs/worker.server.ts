// The background worker: a pg-boss instance on the app's own Postgres (a direct
// connection, DATABASE_URL) that runs the named system job "email-outbox".
//
// The outbox table is the source of truth and outbox_claim (FOR UPDATE SKIP
// LOCKED, with a lease) is the lock, so any number of workers can run at once,
// in the web process (`npm start`) or alone (`npm run worker`). pg-boss carries
// the wake-ups: a cron schedule sweeps the outbox every minute across all
// workers, anyone can nudge it (nudgeOutbox), and each worker also polls on its
// own every OUTBOX_POLL_MS. A lost wake-up therefore delays an email, never
// loses it. Later jobs (digests) schedule on the same pg-boss instance.
import { PgBoss } from "pg-boss";
import { z } from "zod";
import { env } from "../env.server";
import { serviceRoleClient } from "../service-role.server";
import { createOutboxDelivery, drainOutbox, type DeliveryOptions } from "./outbox.server";
import { schedulePulses } from "./pulse-schedule.server";

export const OUTBOX_QUEUE = "email-outbox";

const settingsSchema = z.object({
  DATABASE_URL: z.string().min(1, "is required: a direct Postgres connection (pg-boss needs it)"),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(1000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  // Passes in flight at once per worker (each claims up to a batch); the rate gate keeps their calls within the announced rate.
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).default(120),
  OUTBOX_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(1).default(2_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(12),
  // Deliver only this client's emails (tests that run beside others; a worker dedicated to one client).
  OUTBOX_CLIENT_ID: z.string().uuid().optional(),
});

/** A job run on a cron schedule on the same pg-boss instance (e.g. the digests, app/domain/digests). */
export type ScheduledJob = { queue: string; cron: string; run: (log: (line: string) => void) => Promise<void> };

export type WorkerOptions = Partial<Omit<DeliveryOptions, "db">> & {
  databaseUrl?: string;
  /** Scheduled jobs this worker also runs (pg-boss gives each cron tick to one worker). */
  scheduled?: ScheduledJob[];
  pollMs?: number;
  /** Identifies this worker in logs. */
  name?: string;
  /** Passes in flight at once (OUTBOX_CONCURRENCY). */
  concurrency?: number;
};

export type Worker = {
  /** Runs passes until nothing is due (what the timer and pg-boss jobs call). */
  drain: () => Promise<void>;
  /** Stops polling, lets a running pass finish, stops pg-boss. */
  stop: () => Promise<void>;
};

/** Where mail goes: Resend with RESEND_API_KEY (RESEND_BASE_URL may point the SDK elsewhere), else the local mailbox. */
function transport(): Pick<DeliveryOptions, "apiKey" | "baseUrl"> {
  if (env.RESEND_API_KEY) return { apiKey: env.RESEND_API_KEY, baseUrl: process.env.RESEND_BASE_URL || undefined };
  if (env.LOCAL_MAILBOX_URL) return { apiKey: "re_local_mailbox", baseUrl: env.LOCAL_MAILBOX_URL };
  throw new Error("The worker has nowhere to send mail: set RESEND_API_KEY (or run with the local stack's mailbox).");
}

export async function startWorker(options: WorkerOptions = {}): Promise<Worker> {
  const parsed = settingsSchema.safeParse({ ...process.env, DATABASE_URL: options.databaseUrl ?? process.env.DATABASE_URL });
  if (!parsed.success) {
    throw new Error(`The worker cannot start: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const s = parsed.data;
  const name = options.name ?? `worker-${process.pid}`;
  const log = options.log ?? ((line: string) => console.log(`[${name}] ${line}`));
  const delivery = createOutboxDelivery({
    db: serviceRoleClient("email-outbox"),
    from: env.EMAIL_FROM,
    batchSize: s.OUTBOX_BATCH_SIZE,
    leaseSeconds: s.OUTBOX_LEASE_SECONDS,
    requestTimeoutMs: s.OUTBOX_REQUEST_TIMEOUT_MS,
    baseDelayMs: s.OUTBOX_RETRY_BASE_MS,
    maxAttempts: s.OUTBOX_MAX_ATTEMPTS,
    clientId: s.OUTBOX_CLIENT_ID,
    log,
    ...transport(),
    ...options,
  });
  const pollMs = options.pollMs ?? s.OUTBOX_POLL_MS;
  const concurrency = options.concurrency ?? s.OUTBOX_CONCURRENCY;

  // One drain at a time per worker; a wake-up during a drain asks for one more.
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  const drain = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const errors = await drainOutbox(delivery.deliverDue, concurrency, () => stopping);
          for (const error of errors) log(`outbox pass failed: ${error.message}`);
          if (errors.length) return;
        } while (again && !stopping);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const boss = new PgBoss({ connectionString: s.DATABASE_URL, schema: "pgboss" });
  boss.on("error", (error: Error) => log(`pg-boss: ${error.message}`));
  await boss.start();
  await boss.createQueue(OUTBOX_QUEUE);
  await boss.schedule(OUTBOX_QUEUE, "* * * * *");
  await boss.work(OUTBOX_QUEUE, { pollingIntervalSeconds: 2 }, () => drain());
  for (const job of options.scheduled ?? []) {
    await boss.createQueue(job.queue);
    await boss.schedule(job.queue, job.cron);
    await boss.work(job.queue, { pollingIntervalSeconds: 10 }, async () => {
      try {
        await job.run(log);
      } catch (error) {
        log(`${job.queue} failed: ${(error as Error).message}`);
      }
      // What the job queued goes out now rather than at the next poll.
      void drain();
    });
  }
  await schedulePulses(boss, log);

  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = setTimeout(() => void drain().finally(() => !stopping && tick()), pollMs);
  };
  void drain().finally(() => !stopping && tick());
  log(`worker started: delivering the email outbox every ${pollMs} ms`);

  return {
    drain,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
      await boss.stop({ graceful: true, timeout: 5_000 });
      log("worker stopped");
    },
  };
}
