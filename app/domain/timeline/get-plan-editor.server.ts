import type { QueryData } from "@supabase/supabase-js";
import type { Db } from "~/lib/supabase.server";
import { toClientAccess, type ClientAccessRow } from "../clients/require-client.server";

/**
 * The plan editor's rows, in the shape of these selects: the plan_editor
 * function (migration 20261202001000, ADR 0016) returns the same JSON, plus the
 * caller's client_access row, in one call; tests/security/staff-pages.test.ts
 * compares them. Phases come by position, tasks by due date (undated last),
 * templates built-in first, then by name.
 */
export const PLAN_SELECT = `id, slug, name,
  phases(id, name, position, planned_start, planned_end, is_internal,
    milestones(id, phase_id, title, description, planned_date, actual_date, risk_note, is_internal, position)),
  client_tasks(id, title, description, due_date, owner_id, milestone_id, status),
  client_contacts(role, people(id, full_name))`;
export const TEMPLATES_SELECT = "id, name, description, is_builtin";

const _planSelect = (db: Db) => db.from("clients").select(PLAN_SELECT).single();
const _templatesSelect = (db: Db) => db.from("timeline_templates").select(TEMPLATES_SELECT);
type PlanRow = QueryData<ReturnType<typeof _planSelect>>;
type TemplateRows = QueryData<ReturnType<typeof _templatesSelect>>;

export type PlanEditorRows = { client: PlanRow; access: ClientAccessRow; templates: TemplateRows };

/** The plan editor's rows and the person's access, in one round trip; null when the person cannot see the client (RLS). */
export async function readPlanEditor(db: Db, slug: string): Promise<PlanEditorRows | null> {
  const { data, error } = await db.rpc("plan_editor", { p_slug: slug });
  if (error) throw new Error(`Could not load the plan: ${error.message}`);
  return (data as unknown as PlanEditorRows | null) ?? null;
}

/**
 * Everything the PM's plan editor needs: the client, its whole plan (internal
 * items included), contacts and templates, or null when the client does not
 * exist or this person may not see it (RLS). One round trip, which also
 * answers what they may do there (no separate requireClient needed).
 */
export async function getPlanEditor(db: Db, slug: string) {
  const rows = await readPlanEditor(db, slug);
  if (!rows?.client || !rows.access) return null;
  const { client } = rows;
  const access = toClientAccess(rows.access);
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
    templates: rows.templates,
  };
}
export type PlanEditor = NonNullable<Awaited<ReturnType<typeof getPlanEditor>>>;
