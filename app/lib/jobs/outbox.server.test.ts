import { describe, expect, it } from "vitest";
import { batchKeyOf, isTransient, parseRetryAfter, retryDelayMs } from "./outbox.server";

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
