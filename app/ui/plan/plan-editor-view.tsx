import type { PlanEditor } from "~/domain/timeline/get-plan-editor.server";
import { milestoneStatus } from "~/domain/portal/status";
import { formatDay, plural } from "~/ui/format";
import { StatusBadge } from "~/ui/portal/status-badge";
import { DeleteButton } from "./plan-form";
import { ApplyTemplateForm, MilestoneForm, PhaseForm, SaveTemplateForm, TaskForm } from "./plan-forms";

/** The PM's editor for the timeline and the client's tasks. Read-only for other staff. */
export function PlanEditorView({ editor, today }: { editor: PlanEditor; today: string }) {
  const { phases, tasks, contacts, templates, canEdit } = editor;
  const milestones = phases.flatMap((p) => p.milestones);
  return (
    <div className="plan-editor">
      <h1>Plan for {editor.client.name}</h1>
      {canEdit ? null : (
        <p className="view-as-banner" role="note">
          Only the client's project manager (or an admin) changes the plan. You can read it here.
        </p>
      )}

      <section className="panel" aria-labelledby="phases-title">
        <h2 id="phases-title">Timeline</h2>
        {phases.length === 0 ? <p className="empty-state">No phases yet. Start from a template or add the first phase.</p> : null}
        <ol className="phase-list plan-phases">
          {phases.map((phase) => {
            const done = phase.milestones.filter((m) => m.actual_date).length;
            return (
              <li key={phase.id} className="phase plan-phase">
                <div className="plan-phase-head">
                  <h3>
                    {phase.name}
                    {phase.is_internal ? <span className="tag-internal">Internal</span> : null}
                  </h3>
                  <p className="muted">
                    <time dateTime={phase.planned_start}>{formatDay(phase.planned_start)}</time> to{" "}
                    <time dateTime={phase.planned_end}>{formatDay(phase.planned_end)}</time> ·{" "}
                    {phase.milestones.length ? `${done} of ${plural(phase.milestones.length, "milestone")} done` : "no milestones yet"}
                  </p>
                </div>
                {canEdit ? (
                  <details className="plan-edit">
                    <summary>
                      <strong>{phase.name}</strong> · {formatDay(phase.planned_start)} to {formatDay(phase.planned_end)}: edit the phase
                    </summary>
                    <PhaseForm key={`${phase.planned_start}-${phase.planned_end}`} phase={phase} />
                    <DeleteButton kind="phase" id={phase.id} label={`phase ${phase.name} and its milestones`} />
                  </details>
                ) : null}
                <ul className="milestone-list plan-milestones">
                  {phase.milestones.map((m) => (
                    <li key={m.id} className={`milestone plan-milestone plan-milestone-${milestoneStatus(m, today)}`}>
                      <details>
                        <summary>
                          <span className="plan-milestone-title">{m.title}</span> · planned {formatDay(m.planned_date)}
                          {m.actual_date ? ` · done ${formatDay(m.actual_date)}` : ""}
                          {m.is_internal ? <span className="tag-internal">Internal</span> : null}{" "}
                          <StatusBadge status={milestoneStatus(m, today)} />
                        </summary>
                        {canEdit ? (
                          <>
                            <MilestoneForm key={m.planned_date} milestone={m} phases={phases} />
                            <DeleteButton kind="milestone" id={m.id} label={`milestone ${m.title}`} />
                          </>
                        ) : m.description ? (
                          <p>{m.description}</p>
                        ) : null}
                      </details>
                    </li>
                  ))}
                </ul>
                {canEdit ? (
                  <details className="add-item">
                    <summary>Add a milestone to {phase.name}</summary>
                    <MilestoneForm phases={phases} phaseId={phase.id} />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ol>
        {canEdit ? (
          <div className="plan-tools">
            <details className="add-item">
              <summary>Add a phase</summary>
              <PhaseForm />
            </details>
            <details className="add-item" open={phases.length === 0}>
              <summary>Start from a template</summary>
              <ApplyTemplateForm templates={templates} today={today} />
            </details>
            {phases.length ? (
              <details className="add-item">
                <summary>Save this timeline as a template</summary>
                <SaveTemplateForm />
              </details>
            ) : null}
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="tasks-edit-title">
        <h2 id="tasks-edit-title">What we need from the client</h2>
        {tasks.length === 0 ? <p className="empty-state">No tasks for the client yet.</p> : null}
        <ul className="task-list">
          {tasks.map((t) => (
            <li key={t.id} className="task">
              <details>
                <summary>
                  {t.title}
                  {t.due_date ? ` · due ${formatDay(t.due_date)}` : ""} · {t.status === "done" ? "done" : "open"}
                </summary>
                {canEdit ? (
                  <>
                    <TaskForm task={t} contacts={contacts} milestones={milestones} />
                    <DeleteButton kind="task" id={t.id} label={`task ${t.title}`} />
                  </>
                ) : null}
              </details>
            </li>
          ))}
        </ul>
        {canEdit ? (
          <details className="add-item">
            <summary>Add a task for the client</summary>
            <TaskForm contacts={contacts} milestones={milestones} />
          </details>
        ) : null}
      </section>
    </div>
  );
}
