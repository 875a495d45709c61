import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { createRequirementDocument } from "~/domain/requirements/create-requirement-document.server";
import { listRequirementDocuments } from "~/domain/requirements/list-requirement-documents.server";
import { CreateDocumentSchema } from "~/domain/requirements/schema";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDay, possessive } from "~/ui/format";
import { CreateDocumentForm } from "~/ui/requirements/document-forms";
import { RequirementStatusBadge } from "~/ui/requirements/requirement-status";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Requirements · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The client does not exist, or you are not on its team.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const list = await listRequirementDocuments(db, params.slug ?? "");
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
          <CreateDocumentForm candidates={candidates} lastResult={actionData?.result} />
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
