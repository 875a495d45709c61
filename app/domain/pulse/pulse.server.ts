// The feedback pulse and concerns, as the signed-in contact (issue 10). Each change
// is one RPC (migration 20261201001200): answering or raising a concern opens a
// dissatisfier and emails the PM and relationship manager in the same transaction.
import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";

export type ContactPulse = {
  /** The latest pulse asked of this client, with the contact's own answer to it. */
  pulse: { id: string; askedAt: string; myScore: number | null; myComment: string | null } | null;
  /** "You told us, we did": the contact's own resolved concerns and low answers, with the shared resolution. */
  heard: { id: string; said: string; resolution: string; resolvedAt: string }[];
};

/** What the pulse section of the client page shows the signed-in contact (RLS: only their own rows). */
export async function getContactPulse(db: Db, clientId: string, personId: string): Promise<ContactPulse> {
  const [pulses, answers, heard] = await Promise.all([
    db.from("pulses").select("id, created_at").eq("client_id", clientId).order("created_at", { ascending: false }).limit(1),
    db.from("pulse_answers").select("pulse_id, score, comment").eq("client_id", clientId).eq("person_id", personId),
    db
      .from("dissatisfiers")
      .select("id, summary, resolution, resolved_at, concerns(body)")
      .eq("client_id", clientId)
      .eq("raised_by", personId)
      .eq("status", "resolved")
      .order("resolved_at", { ascending: false }),
  ]);
  for (const r of [pulses, answers, heard]) if (r.error) throw new Error(`Could not load the pulse: ${r.error.message}`);
  const latest = pulses.data?.[0];
  const mine = latest ? answers.data?.find((a) => a.pulse_id === latest.id) : undefined;
  return {
    pulse: latest
      ? { id: latest.id, askedAt: latest.created_at, myScore: mine?.score ?? null, myComment: mine?.comment ?? null }
      : null,
    heard: (heard.data ?? []).map((d) => ({
      id: d.id,
      said: d.concerns?.body ?? d.summary,
      resolution: d.resolution ?? "",
      resolvedAt: d.resolved_at ?? "",
    })),
  };
}

/** The contact answers a pulse (again: the answer changes). */
export async function answerPulse(
  db: Db,
  access: ClientAccess,
  input: { pulseId: string; score: number; comment?: string },
): Promise<Result<{ answerId: string }>> {
  if (!access.isContact) return { ok: false, kind: "forbidden", message: "Only the client's contacts answer the pulse." };
  const { data, error } = await db.rpc("answer_pulse", { p_pulse: input.pulseId, p_score: input.score, p_comment: input.comment ?? "" });
  if (error) return dbFailure(error, { what: "answer" });
  return ok({ answerId: (data as { id: string }).id });
}

/** The contact raises a concern; a dissatisfier opens with it. */
export async function raiseConcern(db: Db, access: ClientAccess, input: { body: string }): Promise<Result<{ concernId: string }>> {
  if (!access.isContact) return { ok: false, kind: "forbidden", message: "Only the client's contacts raise concerns here." };
  const { data, error } = await db.rpc("raise_concern", { p_client: access.client.id, p_body: input.body });
  if (error) return dbFailure(error, { what: "concern" });
  return ok({ concernId: (data as { id: string }).id });
}
