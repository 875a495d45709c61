import type { ClientAccess } from "~/domain/clients/require-client.server";
import type { Database } from "~/lib/database.types";
import type { Db } from "~/lib/supabase.server";
import { newestFirst, toClientUpdate, UPDATE_SELECT, type ClientUpdate, type UpdateRow } from "./client-update";

type ContactRole = Database["public"]["Enums"]["contact_role"];

export type UpdatesPage = {
  client: { id: string; slug: string; name: string };
  updates: (ClientUpdate & { canEdit: boolean })[];
  contacts: { id: string; fullName: string; role: ContactRole }[];
  milestones: { id: string; title: string; plannedDate: string; clientVisible: boolean }[];
  documents: { id: string; title: string }[];
};

const SELECT = `id, slug, name,
  client_contacts(role, people(id, full_name)),
  phases(is_internal, milestones(id, title, planned_date, is_internal)),
  requirement_documents!requirement_documents_client_id_fkey(id, title, created_at),
  ${UPDATE_SELECT}` as const;

/** A client's updates with their replies, and what a new update may link to: one round trip, under RLS. */
export async function listClientUpdates(db: Db, access: Pick<ClientAccess, "client" | "isPm" | "isStaff">, viewerId: string): Promise<UpdatesPage | null> {
  const { data, error } = await db.from("clients").select(SELECT).eq("id", access.client.id).maybeSingle();
  if (error) throw new Error(`Could not load the updates: ${error.message}`);
  if (!data) return null;
  return {
    client: { id: data.id, slug: data.slug, name: data.name },
    updates: (data.client_updates as unknown as UpdateRow[])
      .map(toClientUpdate)
      .sort(newestFirst)
      .map((u) => ({ ...u, canEdit: access.isStaff && (access.isPm || u.authorId === viewerId) })),
    contacts: data.client_contacts
      .flatMap((c) => (c.people ? [{ id: c.people.id, fullName: c.people.full_name, role: c.role }] : []))
      .sort((a, b) => a.fullName.localeCompare(b.fullName)),
    milestones: data.phases
      .flatMap((p) => p.milestones.map((m) => ({ id: m.id, title: m.title, plannedDate: m.planned_date, clientVisible: !p.is_internal && !m.is_internal })))
      .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate)),
    documents: [...data.requirement_documents].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((d) => ({ id: d.id, title: d.title })),
  };
}
