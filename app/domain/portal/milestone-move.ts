// How far a milestone's planned date has moved since it was first planned, read
// from the date changes the viewer may see (RLS: a contact never sees a change
// marked internal, so an internal move never shows on their page).
import { daysBetween } from "./status";

export type MilestoneMove = {
  /** The planned date before the first recorded change. */
  firstPlanned: string;
  /** Days from the first planned date to today's planned date: positive is later, negative earlier. */
  days: number;
  /** How many times the date was changed. */
  times: number;
};

type DateChange = { field: string; old_date: string; new_date: string; changed_at: string };

export function milestoneMove(plannedDate: string, changes: DateChange[]): MilestoneMove | null {
  const moves = changes.filter((c) => c.field === "planned_date").sort((a, b) => a.changed_at.localeCompare(b.changed_at));
  const first = moves[0];
  if (!first) return null;
  return { firstPlanned: first.old_date, days: daysBetween(first.old_date, plannedDate), times: moves.length };
}
