// Delivers the email outbox (public.email_outbox): one pass claims the due rows
// (outbox_claim: FOR UPDATE SKIP LOCKED, with a lease), renders each row once
// and stores the bytes, sends them through the Resend SDK and records what
// happened. Several passes may run at once, in one process or many.
//
// Idempotency (docs/decisions/0008-email-outbox.md): a row's first attempt may
// go out in a batch with other first attempts; the batch's key is derived from
// its members' keys, and the batch (same members, same bytes, same key) is what
// every later attempt of those rows sends. A row never batched is sent alone
// with its own key. A batch Resend refuses as a whole (a 4xx: nothing was sent)
// is split, and its rows are then tried alone.
import { createHash, randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import { Resend } from "resend";
import { emailFromRegistry, emailHeaders } from "../../../emails/registry";
import type { Database } from "../database.types";
import type { Db } from "../supabase.server";

export type OutboxRow = Database["public"]["Tables"]["email_outbox"]["Row"];

export type DeliveryOptions = {
  /** Service-role client of the "email-outbox" job. */
  db: Db;
  /** Resend API key (or any key for the local mailbox / a stand-in). */
  apiKey: string;
  /** Resend's base URL when not Resend itself (the local mailbox, a test stand-in). */
  baseUrl?: string;
  from: string;
  /** Rows per claim, and so at most per batch call (Resend allows 100). */
  batchSize?: number;
  /** How long a claim holds its rows; a worker that dies frees them after this. Must exceed requestTimeoutMs. */
  leaseSeconds?: number;
  /** Give up on one HTTP call after this long (a hang counts as a network error). */
  requestTimeoutMs?: number;
  /** First retry delay; it doubles with each attempt, with full jitter, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Transient failures after which a row is marked failed. */
  maxAttempts?: number;
  log?: (line: string) => void;
  /** Deliver only this client's emails (a test beside others, a worker dedicated to one client); default: all. */
  clientId?: string;
};

type SendResult =
  | { ok: true; ids: string[] }
  | { ok: false; statusCode: number | null; name: string; message: string; retryAfterMs: number | null };

export type PassResult = { claimed: number; sent: number; retried: number; failed: number };

const DEFAULTS = {
  batchSize: 100,
  leaseSeconds: 120,
  requestTimeoutMs: 30_000,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  maxAttempts: 12,
};

/** Retry-After in seconds or as an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** Exponential backoff with full jitter, never sooner than the server asked. */
export function retryDelayMs(attempts: number, retryAfterMs: number | null, base: number, max: number, random = Math.random) {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Worth trying again: rate limits, server errors, network failures, and a key still being processed. */
export function isTransient(statusCode: number | null, name: string): boolean {
  if (statusCode === null || statusCode === 429 || statusCode >= 500) return true;
  return statusCode === 409 && name === "concurrent_idempotent_requests";
}

/** The key of a batch: the same members always give the same key. */
export function batchKeyOf(memberKeys: string[]): string {
  const digest = createHash("sha256").update([...memberKeys].sort().join("\n")).digest("hex");
  return `batch-${digest.slice(0, 48)}`;
}

type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * Keeps one process's calls within the rate the provider announces (Resend's
 * ratelimit-limit, ratelimit-remaining and ratelimit-reset headers, and retry-after on a
 * 429): when the window's calls are used up, a send waits for the next window instead
 * of being refused. Until a response has announced a limit, nothing waits. Several
 * processes each keep their own gate; a 429 one of them still meets is retried as usual.
 */
export function createRateGate(clock: Clock = realClock) {
  let limit: number | null = null; // calls per window, as announced
  let remaining: number | null = null; // calls left in this window: as announced, less those started since
  let resetAt = 0;
  let inFlight = 0;
  return {
    async acquire(): Promise<void> {
      for (;;) {
        const now = clock.now();
        if (remaining !== null && now >= resetAt) {
          // A new window: the announced limit again, for a provisional second until a response says more.
          remaining = limit;
          resetAt = now + 1000;
        }
        if (remaining === null || remaining > 0) {
          if (remaining !== null) remaining--;
          inFlight++;
          return;
        }
        await clock.sleep(Math.max(1, resetAt - now));
      }
    },
    /** After a call: its HTTP status (null: no answer) and response headers. */
    release(status: number | null, headers: Record<string, string> | null | undefined): void {
      inFlight = Math.max(0, inFlight - 1);
      if (!headers) return;
      const now = clock.now();
      const announcedLimit = Number(headers["ratelimit-limit"]);
      if (Number.isInteger(announcedLimit) && announcedLimit > 0) limit = announcedLimit;
      const reset = parseRetryAfter(headers["ratelimit-reset"]);
      if (status === 429) {
        remaining = 0;
        resetAt = Math.max(resetAt, now + (parseRetryAfter(headers["retry-after"]) ?? reset ?? 1000));
        return;
      }
      const announced = Number(headers["ratelimit-remaining"]);
      if (headers["ratelimit-remaining"] !== undefined && Number.isInteger(announced) && reset !== null) {
        // Calls still in flight may not be counted in this answer yet: count them against it.
        remaining = Math.max(0, announced - inFlight);
        resetAt = now + reset;
      }
    },
  };
}

/**
 * Runs `concurrency` passes at a time until one finds nothing due (or `stopped()`), so
 * several batches are in flight at once (claimed, rendered, sending, recorded) while
 * the rate gate keeps the calls within the announced rate. Returns the errors of
 * passes that failed (their rows are claimed again when the lease runs out).
 */
export async function drainOutbox(
  deliverDue: () => Promise<PassResult>,
  concurrency: number,
  stopped: () => boolean = () => false,
): Promise<Error[]> {
  let empty = false;
  const errors: Error[] = [];
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (!empty && !stopped()) {
        try {
          if ((await deliverDue()).claimed === 0) empty = true;
        } catch (error) {
          errors.push(error as Error);
          return;
        }
      }
    }),
  );
  return errors;
}

export function createOutboxDelivery(options: DeliveryOptions) {
  const o = { ...DEFAULTS, ...options };
  const log = o.log ?? (() => {});
  const resend = new Resend(o.apiKey, o.baseUrl ? { baseUrl: o.baseUrl } : undefined);
  const db = o.db;
  const gate = createRateGate();

  /**
   * Renders the claimed rows never rendered before and stores their bytes with one call
   * (outbox_store_rendered; only the first render is kept: if another worker stored one
   * meanwhile, theirs is used). Returns the rows as stored, and those that cannot render.
   */
  async function renderOnce(rows: OutboxRow[]): Promise<{ ready: OutboxRow[]; broken: { row: OutboxRow; reason: string }[] }> {
    const broken: { row: OutboxRow; reason: string }[] = [];
    const rendered: { id: string; subject: string; html: string; text: string }[] = [];
    for (const row of rows) {
      if (row.rendered_at) continue;
      try {
        const { subject, element } = emailFromRegistry(row.template, (row.props ?? {}) as Record<string, unknown>);
        const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
        rendered.push({ id: row.id, subject, html, text });
      } catch (e) {
        broken.push({ row, reason: `cannot render: ${(e as Error).message}`.slice(0, 1000) });
      }
    }
    const stored = new Map<string, OutboxRow>();
    if (rendered.length) {
      const { data, error } = await db.rpc("outbox_store_rendered", { p_rendered: rendered });
      if (error) throw new Error(`storing the rendered emails failed: ${error.message}`);
      for (const row of data) stored.set(row.id, row);
    }
    const failed = new Set(broken.map((b) => b.row.id));
    const ready = rows.filter((r) => !failed.has(r.id)).map((r) => stored.get(r.id) ?? r);
    // A row still without bytes was never stored (it vanished meanwhile): leave it to its lease.
    return { ready: ready.filter((r) => r.rendered_at), broken };
  }

  const payload = (row: OutboxRow) => ({
    from: o.from,
    to: row.recipient,
    subject: row.subject!,
    html: row.html!,
    text: row.text_body ?? undefined,
    // One-click unsubscribe for notifications and digests (derived from the stored props: the same on every attempt).
    headers: emailHeaders(row.props as Record<string, unknown> | null),
  });

  async function send(rows: OutboxRow[], key: string): Promise<SendResult> {
    // Within the rate the provider announced: wait for the next window rather than be refused.
    await gate.acquire();
    let response: Awaited<ReturnType<typeof resend.emails.send>> | Awaited<ReturnType<typeof resend.batch.send>>;
    try {
      const signal = AbortSignal.timeout(o.requestTimeoutMs);
      response =
        rows.length === 1
          ? await resend.emails.send(payload(rows[0]), { idempotencyKey: key, signal })
          : await resend.batch.send(rows.map(payload), { idempotencyKey: key, signal });
    } catch (e) {
      gate.release(null, null);
      throw e;
    }
    gate.release(response.error ? ((response.error as { statusCode?: number | null }).statusCode ?? null) : 200, response.headers);
    if (response.data) {
      const data = response.data as { id: string } | { data: { id: string }[] };
      return { ok: true, ids: "data" in data ? data.data.map((d) => d.id) : [data.id] };
    }
    const error = response.error as { statusCode?: number | null; name?: string; message?: string } | null;
    return {
      ok: false,
      statusCode: error?.statusCode ?? null,
      name: error?.name ?? "application_error",
      message: error?.message ?? "unknown error",
      retryAfterMs: parseRetryAfter(response.headers?.["retry-after"]),
    };
  }

  async function update(ids: string[], claim: string, values: Partial<OutboxRow>) {
    const { error } = await db.from("email_outbox").update(values).in("id", ids).eq("claim_token", claim).eq("status", "sending");
    if (error) throw new Error(`updating the outbox failed: ${error.message}`);
  }

  const describe = (r: Extract<SendResult, { ok: false }>) =>
    `${r.statusCode ?? "network"} ${r.name}: ${r.message}`.slice(0, 1000);

  /** Sends one unit (a row alone, or a batch) and records the outcome on its rows. */
  async function deliverUnit(rows: OutboxRow[], key: string, claim: string, result: PassResult) {
    const ids = rows.map((r) => r.id);
    const outcome = await send(rows, key);
    if (outcome.ok) {
      // Delivered: recorded whatever happened to the claim (a late worker's success is still the truth).
      // One call for the whole unit (outbox_record_sent), not one per row.
      const { error } = await db.rpc("outbox_record_sent", { p_ids: ids, p_provider_ids: rows.map((_, i) => outcome.ids[i] ?? null) as string[] });
      if (error) throw new Error(`recording delivered emails failed: ${error.message}`);
      result.sent += rows.length;
      return;
    }
    const reason = describe(outcome);
    const attempts = Math.max(...rows.map((r) => r.attempts));
    if (isTransient(outcome.statusCode, outcome.name)) {
      if (attempts >= o.maxAttempts) {
        await update(ids, claim, { status: "failed", last_error: `gave up after ${attempts} attempts: ${reason}`, claim_token: null });
        result.failed += rows.length;
        log(`outbox: gave up on ${ids.length} email(s) after ${attempts} attempts (${reason})`);
        return;
      }
      const delay = retryDelayMs(attempts, outcome.retryAfterMs, o.baseDelayMs, o.maxDelayMs);
      await update(ids, claim, {
        status: "pending",
        next_attempt_at: new Date(Date.now() + delay).toISOString(),
        last_error: reason,
        claim_token: null,
      });
      result.retried += rows.length;
      log(`outbox: ${ids.length} email(s) will be retried in ${delay} ms (${reason})`);
      return;
    }
    if (rows.length > 1) {
      // Resend refused the batch as a whole, so none of it was sent: try each alone, now.
      await update(ids, claim, {
        status: "pending",
        batch_key: null,
        batch_size: null,
        next_attempt_at: new Date().toISOString(),
        last_error: `batch refused, retrying alone: ${reason}`,
        claim_token: null,
      });
      result.retried += rows.length;
      return;
    }
    await update(ids, claim, { status: "failed", last_error: reason, claim_token: null });
    result.failed += 1;
    log(`outbox: email ${ids[0]} failed permanently (${reason})`);
  }

  /** Records the rows left of a batch as a new batch (or one row alone); null if this claim no longer holds them all. */
  async function rebatch(rows: OutboxRow[], claim: string): Promise<{ rows: OutboxRow[]; key: string } | null> {
    const key = rows.length > 1 ? batchKeyOf(rows.map((r) => r.idempotency_key)) : rows[0].idempotency_key;
    const { data, error } = await db
      .from("email_outbox")
      .update(rows.length > 1 ? { batch_key: key, batch_size: rows.length } : { batch_key: null, batch_size: null })
      .in(
        "id",
        rows.map((r) => r.id),
      )
      .eq("claim_token", claim)
      .eq("status", "sending")
      .select("id");
    if (error) throw new Error(`recording a batch failed: ${error.message}`);
    if (data.length === rows.length) return { rows, key };
    if (data.length > 0) {
      // The lease ran out and another worker holds some of them: those recorded here go alone later, the rest are its.
      const { error: undoError } = await db
        .from("email_outbox")
        .update({ batch_key: null, batch_size: null })
        .in(
          "id",
          data.map((r) => r.id),
        );
      if (undoError) throw new Error(`undoing a batch failed: ${undoError.message}`);
    }
    return null;
  }

  /** One pass: claim what is due, deliver it, record the outcome. */
  async function deliverDue(): Promise<PassResult> {
    const claim = randomUUID();
    const result: PassResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    const { data: claimed, error } = await db.rpc("outbox_claim", {
      p_claim: claim,
      p_limit: o.batchSize,
      p_lease_seconds: o.leaseSeconds,
      ...(o.clientId ? { p_client: o.clientId } : {}),
    });
    if (error) throw new Error(`claiming due emails failed: ${error.message}`);
    result.claimed = claimed.length;
    if (claimed.length === 0) return result;

    // Render what was never rendered. A template that cannot render will never send.
    const { ready, broken } = await renderOnce(claimed);
    for (const { row, reason } of broken) {
      await update([row.id], claim, { status: "failed", last_error: reason, claim_token: null, batch_key: null, batch_size: null });
      result.failed += 1;
      log(`outbox: email ${row.id} failed (${reason})`);
    }

    // Units: batches (the claim records the first attempts it takes together as one, and takes a
    // recorded batch whole), sent with their members in one order; then rows alone, under their own key.
    const units: { rows: OutboxRow[]; key: string }[] = [];
    const batches = new Map<string, OutboxRow[]>();
    for (const row of ready) {
      if (row.batch_key) batches.set(row.batch_key, [...(batches.get(row.batch_key) ?? []), row]);
      else units.push({ rows: [row], key: row.idempotency_key });
    }
    for (const [key, members] of batches) {
      const rows = members.sort((a, b) => a.idempotency_key.localeCompare(b.idempotency_key));
      if (rows.length === rows[0].batch_size) units.push({ rows, key });
      else {
        // Members that cannot render were marked failed before anything was sent under this key:
        // the others become a batch of their own (or a row alone), recorded before it is sent.
        const unit = await rebatch(rows, claim);
        if (unit) units.push(unit);
      }
    }

    await Promise.all(units.map((unit) => deliverUnit(unit.rows, unit.key, claim, result)));
    return result;
  }

  return { deliverDue };
}
