// The feedback pulse and concerns, as the signed-in contact (issue 10). Each change
// is one RPC (migration 20261201001200): answering or raising a concern opens a
// dissatisfier and emails the PM and relationship manager in the same transaction.
import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import type { ClientPageRows } from "../portal/get-client-portal.server";

export type ContactPulse = {
  /** The latest pulse asked of this client, with the contact's own answer to it. */
  pulse: { id: string; askedAt: string; myScore: number | null; myComment: string | null } | null;
  /** "You told us, we did": the contact's own resolved concerns and low answers, with the shared resolution. */
  heard: { id: string; said: string; resolution: string; resolvedAt: string }[];
};

/** What the pulse section of the client page shows the signed-in contact, from the page's rows (RLS: only their own). */
export function toContactPulse(page: Pick<ClientPageRows, "latest_pulse" | "my_answers" | "heard">): ContactPulse {
  const latest = page.latest_pulse;
  const mine = latest ? page.my_answers.find((a) => a.pulse_id === latest.id) : undefined;
  return {
    pulse: latest
      ? { id: latest.id, askedAt: latest.created_at, myScore: mine?.score ?? null, myComment: mine?.comment ?? null }
      : null,
    heard: page.heard.map((d) => ({
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
