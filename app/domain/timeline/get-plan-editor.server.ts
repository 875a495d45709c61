import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";

/** Everything the PM's plan editor needs: the client (see requireClient), its whole plan (internal items included), contacts and templates. */
export async function getPlanEditor(db: Db, access: ClientAccess) {
  const [clientResult, templatesResult] = await Promise.all([
    db
      .from("clients")
      .select(
        `id, slug, name,
         phases(id, name, position, planned_start, planned_end, is_internal,
           milestones(id, phase_id, title, description, planned_date, actual_date, risk_note, is_internal, position)),
         client_tasks(id, title, description, due_date, owner_id, milestone_id, status),
         client_contacts(role, people(id, full_name))`,
      )
      .eq("id", access.client.id)
      .order("position", { referencedTable: "phases" })
      .order("due_date", { referencedTable: "client_tasks", nullsFirst: false })
      .maybeSingle(),
    db.from("timeline_templates").select("id, name, description, is_builtin").order("is_builtin", { ascending: false }).order("name"),
  ]);
  if (clientResult.error) throw new Error(`Could not load the plan: ${clientResult.error.message}`);
  if (templatesResult.error) throw new Error(`Could not load templates: ${templatesResult.error.message}`);
  const client = clientResult.data;
  if (!client) return null;
  return {
    client: { id: client.id, slug: client.slug, name: client.name },
    /** The PM or an admin edits; other staff on the client read (RLS enforces it either way). */
    canEdit: access.may.editPlan,
    phases: client.phases.map((p) => ({
      ...p,
      milestones: [...p.milestones].sort((a, b) => a.planned_date.localeCompare(b.planned_date) || a.position - b.position),
    })),
    tasks: client.client_tasks,
    contacts: client.client_contacts.flatMap((c) => (c.people ? [{ id: c.people.id, fullName: c.people.full_name, role: c.role }] : [])),
    templates: templatesResult.data,
  };
}
export type PlanEditor = NonNullable<Awaited<ReturnType<typeof getPlanEditor>>>;
