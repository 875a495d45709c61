import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { ClientUpdate } from "~/domain/updates/client-update";
import type { UpdatesPage } from "~/domain/updates/list-client-updates.server";
import { EditUpdateSchema, PostUpdateSchema } from "~/domain/updates/schema";
import { CheckboxField, Field, FormErrors, SelectField, TextareaField } from "~/ui/field";
import { formatDay } from "~/ui/format";

type Options = Pick<UpdatesPage, "contacts" | "milestones" | "documents">;
type Fields = {
  intent: string;
  updateId?: string;
  title: string;
  bodyMarkdown: string;
  staffOnly: boolean;
  decisionNeeded: boolean;
  decisionDue?: string;
  decisionFrom?: string;
  milestoneId?: string;
  requirementDocumentId?: string;
};

/** Post a new update, or edit one (`editing`). A plain form: it works without JavaScript. */
export function UpdateForm({ options, editing, lastResult }: { options: Options; editing?: ClientUpdate; lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const schema = editing ? EditUpdateSchema : PostUpdateSchema;
  const [form, fields] = useForm<Fields>({
    id: editing ? `edit-update-${editing.id}` : "post-update",
    lastResult,
    defaultValue: editing
      ? {
          title: editing.title,
          bodyMarkdown: editing.bodyMarkdown,
          staffOnly: editing.staffOnly,
          decisionNeeded: Boolean(editing.decision),
          decisionDue: editing.decision?.due ?? "",
          decisionFrom: editing.decision?.fromId ?? "",
          milestoneId: editing.milestone?.id ?? "",
          requirementDocumentId: editing.document?.id ?? "",
        }
      : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const titleId = editing ? `edit-title-${editing.id}` : "post-title";
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby={titleId}>
      <h2 id={titleId}>{editing ? `Edit “${editing.title}”` : "Post an update"}</h2>
      <input type="hidden" name="intent" value={editing ? "edit-update" : "post-update"} />
      {editing ? <input type="hidden" name="updateId" value={editing.id} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label="Title" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <TextareaField
        label="Update (Markdown)"
        hint="Headings, lists, bold and links work; HTML and images are not shown."
        errors={fields.bodyMarkdown.errors}
        textareaProps={{ ...getTextareaProps(fields.bodyMarkdown), rows: 8 }}
      />
      <CheckboxField
        id={fields.staffOnly.id}
        name={fields.staffOnly.name}
        label="Staff only (the client never sees it)"
        defaultChecked={fields.staffOnly.initialValue === "on"}
        errors={fields.staffOnly.errors}
      />
      <fieldset className="field">
        <legend>Decision</legend>
        <CheckboxField
          id={fields.decisionNeeded.id}
          name={fields.decisionNeeded.name}
          label="A decision is needed from the client"
          defaultChecked={fields.decisionNeeded.initialValue === "on"}
          errors={fields.decisionNeeded.errors}
        />
        <div className="field-row">
          <Field label="Decision needed by" errors={fields.decisionDue.errors} inputProps={getInputProps(fields.decisionDue, { type: "date" })} />
          <SelectField label="Asked of" errors={fields.decisionFrom.errors} selectProps={getSelectProps(fields.decisionFrom)}>
            <option value="">Choose a contact</option>
            {options.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.fullName} ({c.role.replace("_", " ")})
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <div className="field-row">
        <SelectField label="Link a milestone (optional)" errors={fields.milestoneId.errors} selectProps={getSelectProps(fields.milestoneId)}>
          <option value="">No milestone</option>
          {options.milestones.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title} ({formatDay(m.plannedDate)}){m.clientVisible ? "" : " (internal)"}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Link a requirement document (optional)"
          errors={fields.requirementDocumentId.errors}
          selectProps={getSelectProps(fields.requirementDocumentId)}
        >
          <option value="">No document</option>
          {options.documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </SelectField>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {editing ? "Save changes" : "Post update"}
      </button>
    </Form>
  );
}
