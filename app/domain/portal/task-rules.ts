// Who may mark a client task done (or open again): issue 14, defect 10. The
// database decides (app_private.may_complete_client_task, in the task trigger);
// this copy of the rule only decides what the page offers and says.
import type { Database } from "~/lib/database.types";

type ContactRole = Database["public"]["Enums"]["contact_role"];

export type TaskActor = { personId: string; isStaff: boolean; contactRole: ContactRole | null };

/** The rule in words, shown beside the tasks. */
export const TASK_RULE =
  "Tasks can be marked done by their owner, by your approvers and decision makers, and by our team. Viewers can mark the tasks they own or that nobody owns.";

export function mayCompleteTask(actor: TaskActor, task: { ownerId: string | null }): boolean {
  if (actor.isStaff) return true;
  if (task.ownerId === actor.personId) return true;
  if (actor.contactRole === "approver" || actor.contactRole === "decision_maker") return true;
  return actor.contactRole !== null && task.ownerId === null;
}

/** The person looking at the page, as the task rule sees them. */
export function taskActor(
  contacts: { id: string; role: ContactRole }[],
  person: { id: string; isStaff: boolean },
): TaskActor {
  const contactRole = contacts.find((c) => c.id === person.id)?.role ?? null;
  return { personId: person.id, isStaff: person.isStaff, contactRole };
}
