// The staff requirement pages' forms: create a document (staff.clients.$slug.requirements._index)
// and the draft editor that saves or publishes it (staff.clients.$slug.requirements.$documentId).
// The routes parse, call the domain and answer; the answer comes back as lastResult.
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { RequirementDocument } from "~/domain/requirements/get-requirement-document.server";
import { CreateDocumentSchema, SaveDocumentSchema } from "~/domain/requirements/schema";
import { CheckboxGroupField, checkedValues, Field, FormErrors, TextareaField } from "~/ui/field";

type Candidate = { id: string; fullName: string; role: string };

const approverOptions = (candidates: Candidate[]) =>
  candidates.map((c) => ({ value: c.id, label: `${c.fullName} (${c.role.replace("_", " ")})` }));

/** A new requirement document: title, area, due date and who must sign it off. */
export function CreateDocumentForm({ candidates, lastResult }: { candidates: Candidate[]; lastResult: SubmissionResult | undefined }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "create-document",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateDocumentSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="create-title">
      <input type="hidden" name="intent" value="create-document" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label="Title" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <div className="field-row">
        <Field label="Area (optional)" hint="For example Eligibility, Payroll, Carriers." errors={fields.area.errors} inputProps={getInputProps(fields.area, { type: "text" })} />
        <Field label="Sign-off due (optional)" errors={fields.dueDate.errors} inputProps={getInputProps(fields.dueDate, { type: "date" })} />
      </div>
      {candidates.length ? (
        <CheckboxGroupField
          id={fields.approverIds.id}
          name={fields.approverIds.name}
          legend="Required approvers"
          hint="The client's approvers and decision makers who must sign this off."
          errors={fields.approverIds.errors}
          options={approverOptions(candidates)}
          checked={checkedValues(fields.approverIds.initialValue)}
        />
      ) : (
        <p className="muted">This client has no approvers or decision makers yet: invite them on the team page.</p>
      )}
      <button type="submit" className="button" disabled={busy}>
        Create document
      </button>
    </Form>
  );
}

type EditorFields = { intent: string; baseVersion?: number; title: string; area?: string; dueDate?: string; approverIds: string[]; draftMarkdown: string; changeNote?: string };

/** The draft of a document: save it, or publish it as the next version (which emails the approvers). */
export function DocumentEditorForm({ doc, lastResult }: { doc: RequirementDocument; lastResult: SubmissionResult | undefined }) {
  const busy = useNavigation().state === "submitting";
  const nextVersion = (doc.current?.version ?? 0) + 1;
  const [form, fields] = useForm<EditorFields>({
    id: "document-editor",
    lastResult,
    defaultValue: {
      title: doc.document.title,
      area: doc.document.area ?? "",
      dueDate: doc.document.dueDate ?? "",
      approverIds: doc.approvers.map((a) => a.id),
      draftMarkdown: doc.draftMarkdown ?? "",
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SaveDocumentSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="editor-title">
      {/* The version this editor shows: publishing on top of a newer one is refused (409), nothing lost. */}
      <input type="hidden" name="baseVersion" value={doc.current?.version ?? 0} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label="Title" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: "text" })} />
      <div className="field-row">
        <Field label="Area (optional)" errors={fields.area.errors} inputProps={getInputProps(fields.area, { type: "text" })} />
        <Field label="Sign-off due (optional)" errors={fields.dueDate.errors} inputProps={getInputProps(fields.dueDate, { type: "date" })} />
      </div>
      <CheckboxGroupField
        id={fields.approverIds.id}
        name={fields.approverIds.name}
        legend="Required approvers"
        hint="The client's approvers and decision makers who must sign this off."
        errors={fields.approverIds.errors}
        options={approverOptions(doc.candidates)}
        checked={checkedValues(fields.approverIds.initialValue)}
      />
      <TextareaField
        label="Document (Markdown)"
        hint="Headings with #, lists with -, links as [text](https://…). HTML is not rendered."
        errors={fields.draftMarkdown.errors}
        textareaProps={{ ...getTextareaProps(fields.draftMarkdown), rows: 16, className: "markdown-input" }}
      />
      <TextareaField
        label="Change note (optional)"
        hint="What changed in this version: the approvers read it in their email."
        errors={fields.changeNote.errors}
        textareaProps={{ ...getTextareaProps(fields.changeNote), rows: 2 }}
      />
      <div className="form-actions">
        <button type="submit" name="intent" value="save-draft" className="button button-quiet" disabled={busy}>
          Save draft
        </button>
        <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
          Publish version {nextVersion}
        </button>
      </div>
    </Form>
  );
}
