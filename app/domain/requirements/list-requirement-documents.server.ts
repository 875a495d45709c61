import type { QueryData } from "@supabase/supabase-js";
import type { Database } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";
import { toClientAccess, type ClientAccessRow } from "../clients/require-client.server";
import { currentVersion, requirementStatus, type RequirementStatus } from "./status";

type ContactRole = Database["public"]["Enums"]["contact_role"];

export type RequirementList = {
  client: { id: string; slug: string; name: string };
  canEdit: boolean;
  documents: { id: string; title: string; area: string | null; dueDate: string | null; status: RequirementStatus; currentVersion: number | null; approverCount: number }[];
  candidates: { id: string; fullName: string; role: ContactRole }[];
};

/**
 * The list's rows, in the shape of this embedded select: the requirement_list
 * function (migration 20261202001010, ADR 0016) returns the same JSON, plus the
 * caller's client_access row, in one call; tests/security/staff-pages.test.ts
 * compares them. Documents come oldest first.
 */
export const REQUIREMENT_LIST_SELECT = `id, slug, name,
  client_contacts(role, people(id, full_name)),
  requirement_documents!requirement_documents_client_id_fkey(id, title, area, due_date, created_at,
    requirement_versions!requirement_versions_document_id_client_id_fkey(id, version, requirement_version_approvers(person_id)),
    requirement_approvers!requirement_approvers_document_id_client_id_fkey(person_id),
    signoffs!signoffs_document_id_client_id_fkey(version_id, person_id, decision))`;

const _listSelect = (db: Db) => db.from("clients").select(REQUIREMENT_LIST_SELECT).single();
type RequirementListRow = QueryData<ReturnType<typeof _listSelect>>;

/** The list's rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readRequirementList(db: Db, slug: string): Promise<{ client: RequirementListRow; access: ClientAccessRow } | null> {
  const { data, error } = await db.rpc("requirement_list", { p_slug: slug });
  if (error) throw new Error(`Could not load the requirement documents: ${error.message}`);
  return (data as unknown as { client: RequirementListRow; access: ClientAccessRow } | null) ?? null;
}

/**
 * A client's requirement documents with their derived status, for the staff
 * list, or null when the client does not exist or this person may not see it
 * (RLS). One round trip, which also answers what they may do there (no
 * separate requireClient needed).
 */
export async function listRequirementDocuments(db: Db, slug: string): Promise<RequirementList | null> {
  const page = await readRequirementList(db, slug);
  if (!page?.client || !page.access) return null;
  const data = page.client;
  const access = toClientAccess(page.access);
  return {
    client: { id: data.id, slug: data.slug, name: data.name },
    canEdit: access.may.editRequirements,
    documents: data.requirement_documents.map((d) => {
      const approverIds = d.requirement_approvers.map((a) => a.person_id);
      return {
        id: d.id,
        title: d.title,
        area: d.area,
        dueDate: d.due_date,
        status: requirementStatus(
          d.requirement_versions.map((v) => ({ id: v.id, version: v.version, approverIds: v.requirement_version_approvers.map((a) => a.person_id) })),
          approverIds,
          d.signoffs,
        ),
        currentVersion: currentVersion(d.requirement_versions)?.version ?? null,
        approverCount: approverIds.length,
      };
    }),
    candidates: data.client_contacts
      .flatMap((c) => (c.people && c.role !== "viewer" ? [{ id: c.people.id, fullName: c.people.full_name, role: c.role }] : []))
      .sort((a, b) => a.fullName.localeCompare(b.fullName)),
  };
}
