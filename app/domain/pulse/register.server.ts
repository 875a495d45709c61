// The dissatisfier register, for the client's staff (issue 10). Reads under RLS
// (staff of the client); every change is one RPC (migration 20261201001200).
import type { Database } from "~/lib/database.types";
import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import type { FeedbackAction } from "./schema";

type Status = Database["public"]["Enums"]["dissatisfier_status"];
type Severity = Database["public"]["Enums"]["dissatisfier_severity"];

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
};

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

export async function getRegister(db: Db, access: ClientAccess, today: string): Promise<Result<Register>> {
  if (!access.isStaff) return { ok: false, kind: "forbidden", message: "Only the client's team sees its feedback." };
  const clientId = access.client.id;
  const [rows, notes, team, pulses] = await Promise.all([
    db
      .from("dissatisfiers")
      .select(
        "id, summary, source, severity, status, owner_id, due_date, resolution, created_at, resolved_at, raiser:people!dissatisfiers_raised_by_fkey(full_name), concerns(body), pulse_answers(score, comment)",
      )
      .eq("client_id", clientId),
    db.from("dissatisfier_notes").select("dissatisfier_id, notes").eq("client_id", clientId),
    db.from("client_staff").select("person_id, people(full_name)").eq("client_id", clientId),
    db
      .from("pulses")
      .select("id, created_at, pulse_answers(score, comment, people(full_name))")
      .eq("client_id", clientId)
      .order("created_at", { ascending: false })
      .limit(20),
  ]);
  for (const r of [rows, notes, team, pulses]) if (r.error) throw new Error(`Could not load the register: ${r.error.message}`);
  const teamList = (team.data ?? []).map((t) => ({ id: t.person_id, fullName: t.people?.full_name ?? "" }));
  const noteOf = new Map((notes.data ?? []).map((n) => [n.dissatisfier_id, n.notes]));
  const entries = (rows.data ?? []).map((d) => {
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
  return ok({
    entries: orderRegister(entries),
    team: teamList,
    pulses: (pulses.data ?? []).map((p) => ({
      id: p.id,
      askedAt: p.created_at,
      answers: (p.pulse_answers ?? []).map((a) => ({ score: a.score, comment: a.comment, contact: a.people?.full_name ?? "" })),
    })),
  });
}

/** One change to the register, as the signed-in staff member. */
export async function changeRegister(db: Db, access: ClientAccess, action: FeedbackAction): Promise<Result<string>> {
  switch (action.intent) {
    case "request-pulse": {
      const { data, error } = await db.rpc("request_pulse", { p_client: access.client.id });
      if (error) return dbFailure(error, { what: "pulse", forbidden: "Only the client's project manager can ask for a pulse." });
      return ok((data as { id: string }).id);
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
      return ok(data as string);
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
      return ok((data as { id: string }).id);
    }
  }
}
