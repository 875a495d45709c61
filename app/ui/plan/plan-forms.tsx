import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { PlanEditor } from "~/domain/timeline/get-plan-editor.server";
import { SLIP_SIDES } from "~/domain/timeline/schema";
import { DateField } from "~/ui/date-field";
import { CheckboxField, Field, SelectField, TextareaField } from "~/ui/field";
import { PlanForm, usePlanForm } from "./plan-form";

type Phase = PlanEditor["phases"][number];
type Milestone = Phase["milestones"][number];
type Task = PlanEditor["tasks"][number];

/** Reason and side for a moved planned date: what the client reads in the slip log. */
function SlipFields({ fields }: { fields: ReturnType<typeof usePlanForm>["fields"] }) {
  return (
    <fieldset className="slip-fields">
      <legend>If you move a planned date</legend>
      <TextareaField
        label="Why it moved"
        hint="The client sees this in the date changes log."
        errors={fields.changeReason.errors}
        textareaProps={{ ...getTextareaProps(fields.changeReason), rows: 2 }}
      />
      <SelectField label="It depended on" errors={fields.changeSide.errors} selectProps={getSelectProps(fields.changeSide)}>
        <option value="">Choose…</option>
        {SLIP_SIDES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}

export function PhaseForm({ phase }: { phase?: Phase }) {
  const { form, fields, saved } = usePlanForm(phase ? `phase-${phase.id}` : "new-phase", phase && {
    phaseId: phase.id,
    name: phase.name,
    plannedStart: phase.planned_start,
    plannedEnd: phase.planned_end,
    originalStart: phase.planned_start,
    originalEnd: phase.planned_end,
  });
  return (
    <PlanForm form={form} intent="save-phase" saved={saved} submitLabel={phase ? "Save phase" : "Add phase"}>
      {phase ? (
        <>
          <input {...getInputProps(fields.phaseId, { type: "hidden" })} />
          <input {...getInputProps(fields.originalStart, { type: "hidden" })} />
          <input {...getInputProps(fields.originalEnd, { type: "hidden" })} />
        </>
      ) : null}
      <Field label="Phase name" errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <div className="field-row">
        <DateField label="Planned start" errors={fields.plannedStart.errors} inputProps={getInputProps(fields.plannedStart, { type: "date" })} />
        <DateField label="Planned end" errors={fields.plannedEnd.errors} inputProps={getInputProps(fields.plannedEnd, { type: "date" })} />
      </div>
      <CheckboxField id={`${form.id}-internal`} name={fields.isInternal.name} label="Internal: hide from the client" defaultChecked={phase?.is_internal} />
      {phase ? <SlipFields fields={fields} /> : null}
    </PlanForm>
  );
}

export function MilestoneForm({ milestone, phases, phaseId }: { milestone?: Milestone; phases: Phase[]; phaseId?: string }) {
  const { form, fields, saved } = usePlanForm(milestone ? `milestone-${milestone.id}` : `new-milestone-${phaseId}`, {
    milestoneId: milestone?.id,
    phaseId: milestone?.phase_id ?? phaseId,
    title: milestone?.title,
    description: milestone?.description ?? undefined,
    plannedDate: milestone?.planned_date,
    actualDate: milestone?.actual_date ?? undefined,
    riskNote: milestone?.risk_note ?? undefined,
    originalPlannedDate: milestone?.planned_date,
  });
  return (
    <PlanForm form={form} intent="save-milestone" saved={saved} submitLabel={milestone ? "Save milestone" : "Add milestone"}>
      {milestone ? (
        <>
          <input {...getInputProps(fields.milestoneId, { type: "hidden" })} />
          <input {...getInputProps(fields.originalPlannedDate, { type: "hidden" })} />
        </>
      ) : null}
      <Field label="Milestone" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <SelectField label="Phase" errors={fields.phaseId.errors} selectProps={getSelectProps(fields.phaseId)}>
        {phases.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <DateField label="Planned date" errors={fields.plannedDate.errors} inputProps={getInputProps(fields.plannedDate, { type: "date" })} />
        <DateField
          label="Actual date"
          hint="When it was done."
          errors={fields.actualDate.errors}
          inputProps={getInputProps(fields.actualDate, { type: "date" })}
        />
      </div>
      <TextareaField label="Description" errors={fields.description.errors} textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }} />
      <TextareaField
        label="Risk"
        hint="Flag a risk the client should know about; the milestone shows as at risk."
        errors={fields.riskNote.errors}
        textareaProps={{ ...getTextareaProps(fields.riskNote), rows: 2 }}
      />
      <CheckboxField id={`${form.id}-internal`} name={fields.isInternal.name} label="Internal: hide from the client" defaultChecked={milestone?.is_internal} />
      {milestone ? <SlipFields fields={fields} /> : null}
    </PlanForm>
  );
}

export function TaskForm({ task, contacts, milestones }: { task?: Task; contacts: PlanEditor["contacts"]; milestones: Milestone[] }) {
  const { form, fields, saved } = usePlanForm(task ? `task-${task.id}` : "new-task", task && {
    taskId: task.id,
    title: task.title,
    description: task.description ?? undefined,
    dueDate: task.due_date ?? undefined,
    ownerId: task.owner_id ?? undefined,
    milestoneId: task.milestone_id ?? undefined,
  });
  return (
    <PlanForm form={form} intent="save-task" saved={saved} submitLabel={task ? "Save task" : "Add task"}>
      {task ? <input {...getInputProps(fields.taskId, { type: "hidden" })} /> : null}
      <Field label="What we need" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <TextareaField label="Details" errors={fields.description.errors} textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }} />
      <div className="field-row">
        <DateField label="Due date" errors={fields.dueDate.errors} inputProps={getInputProps(fields.dueDate, { type: "date" })} />
        <SelectField label="Owner at the client" errors={fields.ownerId.errors} selectProps={getSelectProps(fields.ownerId)}>
          <option value="">Nobody yet</option>
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.fullName}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField label="Needed for milestone" errors={fields.milestoneId.errors} selectProps={getSelectProps(fields.milestoneId)}>
        <option value="">None</option>
        {milestones.map((m) => (
          <option key={m.id} value={m.id}>
            {m.title}
          </option>
        ))}
      </SelectField>
    </PlanForm>
  );
}

export function ApplyTemplateForm({ templates, today }: { templates: PlanEditor["templates"]; today: string }) {
  const { form, fields, saved } = usePlanForm("apply-template", { startDate: today });
  return (
    <PlanForm form={form} intent="apply-template" saved={saved} submitLabel="Add phases from template">
      <SelectField label="Template" errors={fields.templateId.errors} selectProps={getSelectProps(fields.templateId)}>
        <option value="">Choose…</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.is_builtin ? " (built in)" : ""}
          </option>
        ))}
      </SelectField>
      <DateField label="Start date" errors={fields.startDate.errors} inputProps={getInputProps(fields.startDate, { type: "date" })} />
    </PlanForm>
  );
}

export function SaveTemplateForm() {
  const { form, fields, saved } = usePlanForm("save-template");
  return (
    <PlanForm form={form} intent="save-template" saved={saved} submitLabel="Save as template">
      <Field label="Template name" errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: "text" })} />
      <TextareaField label="When to use it" errors={fields.description.errors} textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }} />
    </PlanForm>
  );
}
