// Seeds a whole tenant for a test: a client with a contact in every role, its
// project manager and service team, plus staff on no client. Unique names, so
// tests can run in parallel against one stack.
import { randomUUID } from "node:crypto";
import type { Database } from "~/lib/database.types";
import { serviceDb, uniq } from "./stack";

type ContactRole = Database["public"]["Enums"]["contact_role"];
type StaffRole = Database["public"]["Enums"]["staff_role"];

export type SeededPerson = { id: string; email: string; fullName: string };
export type Tenant = {
  client: { id: string; slug: string; name: string };
  contacts: Record<ContactRole, SeededPerson>;
  pm: SeededPerson;
  serviceTeam: SeededPerson;
};

async function must<T>(promise: PromiseLike<{ data: T; error: { message: string } | null }>): Promise<T> {
  const { data, error } = await promise;
  if (error) throw new Error(`seed failed: ${error.message}`);
  return data;
}

export async function seedPerson(label: string, domain = "test.example"): Promise<SeededPerson> {
  const id = randomUUID();
  const email = `${uniq(label)}@${domain}`.toLowerCase();
  const fullName = `${label} ${id.slice(0, 4)}`;
  await must(serviceDb().from("people").insert({ id, email, full_name: fullName }));
  return { id, email, fullName };
}

export async function seedStaff(label: string, { isAdmin = false } = {}): Promise<SeededPerson> {
  const person = await seedPerson(label, "provider.example");
  await must(serviceDb().from("staff").insert({ person_id: person.id, is_admin: isAdmin }));
  return person;
}

export async function assignStaff(clientId: string, person: SeededPerson, role: StaffRole) {
  await must(serviceDb().from("client_staff").insert({ client_id: clientId, person_id: person.id, role }));
}

export async function seedTenant(label = "client"): Promise<Tenant> {
  const slug = uniq(label).toLowerCase();
  const client = (await must(
    serviceDb()
      .from("clients")
      .insert({ slug, name: `Client ${slug}`, primary_color: "#123456", accent_color: "#abcdef" })
      .select("id, slug, name")
      .single(),
  ))!;
  const contacts = {} as Record<ContactRole, SeededPerson>;
  for (const role of ["viewer", "approver", "decision_maker"] as const) {
    contacts[role] = await seedPerson(`${slug}-${role}`, `${slug}.example`);
    await must(serviceDb().from("client_contacts").insert({ client_id: client.id, person_id: contacts[role].id, role }));
  }
  const pm = await seedStaff(`${slug}-pm`);
  await assignStaff(client.id, pm, "project_manager");
  const serviceTeam = await seedStaff(`${slug}-service`);
  await assignStaff(client.id, serviceTeam, "service_team");
  return { client, contacts, pm, serviceTeam };
}
