// "What we promised you" on the client's page: the part of the portal's one
// embedded select that reads commitments and client facts, and its shaping.
// Read under RLS: a contact gets commitments, links to milestones they may see,
// and facts with their own answers; never internal notes or seller notes
// (those tables are not even named here). Also who the client's day-to-day
// contact is after the transition to service: a contact sees the transition
// only once the relationship manager has acknowledged it (RLS), never its note.
import type { CommitmentStatus } from "./schema";

/** Embedded in getClientPortal's select on clients. */
export const PROMISES_SELECT = `
  commitments(id, promise, promised_by, promised_on, due_date, status, dispute_comment, confirmed_at, disputed_at, created_at,
    commitment_links(id, milestone_id, requirement_document_id, milestones(title, planned_date, actual_date), requirement_documents(id, title))),
  client_facts(id, label, position, client_value, confirmed_at),
  service_transitions(acknowledged_at, moved_commitments,
    rm:people!service_transitions_relationship_manager_id_fkey(full_name, title, email, phone))`;

type Row = {
  commitments: {
    id: string;
    promise: string;
    promised_by: string;
    promised_on: string | null;
    due_date: string | null;
    status: CommitmentStatus;
    dispute_comment: string | null;
    confirmed_at: string | null;
    disputed_at: string | null;
    created_at: string;
    commitment_links: {
      id: string;
      milestone_id: string | null;
      requirement_document_id: string | null;
      milestones: { title: string; planned_date: string; actual_date: string | null } | null;
      requirement_documents: { id: string; title: string } | null;
    }[];
  }[];
  client_facts: { id: string; label: string; position: number; client_value: string | null; confirmed_at: string | null }[];
  service_transitions: {
    acknowledged_at: string | null;
    moved_commitments: number;
    rm: { full_name: string; title: string | null; email: string; phone: string | null } | null;
  } | null;
};

export type PortalCommitment = {
  id: string;
  promise: string;
  promisedBy: string;
  promisedOn: string | null;
  dueDate: string | null;
  status: CommitmentStatus;
  disputeComment: string | null;
  confirmedAt: string | null;
  deliveredBy: ({ kind: "milestone"; title: string; date: string; done: boolean } | { kind: "requirement"; id: string; title: string })[];
};

export type PortalFact = { id: string; label: string; value: string | null; confirmedAt: string | null };

/** The client's day-to-day contact since the transition to ongoing service, and what moved to them. */
export type PortalTransition = {
  since: string;
  contact: { fullName: string; title: string | null; email: string; phone: string | null };
  /** Commitments still open at the transition, now with the contact. */
  movedCommitments: number;
};

export function portalPromises(row: Row): { commitments: PortalCommitment[]; facts: PortalFact[]; transition: PortalTransition | null } {
  const t = row.service_transitions;
  return {
    // Staff may read a transition not yet acknowledged: the page shows only a done one.
    transition:
      t?.acknowledged_at && t.rm
        ? {
            since: t.acknowledged_at,
            contact: { fullName: t.rm.full_name, title: t.rm.title, email: t.rm.email, phone: t.rm.phone },
            movedCommitments: t.moved_commitments,
          }
        : null,
    commitments: [...row.commitments]
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .map((c) => ({
        id: c.id,
        promise: c.promise,
        promisedBy: c.promised_by,
        promisedOn: c.promised_on,
        dueDate: c.due_date,
        status: c.status,
        disputeComment: c.dispute_comment,
        confirmedAt: c.confirmed_at,
        deliveredBy: c.commitment_links.flatMap((l): PortalCommitment["deliveredBy"] =>
          l.milestones
            ? [{ kind: "milestone" as const, title: l.milestones.title, date: l.milestones.actual_date ?? l.milestones.planned_date, done: Boolean(l.milestones.actual_date) }]
            : l.requirement_documents
              ? [{ kind: "requirement" as const, id: l.requirement_documents.id, title: l.requirement_documents.title }]
              : [],
        ),
      })),
    facts: [...row.client_facts]
      .sort((a, b) => a.position - b.position)
      .map((f) => ({ id: f.id, label: f.label, value: f.client_value, confirmedAt: f.confirmed_at })),
  };
}
