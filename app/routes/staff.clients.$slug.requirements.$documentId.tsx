import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getRequirementDocument } from "~/domain/requirements/get-requirement-document.server";
import { publishRequirementVersion } from "~/domain/requirements/publish-requirement-version.server";
import { saveRequirementDraft } from "~/domain/requirements/save-requirement-draft.server";
import { SaveDocumentSchema } from "~/domain/requirements/schema";
import { formFailure, type Failure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroupField, checkedValues, Field, FormErrors, TextareaField } from "~/ui/field";
import { formatDateTime, formatDay } from "~/ui/format";
import { RequirementHistory } from "~/ui/requirements/history";
import { SafeMarkdown } from "~/ui/requirements/markdown";
import { RequirementStatusBadge } from "~/ui/requirements/requirement-status";
import { ActionNotices } from "~/ui/notices";
import { appOrigin } from "~/lib/env.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.document.title} · ${data.doc.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The document does not exist, or you are not on its client's team.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  const access = await requireClient(db, params.slug ?? "");
  const doc = await getRequirementDocument(db, access, params.documentId ?? "", viewer.id);
  if (!doc) throw notFound();
  return { doc };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: SaveDocumentSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null, warning: null }, { status: 400 });
  await requireClient(db, params.slug ?? "", "editRequirements");
  const input = submission.value;
  const documentId = params.documentId ?? "";
  const failed = (failure: Failure) => {
    const { status, ...errors } = formFailure(failure);
    return data({ result: submission.reply(errors), notice: null, warning: null }, { status });
  };
  if (input.intent === "publish") {
    const result = await publishRequirementVersion(db, documentId, input, { origin: appOrigin });
    if (!result.ok) return failed(result);
    const published = result.value;
    return {
      result: submission.reply(),
      notice: `Version ${published.version} is published.${published.notified.length ? ` We emailed ${published.notified.join(", ")} to ask for their sign-off.` : ""}`,
      warning: published.notNotified.length
        ? `Version ${published.version} is published, but the email to ${published.notNotified.join(", ")} could not be sent. Send them the link to the document yourself.`
        : null,
    };
  }
  const saved = await saveRequirementDraft(db, documentId, input);
  if (!saved.ok) return failed(saved);
  return { result: submission.reply(), notice: "Draft saved.", warning: null };
}

type EditorFields = { intent: string; baseVersion?: number; title: string; area?: string; dueDate?: string; approverIds: string[]; draftMarkdown: string; changeNote?: string };

export default function StaffRequirementRoute() {
  const { doc } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const nextVersion = (doc.current?.version ?? 0) + 1;
  const [form, fields] = useForm<EditorFields>({
    id: "document-editor",
    lastResult: actionData?.result,
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
  const base = `/staff/clients/${doc.client.slug}/requirements`;
  const clientUrl = `/c/${doc.client.slug}/requirements/${doc.document.id}`;
  return (
    <>
      <section className="panel" aria-labelledby="doc-title">
        <p className="link-row">
          <Link to={base}>← All requirement documents</Link>
          <Link to={clientUrl}>See it as the client does</Link>
        </p>
        <h1 id="doc-title">{doc.document.title}</h1>
        <p>
          <RequirementStatusBadge status={doc.status} />{" "}
          <span className="muted">
            {doc.client.name}
            {doc.current ? ` · Version ${doc.current.version}` : " · Not published"}
            {doc.document.area ? ` · ${doc.document.area}` : ""}
            {doc.document.dueDate ? ` · Sign-off due ${formatDay(doc.document.dueDate)}` : ""}
          </span>
        </p>
        <ActionNotices notice={actionData?.notice} warning={actionData?.warning} />
        <h2 id="approvers-title">Required approvers</h2>
        {doc.approvers.length ? (
          <ul className="setup-list" aria-labelledby="approvers-title">
            {doc.approvers.map((a) => {
              const decision = doc.current && doc.signoffs.find((s) => s.versionId === doc.current!.id && s.personId === a.id);
              return (
                <li key={a.id} className="setup-item">
                  <span>
                    <strong>{a.fullName}</strong> · {a.email}
                  </span>
                  <span>
                    {decision
                      ? `${decision.decision === "approved" ? "Approved" : "Requested changes"} v${decision.version}, ${formatDateTime(decision.createdAt)}`
                      : doc.current
                        ? `Waiting for their decision on v${doc.current.version}`
                        : "Asked when you publish"}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="empty-state">Nobody must sign this off yet: choose the approvers below.</p>
        )}
      </section>

      {doc.viewer.canEdit ? (
        <section className="panel" aria-labelledby="editor-title">
          <h2 id="editor-title">Draft</h2>
          <p className="muted">
            Published versions never change. Save the draft as often as you like; publishing freezes it as version {nextVersion} and
            emails the approvers.{doc.current ? " Approvals of earlier versions no longer count after you publish." : ""}
          </p>
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
              options={doc.candidates.map((c) => ({ value: c.id, label: `${c.fullName} (${c.role.replace("_", " ")})` }))}
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
        </section>
      ) : (
        <p className="panel muted">You can read this document. Only the client&apos;s project manager (or an admin) can edit and publish it.</p>
      )}

      {doc.current ? (
        <section className="panel" aria-labelledby="current-title">
          <h2 id="current-title">Version {doc.current.version}, as published</h2>
          <SafeMarkdown html={doc.current.bodyHtml} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <RequirementHistory doc={doc} certificateBase={`${clientUrl}/certificate`} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
