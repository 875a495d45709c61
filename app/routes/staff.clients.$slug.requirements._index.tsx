import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { createRequirementDocument } from "~/domain/requirements/create-requirement-document.server";
import { listRequirementDocuments } from "~/domain/requirements/list-requirement-documents.server";
import { CreateDocumentSchema } from "~/domain/requirements/schema";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroupField, checkedValues, Field, FormErrors } from "~/ui/field";
import { formatDay, possessive } from "~/ui/format";
import { RequirementStatusBadge } from "~/ui/requirements/requirement-status";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Requirements · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The client does not exist, or you are not on its team.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const access = await requireClient(db, params.slug ?? "");
  const list = await listRequirementDocuments(db, access);
  if (!list) throw notFound();
  return list;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: CreateDocumentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { client } = await requireClient(db, params.slug ?? "");
  const result = await createRequirementDocument(db, client.id, submission.value);
  if (!result.ok) {
    const { status, ...errors } = formFailure(result);
    return data({ result: submission.reply(errors) }, { status });
  }
  return redirect(`/staff/clients/${client.slug}/requirements/${result.value.id}`);
}

export default function RequirementListRoute() {
  const { client, canEdit, documents, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "create-document",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateDocumentSchema }),
  });
  return (
    <>
      <section className="panel" aria-labelledby="requirements-title">
        <p className="link-row">
          <Link to="/staff">← All clients</Link>
          <Link to={`/c/${client.slug}`}>{possessive(client.name)} page</Link>
        </p>
        <h1 id="requirements-title">{client.name}: requirement documents</h1>
        {documents.length === 0 ? (
          <p className="empty-state">No requirement documents yet.</p>
        ) : (
          <ul className="card-list">
            {documents.map((d) => (
              <li key={d.id} className="card">
                <h2 className="req-card-title">
                  <Link to={`/staff/clients/${client.slug}/requirements/${d.id}`}>{d.title}</Link>
                </h2>
                <p>
                  <RequirementStatusBadge status={d.status} />{" "}
                  <span className="muted">
                    {d.currentVersion ? `Version ${d.currentVersion}` : "Not published"}
                    {d.area ? ` · ${d.area}` : ""}
                    {d.dueDate ? ` · Due ${formatDay(d.dueDate)}` : ""} · {d.approverCount} required{" "}
                    {d.approverCount === 1 ? "approver" : "approvers"}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEdit ? (
        <section className="panel setup-form" aria-labelledby="create-title">
          <h2 id="create-title">New requirement document</h2>
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
                options={candidates.map((c) => ({ value: c.id, label: `${c.fullName} (${c.role.replace("_", " ")})` }))}
                checked={checkedValues(fields.approverIds.initialValue)}
              />
            ) : (
              <p className="muted">This client has no approvers or decision makers yet: invite them on the team page.</p>
            )}
            <button type="submit" className="button" disabled={busy}>
              Create document
            </button>
          </Form>
        </section>
      ) : (
        <p className="muted">Only the client&apos;s project manager (or an admin) can create and publish requirement documents.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
