// The staff handoff page: the handoff record, the commitments ledger with its
// links and history, facts (the seller's notes beside what the client
// confirmed), internal notes and the success criteria, in one round trip under
// RLS. Only the client's staff (and admins) get anything back.
import type { QueryData } from "@supabase/supabase-js";
import { toClientAccess, type ClientAccessRow } from "~/domain/clients/require-client.server";
import type { Db } from "~/lib/supabase.server";
import { todayIso } from "~/domain/portal/status";
import type { CommitmentStatus, NoteKind } from "./schema";

export type CommitmentLink = {
  id: string;
  kind: "milestone" | "requirement";
  targetId: string;
  title: string;
  /** Done: the milestone happened (actual date), the document is approved (see the status in the ledger). */
  done: boolean | null;
};

export type CommitmentEvent = {
  id: number;
  kind: string;
  oldStatus: CommitmentStatus | null;
  newStatus: CommitmentStatus | null;
  detail: Record<string, unknown>;
  changedAt: string;
  changedBy: string | null;
};

export type StaffCommitment = {
  id: string;
  promise: string;
  promisedBy: string;
  promisedOn: string | null;
  source: string | null;
  dueDate: string | null;
  status: CommitmentStatus;
  disputeComment: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  disputedAt: string | null;
  disputedBy: string | null;
  links: CommitmentLink[];
  history: CommitmentEvent[];
  /** No link a week after the handoff meeting: the PM should say where it is delivered. */
  needsLink: boolean;
  /** The client answered it: it can no longer be deleted. */
  answered: boolean;
  /** Who on the team answers for it now (null: the project manager). */
  owner: string | null;
};

/** Open means still to do: a commitment not delivered, a dissatisfier not resolved. */
export type OpenConcern = { id: string; summary: string; status: "open" | "in_progress"; owner: string | null; dueDate: string | null };

export type TransitionState = {
  relationshipManagerId: string | null;
  relationshipManager: string | null;
  writtenBy: string | null;
  writtenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  movedCommitments: number;
  movedConcerns: number;
  note: { openItems: string | null; openCommitments: string | null; openConcerns: string | null; clientPreferences: string | null };
};

export type HandoffPage = {
  client: { id: string; slug: string; name: string };
  canLink: boolean;
  today: string;
  handoff: { meetingDate: string | null; attendees: string | null; summary: string | null; updatedAt: string | null };
  /** When unlinked commitments are flagged: a week after the handoff meeting. */
  linkDeadline: string | null;
  commitments: StaffCommitment[];
  facts: {
    id: string;
    label: string;
    sellerValue: string | null;
    note: string | null;
    clientValue: string | null;
    confirmedAt: string | null;
    confirmedBy: string | null;
  }[];
  notes: { id: string; kind: NoteKind; body: string; createdAt: string; author: string | null }[];
  successCriteria: { id: string; statement: string; measure: string | null; isInternal: boolean }[];
  team: { fullName: string; role: string }[];
  linkOptions: { value: string; label: string }[];
  /** The transition to ongoing service: null until the PM writes the note. */
  transition: TransitionState | null;
  /** Who may be named as the incoming relationship manager: the team's relationship managers. */
  relationshipManagers: { id: string; fullName: string }[];
  /** The viewer may write the note (the PM, an admin) until it is acknowledged. */
  canWriteTransition: boolean;
  /** The viewer is the relationship manager the note names, and has not acknowledged it yet. */
  canAcknowledge: boolean;
  /** What is still open, and would move at the transition. */
  openConcerns: OpenConcern[];
};

/**
 * The page's rows, in the shape of this embedded select: the handoff_page
 * function (migration 20261202001050, ADR 0016) returns the same JSON, plus the
 * caller's client_access row, in one call; tests/security/staff-pages.test.ts
 * compares them. It orders the rows as the page shows them (commitments, notes,
 * documents and dissatisfiers oldest first; facts, criteria and phases by
 * position) and leaves out resolved dissatisfiers.
 */
export const HANDOFF_SELECT = `
  id, slug, name,
  client_staff(role, person_id, people(full_name)),
  handoffs(meeting_date, attendees, summary, updated_at),
  commitments(id, promise, promised_by, promised_on, source, due_date, status, dispute_comment, confirmed_at, disputed_at, created_at, owner_id,
    confirmer:people!commitments_confirmed_by_fkey(full_name),
    disputer:people!commitments_disputed_by_fkey(full_name),
    commitment_links(id, milestone_id, requirement_document_id, milestones(title, actual_date), requirement_documents(title)),
    commitment_events(id, kind, old_status, new_status, detail, changed_at, changer:people!commitment_events_changed_by_fkey(full_name))),
  client_facts(id, label, position, client_value, confirmed_at,
    confirmer:people!client_facts_confirmed_by_fkey(full_name),
    client_fact_seller_notes(seller_value, note)),
  handoff_internal_notes(id, kind, body, created_at, author:people!handoff_internal_notes_created_by_fkey(full_name)),
  success_criteria(id, statement, measure, position, is_internal),
  phases(name, position, milestones(id, title, planned_date)),
  requirement_documents!requirement_documents_client_id_fkey(id, title, created_at),
  service_transitions(relationship_manager_id, written_at, acknowledged_at, moved_commitments, moved_concerns,
    rm:people!service_transitions_relationship_manager_id_fkey(full_name),
    writer:people!service_transitions_written_by_fkey(full_name),
    acknowledger:people!service_transitions_acknowledged_by_fkey(full_name),
    service_transition_notes(open_items, open_commitments, open_concerns, client_preferences)),
  dissatisfiers(id, summary, status, owner_id, due_date, created_at)
`;

export const addDays = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** How long after the handoff meeting a commitment may stay without a link before the PM is told. */
export const LINK_GRACE_DAYS = 7;

const _handoffSelect = (db: Db) => db.from("clients").select(HANDOFF_SELECT).single();
type HandoffRow = QueryData<ReturnType<typeof _handoffSelect>>;

/** The page's rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readHandoffPage(db: Db, slug: string): Promise<{ client: HandoffRow; access: ClientAccessRow } | null> {
  const { data, error } = await db.rpc("handoff_page", { p_slug: slug });
  if (error) throw new Error(`Could not load the handoff: ${error.message}`);
  return (data as unknown as { client: HandoffRow; access: ClientAccessRow } | null) ?? null;
}

/**
 * The handoff page of a client for its team; null for anyone not on it
 * (contacts included) and when the client does not exist (RLS). One round
 * trip, guard included. `viewerId` is the signed-in person (may they
 * acknowledge the transition?).
 */
export async function getHandoff(db: Db, slug: string, viewerId: string | null = null, now = new Date()): Promise<HandoffPage | null> {
  const page = await readHandoffPage(db, slug);
  if (!page?.client || !page.access) return null;
  const access = toClientAccess(page.access);
  // Contacts can read the client but not the staff's side: the handoff page is the team's.
  if (!access.isStaff) return null;
  const data = page.client;

  const today = todayIso(now);
  const names = new Map(data.client_staff.flatMap((s) => (s.people ? [[s.person_id, s.people.full_name] as const] : [])));
  const ownerName = (id: string | null) => (id ? (names.get(id) ?? "Someone no longer on the team") : null);
  const t = data.service_transitions;
  const note = t?.service_transition_notes;
  const transition: TransitionState | null = t
    ? {
        relationshipManagerId: t.relationship_manager_id,
        relationshipManager: t.rm?.full_name ?? null,
        writtenBy: t.writer?.full_name ?? null,
        writtenAt: t.written_at,
        acknowledgedAt: t.acknowledged_at,
        acknowledgedBy: t.acknowledger?.full_name ?? null,
        movedCommitments: t.moved_commitments,
        movedConcerns: t.moved_concerns,
        note: {
          openItems: note?.open_items ?? null,
          openCommitments: note?.open_commitments ?? null,
          openConcerns: note?.open_concerns ?? null,
          clientPreferences: note?.client_preferences ?? null,
        },
      }
    : null;
  const meetingDate = data.handoffs?.meeting_date ?? null;
  const linkDeadline = meetingDate ? addDays(meetingDate, LINK_GRACE_DAYS) : null;

  return {
    client: { id: data.id, slug: data.slug, name: data.name },
    canLink: access.isPm,
    today,
    handoff: {
      meetingDate,
      attendees: data.handoffs?.attendees ?? null,
      summary: data.handoffs?.summary ?? null,
      updatedAt: data.handoffs?.updated_at ?? null,
    },
    linkDeadline,
    commitments: data.commitments.map((c) => {
      const links: CommitmentLink[] = c.commitment_links.map((l) =>
        l.milestone_id
          ? { id: l.id, kind: "milestone", targetId: l.milestone_id, title: l.milestones?.title ?? "A milestone", done: Boolean(l.milestones?.actual_date) }
          : { id: l.id, kind: "requirement", targetId: l.requirement_document_id!, title: l.requirement_documents?.title ?? "A requirement document", done: null },
      );
      return {
        id: c.id,
        promise: c.promise,
        promisedBy: c.promised_by,
        promisedOn: c.promised_on,
        source: c.source,
        dueDate: c.due_date,
        status: c.status,
        disputeComment: c.dispute_comment,
        confirmedAt: c.confirmed_at,
        confirmedBy: c.confirmer?.full_name ?? null,
        disputedAt: c.disputed_at,
        disputedBy: c.disputer?.full_name ?? null,
        links,
        history: [...c.commitment_events]
          .sort((a, b) => a.id - b.id)
          .map((e) => ({
            id: e.id,
            kind: e.kind,
            oldStatus: e.old_status,
            newStatus: e.new_status,
            detail: (e.detail ?? {}) as Record<string, unknown>,
            changedAt: e.changed_at,
            changedBy: e.changer?.full_name ?? null,
          })),
        needsLink: links.length === 0 && linkDeadline !== null && today >= linkDeadline,
        answered: Boolean(c.confirmed_at || c.disputed_at),
        owner: ownerName(c.owner_id),
      };
    }),
    facts: data.client_facts.map((f) => ({
      id: f.id,
      label: f.label,
      sellerValue: f.client_fact_seller_notes[0]?.seller_value ?? null,
      note: f.client_fact_seller_notes[0]?.note ?? null,
      clientValue: f.client_value,
      confirmedAt: f.confirmed_at,
      confirmedBy: f.confirmer?.full_name ?? null,
    })),
    notes: data.handoff_internal_notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      body: n.body,
      createdAt: n.created_at,
      author: n.author?.full_name ?? null,
    })),
    successCriteria: data.success_criteria.map((c) => ({ id: c.id, statement: c.statement, measure: c.measure, isInternal: c.is_internal })),
    team: data.client_staff.flatMap((s) => (s.people ? [{ fullName: s.people.full_name, role: s.role }] : [])),
    linkOptions: [
      ...data.phases.flatMap((p) =>
        [...p.milestones]
          .sort((a, b) => a.planned_date.localeCompare(b.planned_date))
          .map((m) => ({ value: `milestone:${m.id}`, label: `Milestone: ${m.title} (${p.name})` })),
      ),
      ...data.requirement_documents.map((d) => ({ value: `requirement:${d.id}`, label: `Requirement document: ${d.title}` })),
    ],
    transition,
    relationshipManagers: data.client_staff.flatMap((s) =>
      s.role === "relationship_manager" && s.people ? [{ id: s.person_id, fullName: s.people.full_name }] : [],
    ),
    canWriteTransition: access.isPm && !transition?.acknowledgedAt,
    canAcknowledge: Boolean(transition && !transition.acknowledgedAt && viewerId && transition.relationshipManagerId === viewerId),
    openConcerns: data.dissatisfiers.map((d) => ({
      id: d.id,
      summary: d.summary,
      status: d.status as OpenConcern["status"],
      owner: ownerName(d.owner_id),
      dueDate: d.due_date,
    })),
  };
}
