// What a digest says, as stored in the outbox row's props and rendered by
// emails/digest.tsx. Plain data (JSON): the worker renders exactly these props,
// and the staff preview renders the same props, so the preview is the email.
// Links are paths; the email puts them on the configured origin when it renders.

export type DigestStatus = { level: "green" | "amber" | "red"; reason: string };

export type DigestProps = {
  personName: string;
  clientName: string;
  brand: { name: string; primaryColor: string };
  frequency: "weekly" | "daily";
  /** The first day the digest covers and the day it was made (ISO days). */
  fromDay: string;
  toDay: string;
  status: DigestStatus;
  milestonesDone: { title: string; day: string }[];
  datesMoved: { title: string; from: string; to: string; reason: string }[];
  versionsPublished: { title: string; version: number; day: string; path: string }[];
  versionsSigned: { title: string; version: number; by: string; decision: "approved" | "changes_requested"; day: string }[];
  nextMilestones: { title: string; day: string }[];
  /** What the recipient owes: decisions asked of them and sign-offs waiting on them. */
  decisionsOwed: { title: string; due: string | null; path: string }[];
  signOffsOwed: { title: string; version: number; due: string | null; path: string }[];
  updates: { title: string; authorName: string | null; day: string; excerpt: string; path: string }[];
  pulse: { askedDay: string; answered: boolean; path: string } | null;
  resolvedConcerns: { said: string; resolution: string }[];
  pagePath: string;
  /** Who it is for (the preferences and unsubscribe links are made from this when rendered). */
  recipient: { clientId: string; personId: string; clientSlug: string; kind: "digest" };
};

/** True when nothing happened in the period and nothing is owed: the digest says so in one line. */
export function nothingHappened(p: Pick<DigestProps, "milestonesDone" | "datesMoved" | "versionsPublished" | "versionsSigned" | "updates" | "resolvedConcerns">): boolean {
  return (
    p.milestonesDone.length + p.datesMoved.length + p.versionsPublished.length + p.versionsSigned.length + p.updates.length +
      p.resolvedConcerns.length ===
    0
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * An honest status from what the recipient can see, with the reason in words.
 * red: 3 or more milestones late, or one late by more than 14 days.
 * amber: a milestone late or flagged at risk, or something owed past its date.
 * green: otherwise.
 */
export function digestStatus(input: {
  late: { title: string; daysLate: number }[];
  atRisk: { title: string }[];
  overdueOwed: number;
}): DigestStatus {
  const { late, atRisk, overdueOwed } = input;
  const parts: string[] = [];
  if (late.length) {
    const worst = [...late].sort((a, b) => b.daysLate - a.daysLate)[0]!;
    parts.push(`${plural(late.length, "milestone")} late (the latest: ${worst.title}, ${plural(worst.daysLate, "day")})`);
  }
  if (atRisk.length) parts.push(`${plural(atRisk.length, "milestone")} at risk (${atRisk.map((m) => m.title).join(", ")})`);
  if (overdueOwed) parts.push(`${plural(overdueOwed, "decision or sign-off", "decisions or sign-offs")} from you past the date asked`);
  if (late.length >= 3 || late.some((m) => m.daysLate > 14)) return { level: "red", reason: `Red: ${parts.join("; ")}.` };
  if (parts.length) return { level: "amber", reason: `Amber: ${parts.join("; ")}.` };
  return { level: "green", reason: "Green: every milestone is on track and nothing you owe is overdue." };
}
