// Everything the client's page shows, in one PostgREST round trip (the
// client_page SQL function, docs/decisions/0016), read under RLS as the
// signed-in person: a contact gets only the client-visible rows, staff also the
// internal ones (marked as such).
import type { QueryData } from "@supabase/supabase-js";
import type { Database } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";
import {
  approverStates,
  currentVersion,
  requirementStatus,
  type ApproverState,
  type RequirementStatus,
} from "~/domain/requirements/status";
import { PROMISES_SELECT, portalPromises, type PortalCommitment, type PortalFact, type PortalTransition } from "~/domain/handoff/portal-promises";
import { newestFirst, toClientUpdate, UPDATE_SELECT, type ClientUpdate, type UpdateRow } from "~/domain/updates/client-update";
import { milestoneMove, type MilestoneMove } from "./milestone-move";
import { isOverdue, milestoneStatus, phaseStatus, progressPercent, todayIso, type ItemStatus } from "./status";

type StaffRole = Database["public"]["Enums"]["staff_role"];
type ContactRole = Database["public"]["Enums"]["contact_role"];
type SlipSide = Database["public"]["Enums"]["slip_side"];

export type TeamMember = {
  id: string;
  fullName: string;
  title: string | null;
  email: string;
  phone: string | null;
  avatarUrl: string | null;
  role: StaffRole;
  responsibilities: string | null;
  /** Before go-live (conversion), after (ongoing service), or both. */
  stage: "before" | "after";
};

export type PortalMilestone = {
  id: string;
  title: string;
  description: string | null;
  plannedDate: string;
  actualDate: string | null;
  riskNote: string | null;
  isInternal: boolean;
  status: ItemStatus;
  /** How far its planned date has moved since it was first planned (from the date changes this person may see), or null. */
  moved: MilestoneMove | null;
};

export type PortalPhase = {
  id: string;
  name: string;
  plannedStart: string;
  plannedEnd: string;
  isInternal: boolean;
  status: ItemStatus;
  progress: number;
  milestones: PortalMilestone[];
};

export type PortalTask = {
  id: string;
  title: string;
  description: string | null;
  dueDate: string | null;
  status: "open" | "done";
  overdue: boolean;
  ownerId: string | null;
  ownerName: string | null;
  completedAt: string | null;
  /** When the task was set or last changed (for "new since your last visit"). */
  changedAt: string;
};

export type Slip = {
  id: number;
  /** The milestone whose date moved (null for a phase's start or end). */
  milestoneId: string | null;
  itemTitle: string;
  field: string;
  oldDate: string;
  newDate: string;
  reason: string;
  side: SlipSide;
  changedAt: string;
  changedBy: string | null;
  isInternal: boolean;
};

export type ClientPortal = {
  client: {
    id: string;
    slug: string;
    name: string;
    /** The logo's last change (for a cache-busting URL), or null without an uploaded logo. */
    logoVersion: string | null;
    /** A logo served by the app itself (a path such as /logos/northwind.svg), used when none was uploaded. */
    logoUrl: string | null;
    primaryColor: string;
    accentColor: string;
    welcomeText: string | null;
    goLiveDate: string | null;
    serviceTakeoverDate: string | null;
  };
  today: string;
  team: TeamMember[];
  contacts: { id: string; fullName: string; title: string | null; email: string; role: ContactRole }[];
  phases: PortalPhase[];
  currentPhase: PortalPhase | null;
  progress: number;
  tasks: PortalTask[];
  successCriteria: { id: string; statement: string; measure: string | null; isInternal: boolean }[];
  slips: Slip[];
  /** Requirement documents to sign off, with their derived status (drafts have no version yet). */
  requirements: {
    id: string;
    title: string;
    area: string | null;
    dueDate: string | null;
    status: RequirementStatus;
    currentVersion: number | null;
    /** When the current version was published. */
    publishedAt: string | null;
    /** Each approver the current version waits on, and where they stand. */
    approvers: ApproverState[];
  }[];
  /** The PM's updates, newest first (staff-only ones only for staff: RLS). */
  updates: ClientUpdate[];
  /** The signed-in person's own calendar feed for this client (RLS shows only their own). */
  hasCalendarFeed: boolean;
  /** "What we promised you": commitments from the handoff and facts to confirm (app/domain/handoff). */
  commitments: PortalCommitment[];
  facts: PortalFact[];
  /** Who the client's day-to-day contact is since the transition to service (null before it). */
  transition: PortalTransition | null;
};

export const PORTAL_SELECT = `
  id, slug, name, logo_url, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date,
  client_logos(content_type, updated_at),
  client_staff(role, responsibilities, people(id, full_name, title, email, phone, avatar_url)),
  client_contacts(role, people(id, full_name, title, email)),
  phases(id, name, position, planned_start, planned_end, is_internal,
    milestones(id, title, description, planned_date, actual_date, risk_note, is_internal, position)),
  client_tasks(id, title, description, due_date, status, completed_at, milestone_id, updated_at,
    owner:people!client_tasks_owner_id_fkey(id, full_name)),
  success_criteria(id, statement, measure, position, is_internal),
  calendar_feeds(id, created_at, revoked_at),
  date_changes(id, milestone_id, item_title, field, old_date, new_date, reason, side, changed_at, is_internal,
    changer:people!date_changes_changed_by_fkey(full_name)),
  requirement_documents!requirement_documents_client_id_fkey(id, title, area, due_date, created_at,
    requirement_versions!requirement_versions_document_id_client_id_fkey(id, version, published_at, requirement_version_approvers(person_id)),
    requirement_approvers!requirement_approvers_document_id_client_id_fkey(person_id),
    signoffs!signoffs_document_id_client_id_fkey(version_id, person_id, decision)),
  ${PROMISES_SELECT},
  ${UPDATE_SELECT}
` as const;

const ROLE_ORDER: StaffRole[] = ["project_manager", "service_team", "relationship_manager", "sales"];

/**
 * The rows the page is made of, in the shape of this embedded select: the
 * client_page function (migration 20261201002500) returns the same JSON, and a
 * test compares the two (tests/security/client-page.test.ts). The select itself
 * is not sent: PostgREST 12 spends ~60 ms of CPU building it on every request.
 */
const _portalSelect = (db: Db) => db.from("clients").select(PORTAL_SELECT).single();
export type PortalRow = QueryData<ReturnType<typeof _portalSelect>>;

/** What client_page returns: the client's rows, the previous visit (when opened) and the caller's pulse section. */
export type ClientPageRows = {
  client: PortalRow;
  previous_visit: string | null;
  latest_pulse: { id: string; created_at: string } | null;
  my_answers: { pulse_id: string; score: number; comment: string | null }[];
  heard: { id: string; summary: string; resolution: string | null; resolved_at: string | null; concerns: { body: string } | null }[];
};

/**
 * Reads the page in one round trip, or null for a client the person cannot see
 * (or that does not exist). With `open`, the visit is recorded in the same call.
 */
export async function readClientPage(db: Db, slug: string, { open = false } = {}): Promise<ClientPageRows | null> {
  const { data, error } = await db.rpc("client_page", { p_slug: slug, p_open: open });
  if (error) throw new Error(`Could not load the client's page: ${error.message}`);
  return (data as unknown as ClientPageRows | null) ?? null;
}

export async function getClientPortal(db: Db, slug: string, now = new Date()): Promise<ClientPortal | null> {
  const page = await readClientPage(db, slug);
  return page ? toClientPortal(page.client, now) : null;
}

/** The page's rows as the page shows them: statuses, progress, sorted lists. */
export function toClientPortal(data: PortalRow, now = new Date()): ClientPortal {
  const today = todayIso(now);
  const contactNames = new Map(data.client_contacts.flatMap((c) => (c.people ? [[c.people.id, c.people.full_name] as const] : [])));
  const tasks: PortalTask[] = data.client_tasks
    .map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      dueDate: t.due_date,
      status: t.status,
      overdue: isOverdue(t, today),
      ownerId: t.owner?.id ?? null,
      ownerName: t.owner?.full_name ?? null,
      completedAt: t.completed_at,
      changedAt: t.updated_at,
    }))
    .sort((a, b) => Number(a.status === "done") - Number(b.status === "done") || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));

  const phases: PortalPhase[] = data.phases.map((p) => {
    const milestones = [...p.milestones]
      .sort((a, b) => a.planned_date.localeCompare(b.planned_date) || a.position - b.position)
      .map((m) => ({
        id: m.id,
        title: m.title,
        description: m.description,
        plannedDate: m.planned_date,
        actualDate: m.actual_date,
        riskNote: m.risk_note,
        isInternal: m.is_internal,
        status: milestoneStatus(m, today, data.client_tasks),
        moved: milestoneMove(m.planned_date, data.date_changes.filter((d) => d.milestone_id === m.id)),
      }));
    return {
      id: p.id,
      name: p.name,
      plannedStart: p.planned_start,
      plannedEnd: p.planned_end,
      isInternal: p.is_internal,
      status: phaseStatus(p, milestones, today),
      progress: progressPercent(milestones),
      milestones,
    };
  });
  const allMilestones = phases.flatMap((p) => p.milestones);

  const team: TeamMember[] = data.client_staff
    .flatMap((s) => {
      const person = s.people;
      if (!person) return [];
      const stage: TeamMember["stage"] = s.role === "service_team" || s.role === "relationship_manager" ? "after" : "before";
      return [{
        id: person.id,
        fullName: person.full_name,
        title: person.title,
        email: person.email,
        phone: person.phone,
        avatarUrl: person.avatar_url,
        role: s.role,
        responsibilities: s.responsibilities,
        stage,
      }];
    })
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.fullName.localeCompare(b.fullName));

  return {
    client: {
      id: data.id,
      slug: data.slug,
      name: data.name,
      logoVersion: data.client_logos?.updated_at ?? null,
      logoUrl: data.logo_url?.startsWith("/") && !data.logo_url.startsWith("//") ? data.logo_url : null,
      primaryColor: data.primary_color,
      accentColor: data.accent_color,
      welcomeText: data.welcome_text,
      goLiveDate: data.go_live_date,
      serviceTakeoverDate: data.service_takeover_date,
    },
    today,
    team,
    contacts: data.client_contacts.flatMap((c) =>
      c.people ? [{ id: c.people.id, fullName: c.people.full_name, title: c.people.title, email: c.people.email, role: c.role }] : [],
    ),
    phases,
    currentPhase: phases.find((p) => p.status !== "done") ?? null,
    progress: progressPercent(allMilestones),
    tasks,
    successCriteria: data.success_criteria.map((c) => ({
      id: c.id,
      statement: c.statement,
      measure: c.measure,
      isInternal: c.is_internal,
    })),
    slips: data.date_changes.map((d) => ({
      id: d.id,
      milestoneId: d.milestone_id,
      itemTitle: d.item_title,
      field: d.field,
      oldDate: d.old_date,
      newDate: d.new_date,
      reason: d.reason,
      side: d.side,
      changedAt: d.changed_at,
      changedBy: d.changer?.full_name ?? null,
      isInternal: d.is_internal,
    })),
    requirements: data.requirement_documents.map((d) => {
      const versions = d.requirement_versions.map((v) => ({
        id: v.id,
        version: v.version,
        approverIds: v.requirement_version_approvers.map((a) => a.person_id),
      }));
      const approverIds = d.requirement_approvers.map((a) => a.person_id);
      const current = currentVersion(versions);
      return {
        id: d.id,
        title: d.title,
        area: d.area,
        dueDate: d.due_date,
        status: requirementStatus(versions, approverIds, d.signoffs),
        currentVersion: current?.version ?? null,
        publishedAt: currentVersion(d.requirement_versions)?.published_at ?? null,
        approvers: approverStates(current, approverIds, d.signoffs, contactNames),
      };
    }),
    updates: (data.client_updates as unknown as UpdateRow[]).map(toClientUpdate).sort(newestFirst),
    hasCalendarFeed: data.calendar_feeds.some((f) => !f.revoked_at),
    ...portalPromises(data),
  };
}
