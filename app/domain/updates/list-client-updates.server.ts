import type { QueryData } from "@supabase/supabase-js";
import { toClientAccess, type ClientAccessRow } from "~/domain/clients/require-client.server";
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

/**
 * The page's rows, in the shape of this embedded select: the
 * client_updates_page function (migration 20261202001040, ADR 0016) returns the
 * same JSON, plus the caller's client_access row, in one call;
 * tests/security/staff-pages.test.ts compares them.
 */
export const UPDATES_PAGE_SELECT = `id, slug, name,
  client_contacts(role, people(id, full_name)),
  phases(is_internal, milestones(id, title, planned_date, is_internal)),
  requirement_documents!requirement_documents_client_id_fkey(id, title, created_at),
  ${UPDATE_SELECT}` as const;
const _pageSelect = (db: Db) => db.from("clients").select(UPDATES_PAGE_SELECT).single();
type UpdatesPageRow = QueryData<ReturnType<typeof _pageSelect>>;

/** The page's rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readClientUpdates(db: Db, slug: string): Promise<{ client: UpdatesPageRow; access: ClientAccessRow } | null> {
  const { data, error } = await db.rpc("client_updates_page", { p_slug: slug });
  if (error) throw new Error(`Could not load the updates: ${error.message}`);
  return (data as unknown as { client: UpdatesPageRow; access: ClientAccessRow } | null) ?? null;
}

/**
 * A client's updates with their replies, and what a new update may link to, for
 * its team (staff on the client, or an admin): one round trip, guard included.
 * Null for anyone else, and when the client does not exist (RLS).
 */
export async function listClientUpdates(db: Db, slug: string, viewerId: string): Promise<UpdatesPage | null> {
  const page = await readClientUpdates(db, slug);
  if (!page?.client || !page.access) return null;
  const access = toClientAccess(page.access);
  if (!access.isStaff) return null;
  const data = page.client;
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
