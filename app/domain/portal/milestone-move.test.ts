import { describe, expect, it } from "vitest";
import { milestoneMove } from "./milestone-move";

const change = (old_date: string, new_date: string, changed_at: string, field = "planned_date") => ({ field, old_date, new_date, changed_at });

describe("milestoneMove", () => {
  it("is null for a milestone whose date never moved", () => {
    expect(milestoneMove("2026-11-04", [])).toBeNull();
  });

  it("counts the days from the first planned date to today's plan (the defect: '4 Nov (on plan)' after a 4-day move)", () => {
    expect(milestoneMove("2026-11-04", [change("2026-10-31", "2026-11-04", "2026-10-20T10:00:00Z")])).toEqual({
      firstPlanned: "2026-10-31",
      days: 4,
      times: 1,
    });
  });

  it("adds up several moves in the order they were made, whatever order they arrive in", () => {
    const changes = [
      change("2026-11-10", "2026-11-07", "2026-10-25T09:00:00Z"),
      change("2026-11-01", "2026-11-10", "2026-10-20T09:00:00Z"),
    ];
    expect(milestoneMove("2026-11-07", changes)).toEqual({ firstPlanned: "2026-11-01", days: 6, times: 2 });
  });

  it("says earlier when the date moved forward, and zero when it moved back to where it was", () => {
    expect(milestoneMove("2026-11-01", [change("2026-11-05", "2026-11-01", "2026-10-20T09:00:00Z")])?.days).toBe(-4);
    const there = [change("2026-11-05", "2026-11-09", "2026-10-20T09:00:00Z"), change("2026-11-09", "2026-11-05", "2026-10-21T09:00:00Z")];
    expect(milestoneMove("2026-11-05", there)).toEqual({ firstPlanned: "2026-11-05", days: 0, times: 2 });
  });

  it("ignores a phase's start and end changes", () => {
    expect(milestoneMove("2026-11-04", [change("2026-10-01", "2026-10-05", "2026-10-20T10:00:00Z", "planned_start")])).toBeNull();
  });
});
