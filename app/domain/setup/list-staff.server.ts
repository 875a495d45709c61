import type { QueryData } from "@supabase/supabase-js";
import type { Db } from "~/lib/supabase.server";

export type StaffOption = { id: string; fullName: string; email: string };

/** The rows behind the staff list (client_team_page returns them in this shape too). */
export const STAFF_SELECT = "person_id, people!staff_person_id_fkey(full_name, email)";
const _staffSelect = (db: Db) => db.from("staff").select(STAFF_SELECT);
export type StaffRows = QueryData<ReturnType<typeof _staffSelect>>;

/** Every staff member, by name: the people who can run or join a client (RLS: staff only). */
export async function listStaff(db: Db): Promise<StaffOption[]> {
  const { data, error } = await db.from("staff").select(STAFF_SELECT);
  if (error) throw new Error(`Could not load staff: ${error.message}`);
  return toStaffOptions(data);
}

export function toStaffOptions(data: StaffRows): StaffOption[] {
  return data
    .flatMap((s) => (s.people ? [{ id: s.person_id, fullName: s.people.full_name, email: s.people.email }] : []))
    .sort((a, b) => a.fullName.localeCompare(b.fullName) || a.email.localeCompare(b.email));
}
