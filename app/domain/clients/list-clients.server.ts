import type { Db } from "~/lib/supabase.server";

export type ClientSummary = {
  id: string;
  slug: string;
  name: string;
  primaryColor: string;
  projectManager: string | null;
  contactCount: number;
};

/** The clients this person may see (RLS decides: assigned staff, or every client for admins). */
export async function listClients(db: Db): Promise<ClientSummary[]> {
  const { data, error } = await db
    .from("clients")
    .select("id, slug, name, primary_color, client_staff(role, people(full_name)), client_contacts(count)")
    .order("name");
  if (error) throw new Error(`Could not load clients: ${error.message}`);
  return data.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    primaryColor: c.primary_color,
    projectManager: c.client_staff.find((s) => s.role === "project_manager")?.people?.full_name ?? null,
    contactCount: (c.client_contacts as unknown as { count: number }[])[0]?.count ?? 0,
  }));
}
