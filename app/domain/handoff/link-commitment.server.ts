import type { Db } from "~/lib/supabase.server";
import { handoffError, notFound, ok, type HandoffResult } from "./handoff-errors.server";

/**
 * The PM says where a commitment is delivered: a milestone or a requirement
 * document of the same client ("milestone:<id>" / "requirement:<id>"). The
 * database moves the status along (planned, then delivered).
 */
export async function linkCommitment(db: Db, clientId: string, commitmentId: string, target: string): Promise<HandoffResult> {
  const [kind, id] = target.split(":");
  const { error } = await db.from("commitment_links").insert({
    commitment_id: commitmentId,
    client_id: clientId,
    milestone_id: kind === "milestone" ? id : null,
    requirement_document_id: kind === "requirement" ? id : null,
  });
  if (error?.code === "23505") return { ok: false, status: 409, fieldErrors: { target: ["The commitment is already linked to that."] } };
  if (error?.code === "42501") return { ok: false, status: 403, formError: "Only the client's project manager can link commitments." };
  if (error?.code === "23503") return { ok: false, status: 400, fieldErrors: { target: ["Choose a milestone or document of this client."] } };
  return error ? handoffError(error, "link") : ok;
}

export async function unlinkCommitment(db: Db, clientId: string, linkId: string): Promise<HandoffResult> {
  const { data, error } = await db.from("commitment_links").delete().eq("id", linkId).eq("client_id", clientId).select("id");
  if (error) return handoffError(error, "link");
  return data.length ? ok : notFound("link");
}
