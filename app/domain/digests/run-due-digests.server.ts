// The digest job (issue 9): finds whose digest is due now (digests_due: their
// day and hour in their time zone have come, and no digest exists for the
// period), builds each as the recipient sees their page, and records it with
// its email in one RPC (record_digest). The unique (client, person, period)
// key makes a second run, a scheduler firing twice, or two workers at once
// create each digest exactly once.
import type { Json } from "~/lib/database.types";
import { serviceRoleClient } from "~/lib/service-role.server";
import { buildDigest } from "./build-digest.server";

export const DIGEST_QUEUE = "digests";
/** Every 15 minutes: a digest goes within 15 minutes of its hour. */
export const DIGEST_CRON = "*/15 * * * *";

export type DigestRun = { due: number; created: number; skipped: number; failed: number };

export async function runDueDigests(
  now = new Date(),
  options: { concurrency?: number; log?: (line: string) => void; /** Only these clients (tests sharing one database). */ onlyClients?: string[] } = {},
): Promise<DigestRun> {
  const db = serviceRoleClient("digest");
  const { data: listed, error } = await db.rpc("digests_due", { p_now: now.toISOString() });
  if (error) throw new Error(`Could not list the digests due: ${error.message}`);
  const due = options.onlyClients ? listed.filter((d) => options.onlyClients!.includes(d.client_id)) : listed;
  const run: DigestRun = { due: due.length, created: 0, skipped: 0, failed: 0 };
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const built = await buildDigest({ personId: next.person_id, clientId: next.client_id }, new Date(next.period_start), now);
        if (!built) {
          run.skipped++;
          continue;
        }
        const { data: outboxId, error: recordError } = await db.rpc("record_digest", {
          p_client: next.client_id,
          p_person: next.person_id,
          p_period_key: next.period_key,
          p_period_start: next.period_start,
          p_period_end: now.toISOString(),
          p_props: built.props as unknown as Json,
        });
        if (recordError) throw new Error(recordError.message);
        if (outboxId) run.created++;
        else run.skipped++;
      } catch (e) {
        run.failed++;
        options.log?.(`digest for ${next.person_id} on ${next.client_id} failed: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return run;
}

/** The scheduled job the worker registers on pg-boss (see app/lib/jobs/worker.server.ts). */
export const digestJob = {
  queue: DIGEST_QUEUE,
  cron: DIGEST_CRON,
  run: async (log: (line: string) => void) => {
    const result = await runDueDigests(new Date(), { log });
    if (result.due) log(`digests: ${result.created} created, ${result.skipped} skipped, ${result.failed} failed of ${result.due} due`);
  },
};
