// Seeds for the sales-to-delivery handoff (migration 20261201000700): a
// handoff record, commitments, links, facts with the seller's notes and an
// internal red flag per tenant. Shared by tests/security/handoff.test.ts and
// the domain tests.
import { freshMilestone, freshPhase, readRows, seedRow, type Row } from "./attack";
import { uniq } from "./stack";

/**
 * The tables and functions tests/security/handoff.test.ts attacks with every
 * actor (its own coverage guard checks that); the matrix in rls-matrix.test.ts
 * leaves them to it.
 */
export const HANDOFF_TABLES = [
  "handoffs",
  "commitments",
  "commitment_links",
  "commitment_events",
  "client_facts",
  "client_fact_seller_notes",
  "handoff_internal_notes",
] as const;
export const HANDOFF_RPCS = ["save_client_fact"] as const;
/** The transition to service (migration 20261201001700), attacked in tests/security/transition.test.ts. */
export const TRANSITION_TABLES = ["service_transitions", "service_transition_notes"] as const;
export const TRANSITION_RPCS = ["acknowledge_transition", "write_transition_note"] as const;

export const RED_FLAG = "Red flag: the CFO threatened to walk over the last vendor's invoice errors";
export const SELLER_NOTE = "Seller thinks the head count will grow after the merger";

export type TenantHandoff = {
  handoff: Row;
  commitments: { open: Row; confirmed: Row };
  milestones: { visible: Row; internal: Row };
  links: { visible: Row; internal: Row };
  fact: Row;
  sellerNote: Row;
  internalNote: Row;
};

/** A commitment as the service role writes it (the guard lets the service role set every column). */
export async function freshCommitment(clientId: string, values: Row = {}): Promise<Row> {
  return seedRow("commitments", {
    client_id: clientId,
    promise: uniq("Payroll files go to the carrier every Friday"),
    promised_by: "Marcus (sales)",
    promised_on: "2026-11-02",
    source: "Proposal, section 4",
    ...values,
  });
}

export async function freshLink(commitment: Row, target: { milestone_id: string } | { requirement_document_id: string }): Promise<Row> {
  return seedRow("commitment_links", { commitment_id: commitment.id, client_id: commitment.client_id, ...target });
}

export async function freshFact(clientId: string): Promise<{ fact: Row; sellerNote: Row }> {
  const fact = await seedRow("client_facts", { client_id: clientId, label: uniq("Head count"), position: 0 });
  const sellerNote = await seedRow("client_fact_seller_notes", {
    fact_id: fact.id,
    client_id: clientId,
    seller_value: "about 450",
    note: SELLER_NOTE,
  });
  return { fact, sellerNote };
}

export async function freshInternalNote(clientId: string, body = `${RED_FLAG} ${uniq("")}`): Promise<Row> {
  return seedRow("handoff_internal_notes", { client_id: clientId, kind: "red_flag", body });
}

export async function seedTenantHandoff(clientId: string): Promise<TenantHandoff> {
  const handoff = await seedRow("handoffs", { client_id: clientId, meeting_date: "2026-11-20", attendees: "Marcus, Priya, Dana" });
  const open = await freshCommitment(clientId);
  const confirmed = await freshCommitment(clientId, { status: "confirmed_by_client", confirmed_at: new Date().toISOString() });
  const phase = await freshPhase(clientId);
  const visible = await freshMilestone(clientId, String(phase.id));
  const internal = await freshMilestone(clientId, String(phase.id), { isInternal: true });
  const links = {
    visible: await freshLink(open, { milestone_id: String(visible.id) }),
    internal: await freshLink(confirmed, { milestone_id: String(internal.id) }),
  };
  const { fact, sellerNote } = await freshFact(clientId);
  const internalNote = await freshInternalNote(clientId);
  return {
    handoff,
    commitments: { open, confirmed },
    milestones: { visible, internal },
    links,
    fact,
    sellerNote,
    internalNote,
  };
}

/** The history of one commitment, oldest first (service role). */
export async function historyOf(commitmentId: string): Promise<Row[]> {
  const rows = await readRows("commitment_events", { commitment_id: commitmentId });
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}
