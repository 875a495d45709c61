import { Form } from "@remix-run/react";
import type { PortalTask } from "~/domain/portal/get-client-portal.server";
import { mayCompleteTask, TASK_RULE, type TaskActor } from "~/domain/portal/task-rules";
import { formatDay } from "~/ui/format";
import { NewMark } from "~/ui/updates/new-since";

/** What we need from the client. Contacts tick tasks off (who may is said here); overdue ones stand out. */
export function TasksSection({ tasks, readOnly, actor }: { tasks: PortalTask[]; readOnly: boolean; actor: TaskActor }) {
  const open = tasks.filter((t) => t.status === "open");
  const overdue = open.filter((t) => t.overdue).length;
  return (
    <section className="panel" aria-labelledby="tasks-title">
      <h2 id="tasks-title">What we need from you</h2>
      <p className="muted">
        {open.length === 0 ? "Nothing right now. Thank you!" : `${open.length} open${overdue ? `, ${overdue} overdue` : ""}.`}
      </p>
      {tasks.length ? <p className="muted task-rule">{TASK_RULE}</p> : null}
      {tasks.length ? (
        <ul className="task-list">
          {tasks.map((t) => (
            <li key={t.id} className={`task${t.overdue ? " task-overdue" : ""}${t.status === "done" ? " task-done" : ""}`}>
              <div>
                <p className="task-title">
                  {t.status === "done" ? <span aria-hidden="true">✓ </span> : null}
                  {t.title}
                  {t.overdue ? <span className="tag-overdue">Overdue</span> : null}
                  <NewMark kind="tasks" id={t.id} />
                </p>
                {t.description ? <p>{t.description}</p> : null}
                <p className="muted">
                  {t.dueDate ? `Due ${formatDay(t.dueDate)}` : "No due date"}
                  {t.ownerName ? ` · Owner: ${t.ownerName}` : ""}
                  {t.status === "done" ? " · Done" : ""}
                </p>
              </div>
              {readOnly ? null : !mayCompleteTask(actor, t) ? (
                <p className="muted task-who">
                  {t.ownerName ? `${t.ownerName}, an approver or a decision maker` : "An approver or a decision maker"} marks
                  this one.
                </p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="set-task-status" />
                  <input type="hidden" name="taskId" value={t.id} />
                  <input type="hidden" name="status" value={t.status === "done" ? "open" : "done"} />
                  <button
                    type="submit"
                    className={t.status === "done" ? "button button-quiet" : "button"}
                    aria-label={`${t.status === "done" ? "Reopen" : "Mark done"}: ${t.title}`}
                  >
                    {t.status === "done" ? "Reopen" : "Mark done"}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
