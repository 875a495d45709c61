// Status of the plan, computed from dates (and the PM's risk flag), never only typed.
// Dates are ISO calendar days ("2026-11-25"), compared as strings.

export type ItemStatus = "done" | "late" | "at_risk" | "on_track";

export const STATUS_LABEL: Record<ItemStatus, string> = {
  done: "Done",
  late: "Late",
  at_risk: "At risk",
  on_track: "On track",
};

export type MilestoneDates = { planned_date: string; actual_date: string | null; risk_note: string | null };
export type TaskDates = { due_date: string | null; status: "open" | "done"; milestone_id: string | null };

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isOverdue(task: TaskDates, today: string): boolean {
  return task.status === "open" && task.due_date !== null && task.due_date < today;
}

/**
 * done: it has an actual date. late: its planned date has passed.
 * at risk: the PM flagged a risk, or a client task it depends on is overdue.
 * on track: otherwise.
 */
export function milestoneStatus(m: MilestoneDates & { id?: string }, today: string, tasks: TaskDates[] = []): ItemStatus {
  if (m.actual_date) return "done";
  if (m.planned_date < today) return "late";
  if (m.risk_note?.trim()) return "at_risk";
  if (m.id && tasks.some((t) => t.milestone_id === m.id && isOverdue(t, today))) return "at_risk";
  return "on_track";
}

/** A phase is as healthy as its worst milestone; done when all are done (or its end has passed without any). */
export function phaseStatus(
  phase: { planned_end: string },
  milestones: { status: ItemStatus }[],
  today: string,
): ItemStatus {
  if (milestones.length === 0) return phase.planned_end < today ? "done" : "on_track";
  if (milestones.every((m) => m.status === "done")) return "done";
  for (const worst of ["late", "at_risk"] as const) if (milestones.some((m) => m.status === worst)) return worst;
  return "on_track";
}

/** Share of milestones done, 0..100. */
export function progressPercent(milestones: { status: ItemStatus }[]): number {
  if (milestones.length === 0) return 0;
  return Math.round((100 * milestones.filter((m) => m.status === "done").length) / milestones.length);
}

/** Days between two ISO dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
