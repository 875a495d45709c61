import type { ClientPortal } from "~/domain/portal/get-client-portal.server";

/** What changed on a client's page since the person's previous visit (ids per kind). */
export type NewSince = {
  /** The previous visit; null on a first visit, when nothing is marked. */
  since: string | null;
  updates: string[];
  slips: number[];
  requirements: string[];
  tasks: string[];
};

export const NOTHING_NEW: NewSince = { since: null, updates: [], slips: [], requirements: [], tasks: [] };

const after = (at: string | null | undefined, since: number) => Boolean(at) && Date.parse(at!) > since;

/** Marks updates (posted or edited), slips, published versions and tasks (set or changed) after `since`. */
export function newSince(portal: Pick<ClientPortal, "updates" | "slips" | "requirements" | "tasks">, since: string | null): NewSince {
  if (!since) return NOTHING_NEW;
  const t = Date.parse(since);
  return {
    since,
    updates: portal.updates.filter((u) => after(u.postedAt, t) || after(u.editedAt, t)).map((u) => u.id),
    slips: portal.slips.filter((s) => after(s.changedAt, t)).map((s) => s.id),
    requirements: portal.requirements.filter((r) => after(r.publishedAt, t)).map((r) => r.id),
    tasks: portal.tasks.filter((x) => after(x.changedAt, t)).map((x) => x.id),
  };
}
