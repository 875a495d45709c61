import { describe, expect, it } from "vitest";
import { daysBetween, isOverdue, milestoneStatus, phaseStatus, progressPercent } from "./status";

const today = "2026-11-25";

describe("milestone status", () => {
  it("is done once it has an actual date, even if it was late", () => {
    expect(milestoneStatus({ planned_date: "2026-11-01", actual_date: "2026-11-05", risk_note: null }, today)).toBe("done");
  });
  it("is late when the planned date has passed", () => {
    expect(milestoneStatus({ planned_date: "2026-11-24", actual_date: null, risk_note: null }, today)).toBe("late");
  });
  it("is on track on its planned day", () => {
    expect(milestoneStatus({ planned_date: today, actual_date: null, risk_note: null }, today)).toBe("on_track");
  });
  it("is at risk when the PM flagged a risk", () => {
    expect(milestoneStatus({ planned_date: "2026-12-20", actual_date: null, risk_note: "Carrier silent" }, today)).toBe("at_risk");
    expect(milestoneStatus({ planned_date: "2026-12-20", actual_date: null, risk_note: "   " }, today)).toBe("on_track");
  });
  it("is at risk when a client task it depends on is overdue", () => {
    const m = { id: "m1", planned_date: "2026-12-20", actual_date: null, risk_note: null };
    expect(milestoneStatus(m, today, [{ milestone_id: "m1", status: "open", due_date: "2026-11-20" }])).toBe("at_risk");
    expect(milestoneStatus(m, today, [{ milestone_id: "m1", status: "done", due_date: "2026-11-20" }])).toBe("on_track");
    expect(milestoneStatus(m, today, [{ milestone_id: "other", status: "open", due_date: "2026-11-20" }])).toBe("on_track");
  });
});

describe("phase status and progress", () => {
  it("takes the worst milestone", () => {
    expect(phaseStatus({ planned_end: "2026-12-31" }, [{ status: "done" }, { status: "at_risk" }, { status: "late" }], today)).toBe("late");
    expect(phaseStatus({ planned_end: "2026-12-31" }, [{ status: "done" }, { status: "at_risk" }], today)).toBe("at_risk");
    expect(phaseStatus({ planned_end: "2026-12-31" }, [{ status: "done" }, { status: "done" }], today)).toBe("done");
  });
  it("counts done milestones", () => {
    expect(progressPercent([{ status: "done" }, { status: "late" }, { status: "on_track" }])).toBe(33);
    expect(progressPercent([])).toBe(0);
  });
});

describe("dates", () => {
  it("flags open tasks past their due date only", () => {
    expect(isOverdue({ status: "open", due_date: "2026-11-24", milestone_id: null }, today)).toBe(true);
    expect(isOverdue({ status: "open", due_date: today, milestone_id: null }, today)).toBe(false);
    expect(isOverdue({ status: "done", due_date: "2026-11-01", milestone_id: null }, today)).toBe(false);
    expect(isOverdue({ status: "open", due_date: null, milestone_id: null }, today)).toBe(false);
  });
  it("counts days across month ends", () => {
    expect(daysBetween("2026-11-25", "2026-12-02")).toBe(7);
  });
});
