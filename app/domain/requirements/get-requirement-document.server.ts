// One requirement document with its whole history, in one PostgREST round trip
// (an embedded select under RLS as the signed-in person).
import type { QueryData } from "@supabase/supabase-js";
import type { Database } from "~/lib/database.types";
import { markdownToHtml } from "~/lib/markdown.server";
import type { Db } from "~/lib/supabase.server";
import { toClientAccess, type ClientAccessRow } from "../clients/require-client.server";
import { diffVersions, type DiffPart } from "./diff-versions";
import {
  approverStates,
  currentVersion,
  isVersionApproved,
  requirementStatus,
  supersededBy,
  type ApproverState,
  type RequirementStatus,
} from "./status";

type ContactRole = Database["public"]["Enums"]["contact_role"];
type Decision = Database["public"]["Enums"]["signoff_decision"];

export type RequirementVersion = {
  id: string;
  version: number;
  bodyMarkdown: string;
  /** The Markdown as safe HTML, rendered on the server. */
  bodyHtml: string;
  bodySha256: string;
  changeNote: string | null;
  publishedAt: string;
  publishedBy: string | null;
  /** What changed since the previous version (null for version 1). */
  diff: DiffPart[] | null;
  /** Every approver it was published for approved it: it has a certificate. */
  approved: boolean;
};

export type Signoff = {
  id: number;
  versionId: string;
  version: number;
  personId: string;
  personName: string;
  personEmail: string;
  decision: Decision;
  comment: string | null;
  signatureName: string | null;
  consentText: string | null;
  bodySha256: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  /** An older version's sign-off no longer counts: the version that superseded it. */
  supersededBy: number | null;
};

export type RequirementDocument = {
  client: {
    id: string;
    slug: string;
    name: string;
    primaryColor: string;
    accentColor: string;
    /** For the co-branded banner (see ClientPortal["client"]). */
    logoVersion: string | null;
    logoUrl: string | null;
  };
  document: { id: string; title: string; area: string | null; dueDate: string | null; updatedAt: string };
  /** The PM's working text: only for staff. */
  draftMarkdown: string | null;
  status: RequirementStatus;
  current: RequirementVersion | null;
  /** Newest first. */
  versions: RequirementVersion[];
  approvers: { id: string; fullName: string; email: string }[];
  /** Each approver the current version waits on, and where they stand (empty before version 1). */
  approverStates: ApproverState[];
  /** Contacts who may be named approvers (approver or decision maker). */
  candidates: { id: string; fullName: string; email: string; role: ContactRole }[];
  /** Oldest first. */
  signoffs: Signoff[];
  projectManager: { fullName: string; email: string } | null;
  viewer: {
    isStaff: boolean;
    /** The client's PM or an admin (requireClient's editRequirements; RLS decides writes either way). */
    canEdit: boolean;
    contactRole: ContactRole | null;
    /** Asked to sign the current version (its approver snapshot), or named on the document when nothing is published. */
    isRequiredApprover: boolean;
    /** The viewer's decision on the current version, if any. */
    decisionOnCurrent: Signoff | null;
  };
};

/** The page's one embedded select (exported for scripts/bench/explain-portal.ts). */
export const REQUIREMENT_SELECT = `
  id, slug, name, logo_url, primary_color, accent_color, client_logos(updated_at),
  client_staff(role, people(full_name, email)),
  client_contacts(role, people(id, full_name, email)),
  requirement_documents!requirement_documents_client_id_fkey(id, title, area, due_date, updated_at,
    requirement_drafts(body_markdown),
    requirement_versions!requirement_versions_document_id_client_id_fkey(id, version, body_markdown, body_sha256, change_note, published_at,
      publisher:people!requirement_versions_published_by_fkey(full_name), requirement_version_approvers(person_id)),
    requirement_approvers!requirement_approvers_document_id_client_id_fkey(person_id, people(id, full_name, email)),
    signoffs!signoffs_document_id_client_id_fkey(id, version_id, version, person_id, person_name, person_email, decision, comment,
      signature_name, consent_text, body_sha256, ip, user_agent, created_at))
`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rows of the page, in the shape of this embedded select: the
 * requirement_page function (migration 20261201002510, ADR 0016) returns the
 * same JSON in one call, and tests/security/client-page.test.ts compares them.
 */
const _requirementSelect = (db: Db) => db.from("clients").select(REQUIREMENT_SELECT).single();
export type RequirementRow = QueryData<ReturnType<typeof _requirementSelect>>;

/** What requirement_page answers: the page's rows and the person's access to the client. */
export type RequirementPageRows = { client: RequirementRow; access: ClientAccessRow };

/** The page's rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readRequirementPage(db: Db, slug: string, documentId: string): Promise<RequirementPageRows | null> {
  const { data, error } = await db.rpc("requirement_page", { p_slug: slug, p_document_id: documentId });
  if (error) throw new Error(`Could not load the requirement document: ${error.message}`);
  return (data as unknown as RequirementPageRows | null) ?? null;
}

/**
 * The document of this client, or null when the client or the document does
 * not exist or this person may not see it (RLS): one round trip, which also
 * answers whether they may see the client (no separate requireClient needed).
 */
export async function getRequirementDocument(
  db: Db,
  slug: string,
  documentId: string,
  viewerId: string,
): Promise<RequirementDocument | null> {
  if (!isDocumentId(documentId)) return null;
  return toRequirementDocument(await readRequirementPage(db, slug, documentId), viewerId);
}

/** Whether this can be a document's id at all (anything else is no document, without asking the database). */
export function isDocumentId(documentId: string): boolean {
  return UUID.test(documentId);
}

/**
 * The document as its page shows it, from requirement_page's answer (here, or
 * read together with the session check: requireViewerWithPage); null when the
 * client or the document does not exist or this person may not see it.
 */
export function toRequirementDocument(page: RequirementPageRows | null, viewerId: string): RequirementDocument | null {
  const data = page?.client;
  const doc = data?.requirement_documents[0];
  if (!page || !data || !doc) return null;
  const access = toClientAccess(page.access);

  const approverIds = doc.requirement_approvers.map((a) => a.person_id);
  const signoffRefs = doc.signoffs.map((s) => ({ version_id: s.version_id, person_id: s.person_id, decision: s.decision }));
  // Each version is judged against the approvers it was published for (its snapshot).
  const sorted = [...doc.requirement_versions]
    .map((v) => ({ ...v, approverIds: v.requirement_version_approvers.map((a) => a.person_id) }))
    .sort((a, b) => a.version - b.version);
  const latest = currentVersion(sorted);
  const versions: RequirementVersion[] = sorted
    .map((v, i) => ({
      id: v.id,
      version: v.version,
      bodyMarkdown: v.body_markdown,
      bodyHtml: markdownToHtml(v.body_markdown),
      bodySha256: v.body_sha256,
      changeNote: v.change_note,
      publishedAt: v.published_at,
      publishedBy: v.publisher?.full_name ?? null,
      diff: i > 0 ? diffVersions(sorted[i - 1]!.body_markdown, v.body_markdown) : null,
      approved: isVersionApproved(v.id, v.approverIds, signoffRefs),
    }))
    .reverse();
  const signoffs: Signoff[] = [...doc.signoffs]
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
    .map((s) => ({
      id: s.id,
      versionId: s.version_id,
      version: s.version,
      personId: s.person_id,
      personName: s.person_name,
      personEmail: s.person_email,
      decision: s.decision,
      comment: s.comment,
      signatureName: s.signature_name,
      consentText: s.consent_text,
      bodySha256: s.body_sha256,
      ip: s.ip,
      userAgent: s.user_agent,
      createdAt: s.created_at,
      supersededBy: latest ? supersededBy(s.version, latest.version) : null,
    }));
  const pm = data.client_staff.find((s) => s.role === "project_manager");
  const current = versions[0] ?? null;
  // Who must sign the current version: those it was published for.
  const currentApproverIds = latest ? latest.approverIds : approverIds;

  return {
    client: {
      id: data.id,
      slug: data.slug,
      name: data.name,
      primaryColor: data.primary_color,
      accentColor: data.accent_color,
      logoVersion: data.client_logos?.updated_at ?? null,
      logoUrl: data.logo_url?.startsWith("/") && !data.logo_url.startsWith("//") ? data.logo_url : null,
    },
    document: { id: doc.id, title: doc.title, area: doc.area, dueDate: doc.due_date, updatedAt: doc.updated_at },
    // RLS gives drafts to the client's staff only.
    draftMarkdown: ([] as { body_markdown: string }[]).concat(doc.requirement_drafts ?? [])[0]?.body_markdown ?? null,
    status: requirementStatus(sorted, approverIds, signoffRefs),
    current,
    versions,
    approvers: doc.requirement_approvers
      .flatMap((a) => (a.people ? [{ id: a.people.id, fullName: a.people.full_name, email: a.people.email }] : []))
      .sort((a, b) => a.fullName.localeCompare(b.fullName)),
    candidates: data.client_contacts
      .flatMap((c) => (c.people && c.role !== "viewer" ? [{ id: c.people.id, fullName: c.people.full_name, email: c.people.email, role: c.role }] : []))
      .sort((a, b) => a.fullName.localeCompare(b.fullName)),
    signoffs,
    approverStates: approverStates(
      latest,
      approverIds,
      signoffRefs,
      new Map([
        ...doc.signoffs.map((s) => [s.person_id, s.person_name] as const),
        ...data.client_contacts.flatMap((c) => (c.people ? [[c.people.id, c.people.full_name] as const] : [])),
      ]),
    ),
    projectManager: pm?.people ? { fullName: pm.people.full_name, email: pm.people.email } : null,
    viewer: {
      isStaff: access.isStaff,
      canEdit: access.may.editRequirements,
      contactRole: access.contactRole,
      isRequiredApprover: currentApproverIds.includes(viewerId),
      decisionOnCurrent: (current && signoffs.find((s) => s.versionId === current.id && s.personId === viewerId)) ?? null,
    },
  };
}
