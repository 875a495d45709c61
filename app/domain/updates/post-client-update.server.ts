import type { ClientAccess } from "~/domain/clients/require-client.server";
import { dbFailure } from "~/lib/db-errors.server";
import { appOrigin, env } from "~/lib/env.server";
import { ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { UpdateInput } from "./schema";

/** The opening words of a Markdown text as plain text, for an email. */
export function plainExcerpt(markdown: string, max = 400): string {
  const plain = markdown
    .replace(/<[^>]*>/g, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^[ \t]{0,3}(#{1,6}|>|[-*+]|\d+\.)[ \t]+/gm, "")
    .replace(/[*_`~]/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return plain.length > max ? `${plain.slice(0, max).replace(/\s+\S*$/, "")}…` : plain;
}

export const UPDATE_MESSAGES = {
  what: "update",
  forbidden: "Only staff on this client's team can post updates, and only the author or the project manager can change one.",
};

/**
 * The client's staff post an update: one RPC, so the update and the email to
 * each of the client's contacts (queued in the outbox, unless it is staff-only)
 * are written in one transaction. Author and time come from the database; RLS
 * and a trigger decide who may post and what the update may link to.
 */
export async function postClientUpdate(
  db: Db,
  access: Pick<ClientAccess, "client">,
  input: UpdateInput,
  origin = appOrigin,
): Promise<Result<{ id: string }>> {
  const { client } = access;
  const { data, error } = await db.rpc("post_client_update", {
    p_client: client.id,
    p_title: input.title,
    p_body_markdown: input.bodyMarkdown,
    p_is_internal: input.staffOnly,
    p_decision_needed: input.decisionNeeded,
    p_decision_due: input.decisionDue,
    p_decision_from: input.decisionFrom,
    p_milestone: input.milestoneId,
    p_requirement_document: input.requirementDocumentId,
    p_email: {
      providerName: env.PROVIDER_NAME,
      excerpt: plainExcerpt(input.bodyMarkdown),
      clientPageUrl: new URL(`/c/${client.slug}`, origin).href,
    },
  });
  if (error) return dbFailure(error, UPDATE_MESSAGES);
  return ok({ id: data });
}
