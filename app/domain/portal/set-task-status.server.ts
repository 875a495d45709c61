import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";

/**
 * A contact (or the team) marks a client task done or open again. RLS and the
 * task trigger decide who may (see task-rules.ts for the rule in words); the
 * database stamps who completed it and when. A task this person cannot see is
 * "not_found"; one they may see but not mark is "forbidden".
 */
export async function setTaskStatus(db: Db, clientId: string, taskId: string, status: "open" | "done"): Promise<Result> {
  const { data, error } = await db
    .from("client_tasks")
    .update({ status })
    .eq("id", taskId)
    .eq("client_id", clientId)
    .select("id");
  if (error) return dbFailure(error, { what: "task" });
  return data.length === 1 ? ok() : fail("not_found", "That task does not exist, or you cannot see it.");
}
