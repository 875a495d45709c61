import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getRequirementDocument } from "~/domain/requirements/get-requirement-document.server";
import { publishRequirementVersion } from "~/domain/requirements/publish-requirement-version.server";
import { saveRequirementDraft } from "~/domain/requirements/save-requirement-draft.server";
import { SaveDocumentSchema } from "~/domain/requirements/schema";
import { formFailure, type Failure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime, formatDay } from "~/ui/format";
import { RequirementHistory } from "~/ui/requirements/history";
import { SafeMarkdown } from "~/ui/requirements/markdown";
import { RequirementStatusBadge } from "~/ui/requirements/requirement-status";
import { ActionNotices } from "~/ui/notices";
import { DocumentEditorForm } from "~/ui/requirements/document-forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.document.title} · ${data.doc.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The document does not exist, or you are not on its client's team.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  const doc = await getRequirementDocument(db, params.slug ?? "", params.documentId ?? "", viewer.id);
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
    // The version and the approvers' emails are one transaction: the emails are in the outbox.
    const result = await publishRequirementVersion(db, documentId, input);
    if (!result.ok) return failed(result);
    const published = result.value;
    return {
      result: submission.reply(),
      notice: `Version ${published.version} is published.${published.notified.length ? ` We emailed ${published.notified.join(", ")} to ask for their sign-off.` : ""}`,
      warning: null,
    };
  }
  const saved = await saveRequirementDraft(db, documentId, input);
  if (!saved.ok) return failed(saved);
  return { result: submission.reply(), notice: "Draft saved.", warning: null };
}

export default function StaffRequirementRoute() {
  const { doc } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nextVersion = (doc.current?.version ?? 0) + 1;
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
          <DocumentEditorForm doc={doc} lastResult={actionData?.result} />
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
