import { describe, expect, it } from "vitest";
import { formatDayLong } from "./dates";

describe("formatDayLong", () => {
  it("writes the weekday without a comma, as every ICU version then agrees (server and browser render the same text)", () => {
    expect(formatDayLong("2027-03-05")).toBe("Friday 5 March 2027");
    expect(formatDayLong("2026-12-06")).toBe("Sunday 6 December 2026");
  });
});
