import { describe, expect, it } from "vitest";
import { batchKeyOf, createRateGate, drainOutbox, isTransient, parseRetryAfter, retryDelayMs } from "./outbox.server";

describe("retry policy", () => {
  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("never retries sooner than the server asked, and jitters within the doubling ceiling", () => {
    expect(retryDelayMs(1, 5_000, 100, 60_000, () => 0)).toBe(5_000);
    expect(retryDelayMs(3, null, 100, 60_000, () => 0)).toBe(200);
    expect(retryDelayMs(3, null, 100, 60_000, () => 1)).toBe(400);
    expect(retryDelayMs(30, null, 100, 60_000, () => 1)).toBe(60_000);
  });

  it("retries rate limits, server and network errors, and a key still in progress; nothing else", () => {
    expect(isTransient(429, "rate_limit_exceeded")).toBe(true);
    expect(isTransient(500, "internal_server_error")).toBe(true);
    expect(isTransient(null, "application_error")).toBe(true);
    expect(isTransient(409, "concurrent_idempotent_requests")).toBe(true);
    expect(isTransient(409, "invalid_idempotent_request")).toBe(false);
    expect(isTransient(422, "validation_error")).toBe(false);
    expect(isTransient(403, "invalid_api_key")).toBe(false);
  });

  it("keys a batch by its members, whatever their order", () => {
    expect(batchKeyOf(["b", "a"])).toBe(batchKeyOf(["a", "b"]));
    expect(batchKeyOf(["a", "b"])).not.toBe(batchKeyOf(["a", "c"]));
    expect(batchKeyOf(["a"]).length).toBeLessThanOrEqual(256);
  });
});

/** A clock that moves only when a send waits: sleeping advances it, and records how long was waited. */
function fakeClock() {
  const clock = { t: 0, waited: [] as number[], now: () => clock.t, sleep: async (ms: number) => void (clock.waited.push(ms), (clock.t += ms)) };
  return clock;
}

describe("the rate gate keeps sends within the announced rate", () => {
  const announced = (remaining: number, reset = 1) => ({
    "ratelimit-limit": "5",
    "ratelimit-remaining": String(remaining),
    "ratelimit-reset": String(reset),
  });

  it("lets calls through until the provider announces a limit", async () => {
    const clock = fakeClock();
    const gate = createRateGate(clock);
    for (let i = 0; i < 20; i++) await gate.acquire();
    expect(clock.waited).toEqual([]);
  });

  it("waits for the next window once the announced calls are used, then allows the announced limit again", async () => {
    const clock = fakeClock();
    const gate = createRateGate(clock);
    await gate.acquire();
    gate.release(200, announced(2));
    await gate.acquire();
    await gate.acquire();
    expect(clock.waited).toEqual([]);
    // The window's calls are used: the next one waits for the window to reset (1 s), not sooner.
    await gate.acquire();
    expect(clock.waited).toEqual([1000]);
    expect(clock.t).toBe(1000);
    // A new window: the announced limit (5) less the one just taken, without waiting.
    for (let i = 0; i < 4; i++) await gate.acquire();
    expect(clock.waited).toEqual([1000]);
    await gate.acquire();
    expect(clock.waited).toHaveLength(2);
  });

  it("counts calls still in flight against what an answer announces", async () => {
    const clock = fakeClock();
    const gate = createRateGate(clock);
    await Promise.all([gate.acquire(), gate.acquire(), gate.acquire()]);
    // The first answer says 2 are left, but two calls it may not have counted are still out.
    gate.release(200, announced(2));
    await gate.acquire();
    expect(clock.waited).toEqual([1000]);
  });

  it("after a 429 waits as long as retry-after asks", async () => {
    const clock = fakeClock();
    const gate = createRateGate(clock);
    await gate.acquire();
    gate.release(429, { "retry-after": "3" });
    await gate.acquire();
    expect(clock.waited).toEqual([3000]);
  });

  it("a call with no answer (a network error) frees its place and changes nothing else", async () => {
    const clock = fakeClock();
    const gate = createRateGate(clock);
    await gate.acquire();
    gate.release(null, null);
    for (let i = 0; i < 10; i++) await gate.acquire();
    expect(clock.waited).toEqual([]);
  });
});

describe("draining with several passes in flight", () => {
  it("runs that many passes at once and stops when one finds nothing due", async () => {
    let due = 10;
    let inFlight = 0;
    let most = 0;
    const deliverDue = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      const claimed = due > 0 ? 1 : 0;
      due -= claimed;
      inFlight--;
      return { claimed, sent: claimed, retried: 0, failed: 0 };
    };
    expect(await drainOutbox(deliverDue, 4)).toEqual([]);
    expect(due).toBe(0);
    expect(most).toBe(4);
  });

  it("reports a failed pass instead of throwing, and the other passes carry on", async () => {
    let calls = 0;
    const deliverDue = async () => {
      calls++;
      if (calls === 1) throw new Error("claiming due emails failed: boom");
      await new Promise((r) => setImmediate(r));
      return { claimed: calls < 6 ? 1 : 0, sent: 0, retried: 0, failed: 0 };
    };
    const errors = await drainOutbox(deliverDue, 2);
    expect(errors.map((e) => e.message)).toEqual(["claiming due emails failed: boom"]);
    expect(calls).toBeGreaterThanOrEqual(6);
  });
});
