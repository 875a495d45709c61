import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { notifyCommitmentDisputed, type NotifyOptions } from "./notify-commitment-disputed.server";
import type { CommitmentResponse } from "./schema";

const COMMITMENT = { what: "commitment" };
const gone = (what: string) => fail("not_found", `That ${what} no longer exists, or it is not yours to answer.`);

/**
 * A contact answers on their page: confirms a commitment, says "that's not
 * what we agreed" with a comment (the PM and the sales lead are emailed at
 * once), or answers a key fact. The database checks who may do what and
 * stamps who and when (guard_commitment, guard_client_fact). The value is how
 * many people were told of a dispute.
 */
export async function respondToCommitment(db: Db, clientId: string, input: CommitmentResponse, options: NotifyOptions): Promise<Result<{ notified: number }>> {
  switch (input.intent) {
    case "confirm-commitment": {
      const { data, error } = await db
        .from("commitments")
        .update({ status: "confirmed_by_client" })
        .eq("id", input.commitmentId)
        .eq("client_id", clientId)
        .select("id");
      if (error) return dbFailure(error, COMMITMENT);
      return data.length ? ok({ notified: 0 }) : gone("commitment");
    }
    case "answer-fact": {
      const { data, error } = await db
        .from("client_facts")
        .update({ client_value: input.value })
        .eq("id", input.factId)
        .eq("client_id", clientId)
        .select("id");
      if (error) return dbFailure(error, { what: "fact" });
      return data.length ? ok({ notified: 0 }) : gone("fact");
    }
    case "dispute-commitment": {
      const { data, error } = await db
        .from("commitments")
        .update({ status: "disputed", dispute_comment: input.comment })
        .eq("id", input.commitmentId)
        .eq("client_id", clientId)
        .select(
          `id, promise, promised_by, dispute_comment, disputed_at,
           disputer:people!commitments_disputed_by_fkey(full_name),
           clients(name, slug, primary_color, client_staff(role, people(full_name, email)))`,
        );
      if (error) return dbFailure(error, COMMITMENT);
      const row = data[0];
      if (!row || !row.clients) return gone("commitment");
      const recipients = row.clients.client_staff
        .filter((s) => s.role === "project_manager" || s.role === "sales")
        .flatMap((s) => (s.people ? [{ fullName: s.people.full_name, email: s.people.email }] : []));
      const notified = await notifyCommitmentDisputed(
        {
          key: `${row.id}-${row.disputed_at}`,
          client: { name: row.clients.name, slug: row.clients.slug, primaryColor: row.clients.primary_color },
          promise: row.promise,
          promisedBy: row.promised_by,
          disputedBy: row.disputer?.full_name ?? "Your client",
          comment: row.dispute_comment ?? input.comment,
          recipients,
        },
        options,
      );
      return ok({ notified });
    }
  }
}
