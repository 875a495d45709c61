import { dbFailure } from "~/lib/db-errors.server";
import { fail, invalid, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";

const MESSAGES = { what: "link", forbidden: "Only the client's project manager can link commitments." };

/**
 * The PM says where a commitment is delivered: a milestone or a requirement
 * document of the same client ("milestone:<id>" / "requirement:<id>"). The
 * database moves the status along (planned, then delivered).
 */
export async function linkCommitment(db: Db, clientId: string, commitmentId: string, target: string): Promise<Result> {
  const [kind, id] = target.split(":");
  const { error } = await db.from("commitment_links").insert({
    commitment_id: commitmentId,
    client_id: clientId,
    milestone_id: kind === "milestone" ? id : null,
    requirement_document_id: kind === "requirement" ? id : null,
  });
  if (error?.code === "23505") return invalid("target", "The commitment is already linked to that.");
  // The composite foreign keys keep a link inside one client.
  if (error?.code === "23503") return invalid("target", "Choose a milestone or requirement document of this client.");
  return error ? dbFailure(error, MESSAGES) : ok();
}

export async function unlinkCommitment(db: Db, clientId: string, linkId: string): Promise<Result> {
  const { data, error } = await db.from("commitment_links").delete().eq("id", linkId).eq("client_id", clientId).select("id");
  if (error) return dbFailure(error, MESSAGES);
  return data.length ? ok() : fail("not_found", "That link no longer exists, or you cannot change it.");
}
