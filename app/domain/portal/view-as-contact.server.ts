import { createUserClient, type Db } from "~/lib/supabase.server";
import { getClientPortal, type ClientPortal } from "./get-client-portal.server";

export type ViewAs = { id: string; fullName: string; role: string };

/**
 * "View as client": what a chosen contact sees, exactly, because it is read
 * under RLS as that contact. The staff member must be able to see the contact
 * on this client (their own RLS decides); the result is for reading only.
 */
export async function viewAsContact(
  staffDb: Db,
  slug: string,
  contactId: string,
): Promise<{ portal: ClientPortal; viewAs: ViewAs } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(contactId)) return null;
  const { data, error } = await staffDb
    .from("client_contacts")
    .select("role, clients!inner(slug), people(id, email, full_name)")
    .eq("person_id", contactId)
    .eq("clients.slug", slug)
    .maybeSingle();
  if (error) throw new Error(`Could not check the contact: ${error.message}`);
  if (!data?.people) return null;
  const contactDb = await createUserClient({ id: data.people.id, email: data.people.email });
  const portal = await getClientPortal(contactDb, slug);
  if (!portal) return null;
  return { portal, viewAs: { id: data.people.id, fullName: data.people.full_name, role: data.role } };
}
