import type { Db } from "~/lib/supabase.server";

/**
 * A contact (or the PM) marks a client task done or open again. RLS and the
 * task trigger decide who may; the database stamps who completed it and when.
 * Returns false when the task is not visible to this person.
 */
export async function setTaskStatus(db: Db, clientId: string, taskId: string, status: "open" | "done"): Promise<boolean> {
  const { data, error } = await db
    .from("client_tasks")
    .update({ status })
    .eq("id", taskId)
    .eq("client_id", clientId)
    .select("id");
  if (error) throw new Error(`Could not update the task: ${error.message}`);
  return data.length === 1;
}
