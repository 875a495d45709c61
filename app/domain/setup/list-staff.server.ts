import type { Db } from "~/lib/supabase.server";

export type StaffOption = { id: string; fullName: string; email: string };

/** Every staff member, by name: the people who can run or join a client (RLS: staff only). */
export async function listStaff(db: Db): Promise<StaffOption[]> {
  const { data, error } = await db.from("staff").select("person_id, people!staff_person_id_fkey(full_name, email)");
  if (error) throw new Error(`Could not load staff: ${error.message}`);
  return data
    .flatMap((s) => (s.people ? [{ id: s.person_id, fullName: s.people.full_name, email: s.people.email }] : []))
    .sort((a, b) => a.fullName.localeCompare(b.fullName) || a.email.localeCompare(b.email));
}
