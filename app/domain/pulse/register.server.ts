// The dissatisfier register, for the client's staff (issue 10). Reads under RLS
// (staff of the client); every change is one RPC (migration 20261201001200).
import type { QueryData } from "@supabase/supabase-js";
import type { Database } from "~/lib/database.types";
import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { toClientAccess, type ClientAccess, type ClientAccessRow } from "../clients/require-client.server";
import type { FeedbackAction } from "./schema";

type Status = Database["public"]["Enums"]["dissatisfier_status"];
type Severity = Database["public"]["Enums"]["dissatisfier_severity"];

/** One pulse on the chart: when it was asked, its answers' average score (1-5) and how many answered. */
export type PulsePoint = { askedAt: string; average: number; answers: number };

export type RegisterEntry = {
  id: string;
  summary: string;
  source: Database["public"]["Enums"]["dissatisfier_source"];
  severity: Severity;
  status: Status;
  ownerId: string | null;
  ownerName: string | null;
  raisedBy: string | null;
  dueDate: string | null;
  overdue: boolean;
  resolution: string | null;
  triageNotes: string;
  /** What the contact said, when an answer or a concern opened it. */
  said: string | null;
  createdAt: string;
  resolvedAt: string | null;
};

export type Register = {
  entries: RegisterEntry[];
  team: { id: string; fullName: string }[];
  pulses: { id: string; askedAt: string; answers: { score: number; comment: string | null; contact: string }[] }[];
  /** Every pulse with answers, oldest first: its average score (for the chart). */
  trend: PulsePoint[];
  /** How often the contacts are asked while the onboarding runs. */
  pulseIntervalDays: number;
};

/** Each pulse's average score and number of answers, oldest first. */
export function pulseTrend(answers: { pulse_id: string; score: number; askedAt: string }[]): PulsePoint[] {
  const byPulse = new Map<string, { askedAt: string; sum: number; n: number }>();
  for (const a of answers) {
    const entry = byPulse.get(a.pulse_id) ?? { askedAt: a.askedAt, sum: 0, n: 0 };
    entry.sum += a.score;
    entry.n += 1;
    byPulse.set(a.pulse_id, entry);
  }
  return [...byPulse.values()]
    .map((e) => ({ askedAt: e.askedAt, average: e.sum / e.n, answers: e.n }))
    .sort((a, b) => a.askedAt.localeCompare(b.askedAt));
}

/** Open ones first (overdue first among them, then by due date), then resolved ones, newest first. */
export function orderRegister(entries: RegisterEntry[]): RegisterEntry[] {
  const rank = (e: RegisterEntry) => (e.status === "resolved" ? 2 : e.overdue ? 0 : 1);
  return [...entries].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.status === "resolved"
        ? (b.resolvedAt ?? "").localeCompare(a.resolvedAt ?? "")
        : (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.createdAt.localeCompare(b.createdAt)),
  );
}

/**
 * The register's rows, in the shape of these selects: the feedback_register
 * function (migration 20261202001060, ADR 0016) returns each of them, plus the
 * caller's client_access row, in one call; tests/security/staff-pages.test.ts
 * compares them.
 */
export const REGISTER_SELECTS = {
  dissatisfiers:
    "id, summary, source, severity, status, owner_id, due_date, resolution, created_at, resolved_at, raiser:people!dissatisfiers_raised_by_fkey(full_name), concerns(body), pulse_answers(score, comment)",
  notes: "dissatisfier_id, notes",
  team: "person_id, people(full_name)",
  /** Newest first, at most twenty. */
  pulses: "id, created_at, pulse_answers(score, comment, people(full_name))",
  answers: "pulse_id, score, pulses(created_at)",
  setting: "pulse_interval_days",
} as const;
const _selects = (db: Db) => ({
  dissatisfiers: db.from("dissatisfiers").select(REGISTER_SELECTS.dissatisfiers),
  notes: db.from("dissatisfier_notes").select(REGISTER_SELECTS.notes),
  team: db.from("client_staff").select(REGISTER_SELECTS.team),
  pulses: db.from("pulses").select(REGISTER_SELECTS.pulses),
  answers: db.from("pulse_answers").select(REGISTER_SELECTS.answers),
  setting: db.from("clients").select(REGISTER_SELECTS.setting).single(),
});
type Selects = ReturnType<typeof _selects>;
export type RegisterRows = { [K in keyof Selects]: QueryData<Selects[K]> } & { access: ClientAccessRow };

/** The register's rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readRegister(db: Db, slug: string): Promise<RegisterRows | null> {
  const { data, error } = await db.rpc("feedback_register", { p_slug: slug });
  if (error) throw new Error(`Could not load the register: ${error.message}`);
  return (data as unknown as RegisterRows | null) ?? null;
}

/** The register of a client for its team, with the person's access: one round trip, guard included. */
export async function getRegister(db: Db, slug: string, today: string): Promise<Result<{ access: ClientAccess; register: Register }>> {
  const rows = await readRegister(db, slug);
  if (!rows?.access) return fail("not_found", "The page does not exist, or you do not have access to it.");
  const access = toClientAccess(rows.access);
  if (!access.isStaff) return fail("forbidden", "Only the client's team sees its feedback.");
  const { dissatisfiers, notes, team, pulses, answers, setting } = rows;
  const teamList = team.map((t) => ({ id: t.person_id, fullName: t.people?.full_name ?? "" }));
  const noteOf = new Map(notes.map((n) => [n.dissatisfier_id, n.notes]));
  const entries = dissatisfiers.map((d) => {
    const answer = d.pulse_answers;
    return {
      id: d.id,
      summary: d.summary,
      source: d.source,
      severity: d.severity,
      status: d.status,
      ownerId: d.owner_id,
      ownerName: teamList.find((t) => t.id === d.owner_id)?.fullName ?? null,
      raisedBy: d.raiser?.full_name ?? null,
      dueDate: d.due_date,
      overdue: d.status !== "resolved" && d.due_date !== null && d.due_date < today,
      resolution: d.resolution,
      triageNotes: noteOf.get(d.id) ?? "",
      said: d.concerns?.body ?? (answer ? `${answer.score} of 5${answer.comment ? `: ${answer.comment}` : ""}` : null),
      createdAt: d.created_at,
      resolvedAt: d.resolved_at,
    } satisfies RegisterEntry;
  });
  const register: Register = {
    entries: orderRegister(entries),
    team: teamList,
    pulses: pulses.map((p) => ({
      id: p.id,
      askedAt: p.created_at,
      answers: (p.pulse_answers ?? []).map((a) => ({ score: a.score, comment: a.comment, contact: a.people?.full_name ?? "" })),
    })),
    trend: pulseTrend(answers.map((a) => ({ pulse_id: a.pulse_id, score: a.score, askedAt: a.pulses?.created_at ?? "" }))),
    pulseIntervalDays: setting?.pulse_interval_days ?? 14,
  };
  return ok({ access, register });
}

export type RegisterChange =
  | { intent: "request-pulse"; pulseId: string | null; asked: number; skipped: number }
  | { intent: "set-pulse-interval"; days: number }
  | { intent: "open-dissatisfier" | "update-dissatisfier"; id: string };

/** One change to the register, as the signed-in staff member. */
export async function changeRegister(db: Db, access: ClientAccess, action: FeedbackAction): Promise<Result<RegisterChange>> {
  switch (action.intent) {
    case "request-pulse": {
      // Contacts asked in the last 7 days (for any reason) are skipped, in SQL.
      const { data, error } = await db.rpc("request_pulse", { p_client: access.client.id });
      if (error) return dbFailure(error, { what: "pulse", forbidden: "Only the client's project manager can ask for a pulse." });
      const asked = data as { id: string | null; asked: number; skipped: number };
      return ok({ intent: "request-pulse", pulseId: asked.id, asked: asked.asked, skipped: asked.skipped });
    }
    case "set-pulse-interval": {
      const { data, error } = await db.rpc("set_pulse_interval", { p_client: access.client.id, p_days: action.pulseIntervalDays });
      if (error) return dbFailure(error, { what: "setting", forbidden: "Only the client's project manager can change how often the pulse is asked." });
      return ok({ intent: "set-pulse-interval", days: data as number });
    }
    case "open-dissatisfier": {
      const args = {
        p_client: access.client.id,
        p_summary: action.summary,
        p_source: action.source,
        p_severity: action.severity,
        p_due_date: action.dueDate ?? null,
        p_owner: action.ownerId ?? null,
      } as unknown as Database["public"]["Functions"]["open_dissatisfier"]["Args"];
      const { data, error } = await db.rpc("open_dissatisfier", args);
      if (error) return dbFailure(error, { what: "dissatisfier", forbidden: "Only the client's project manager can open a dissatisfier." });
      return ok({ intent: "open-dissatisfier", id: data as string });
    }
    case "update-dissatisfier": {
      const args = {
        p_id: action.id,
        p_status: action.status,
        p_severity: action.severity,
        p_owner: action.ownerId ?? null,
        p_due_date: action.dueDate ?? null,
        p_triage_notes: action.triageNotes ?? "",
        p_resolution: action.resolution ?? null,
      } as unknown as Database["public"]["Functions"]["update_dissatisfier"]["Args"];
      const { data, error } = await db.rpc("update_dissatisfier", args);
      if (error) return dbFailure(error, { what: "dissatisfier" });
      return ok({ intent: "update-dissatisfier", id: (data as { id: string }).id });
    }
  }
}
