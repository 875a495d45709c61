// What is due from a project manager this week, on the clients they run: one
// query on the staff_work_items view (security invoker; RLS applies).
import type { Db } from "~/lib/supabase.server";

export const WORK_KINDS = ["milestone", "dissatisfier", "signoff", "no_update", "unlinked_commitment"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export type WorkItem = {
  kind: WorkKind;
  clientSlug: string;
  clientName: string;
  itemId: string;
  title: string;
  dueDate: string | null;
  since: string | null;
  detail: string;
};

export type MyWork = Record<WorkKind, WorkItem[]>;

export async function listMyWork(db: Db): Promise<MyWork> {
  const { data, error } = await db
    .from("staff_work_items")
    .select("kind, client_slug, client_name, item_id, title, due_date, since, detail")
    .order("due_date", { ascending: true, nullsFirst: false })
    .order("since", { ascending: true, nullsFirst: true })
    .order("title");
  if (error) throw new Error(`Could not load your work: ${error.message}`);
  const work = Object.fromEntries(WORK_KINDS.map((k) => [k, [] as WorkItem[]])) as MyWork;
  for (const r of data) {
    const kind = r.kind as WorkKind;
    if (!WORK_KINDS.includes(kind) || !r.client_slug) continue;
    work[kind].push({
      kind,
      clientSlug: r.client_slug,
      clientName: r.client_name ?? "",
      itemId: r.item_id ?? "",
      title: r.title ?? "",
      dueDate: r.due_date,
      since: r.since,
      detail: r.detail ?? "",
    });
  }
  return work;
}
