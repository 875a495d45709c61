import type { Database } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import { currentVersion, requirementStatus, type RequirementStatus } from "./status";

type ContactRole = Database["public"]["Enums"]["contact_role"];

export type RequirementList = {
  client: { id: string; slug: string; name: string };
  canEdit: boolean;
  documents: { id: string; title: string; area: string | null; dueDate: string | null; status: RequirementStatus; currentVersion: number | null; approverCount: number }[];
  candidates: { id: string; fullName: string; role: ContactRole }[];
};

/** A client's requirement documents (see requireClient) with their derived status, for the staff list (one round trip, under RLS). */
export async function listRequirementDocuments(db: Db, access: ClientAccess): Promise<RequirementList | null> {
  const { data, error } = await db
    .from("clients")
    .select(
      `id, slug, name,
       client_contacts(role, people(id, full_name)),
       requirement_documents!requirement_documents_client_id_fkey(id, title, area, due_date, created_at,
         requirement_versions!requirement_versions_document_id_client_id_fkey(id, version, requirement_version_approvers(person_id)),
         requirement_approvers!requirement_approvers_document_id_client_id_fkey(person_id),
         signoffs!signoffs_document_id_client_id_fkey(version_id, person_id, decision))`,
    )
    .eq("id", access.client.id)
    .order("created_at", { referencedTable: "requirement_documents" })
    .maybeSingle();
  if (error) throw new Error(`Could not load the requirement documents: ${error.message}`);
  if (!data) return null;
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
