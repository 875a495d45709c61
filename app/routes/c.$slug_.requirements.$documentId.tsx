import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import {
  isDocumentId,
  toRequirementDocument,
  type RequirementPageRows,
} from "~/domain/requirements/get-requirement-document.server";
// Server-only, so the schemas and zod stay out of the page's JavaScript.
import { CONSENT_STATEMENT, parseWithZod, SignoffSchema } from "~/domain/requirements/signoff-action.server";
import { SignoffForms } from "~/ui/requirements/signoff-forms";
import type { ServerResult } from "~/ui/server-form";
import { signOffRequirement } from "~/domain/requirements/sign-off-requirement.server";
import { clientIp } from "~/lib/request.server";
import { requireViewer, requireViewerWithPage } from "~/lib/viewer.server";
import { brandStyle } from "~/lib/brand.server";
import { ApproverStates } from "~/ui/requirements/approver-states";
import { ClientBanner } from "~/ui/portal/client-banner";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime, formatDay } from "~/ui/format";
import { DiffView } from "~/ui/requirements/diff-view";
import { RequirementHistory } from "~/ui/requirements/history";
import { SafeMarkdown } from "~/ui/requirements/markdown";
import { RequirementStatusBadge } from "~/ui/requirements/requirement-status";
import { ActionNotices } from "~/ui/notices";
import { formFailure } from "~/lib/result";
import { SERVER_RENDERED } from "~/ui/server-rendered";

// Sent without React in the browser: the forms post and answer as HTML (ADR 0018).
export const handle = SERVER_RENDERED;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.document.title} · ${data.doc.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The page does not exist, or you do not have access to it.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const documentId = params.documentId ?? "";
  if (!isDocumentId(documentId)) {
    await requireViewer(request);
    throw notFound();
  }
  // One round trip with the session check: a client the person cannot see gives no document either.
  const { viewer, page } = await requireViewerWithPage<RequirementPageRows>(request, "signed_in_requirement_page", {
    p_slug: params.slug ?? "",
    p_document_id: documentId,
  });
  const doc = toRequirementDocument(page, viewer.id);
  if (!doc) throw notFound();
  return { doc, viewerName: viewer.fullName, consentStatement: CONSENT_STATEMENT, brand: brandStyle(doc.client.primaryColor, doc.client.accentColor) };
}

type ActionData = {
  decision: "approved" | "changes_requested" | null;
  result: ServerResult;
  notice: string | null;
  warning: string | null;
  conflict: { message: string } | null;
};

const answer = (values: Partial<ActionData>, status = 200) =>
  data<ActionData>({ decision: null, result: null, notice: null, warning: null, conflict: null, ...values }, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: SignoffSchema });
  const decision = submission.payload.decision === "approved" || submission.payload.decision === "changes_requested" ? submission.payload.decision : null;
  if (submission.status !== "success") return answer({ decision, result: submission.reply() }, 400);
  // The evidence is what the server saw, never what the form said: it travels in the token the server mints.
  const evidence = { ip: clientIp(context), userAgent: request.headers.get("user-agent") };
  const result = await signOffRequirement(viewer, submission.value, evidence);
  if (!result.ok) {
    // A superseded version: the page reloads with the current one (shouldRevalidate) and says why.
    if (result.kind === "conflict") return answer({ decision, conflict: { message: result.message } }, 409);
    // Someone not asked to sign sees why above the form, as before.
    if (result.kind === "forbidden") return answer({ decision, result: submission.reply({ formErrors: [result.message] }) }, 403);
    const { status, ...errors } = formFailure(result);
    return answer({ decision, result: submission.reply(errors) }, status);
  }
  if (result.value.alreadyRecorded) return answer({ decision, notice: "Your decision was already recorded. Nothing was changed." });
  return answer({
    decision,
    result: submission.reply({ resetForm: true }),
    notice: decision === "approved" ? "Thank you: your approval is recorded." : "Thank you: your request for changes is recorded. Your project manager will publish a new version.",
    warning: result.value.pmEmailed ? null : "Your decision is recorded, but this client has no project manager for us to email yet. Please let your contact at the provider know.",
  });
}

// After a decision (or a refusal), show the document as it is now: a newer version, its diff, the decisions.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === "POST" ? true : defaultShouldRevalidate;

export default function ClientRequirementRoute() {
  const { doc, viewerName, consentStatement, brand } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { current, viewer } = doc;
  const approverNames = doc.approvers.map((a) => a.fullName).join(", ") || "nobody yet";
  const mine = viewer.decisionOnCurrent;
  return (
    <article className="client-page requirement-page" style={brand}>
      <ClientBanner
        client={doc.client}
        eyebrow={
          <>
            <Link to={`/c/${doc.client.slug}?section=signoffs`} className="banner-link">
              {doc.client.name}
            </Link>{" "}
            · Requirement document
          </>
        }
        title={doc.document.title}
      />

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title" className="visually-hidden">
          Summary
        </h2>
        <p>
          <RequirementStatusBadge status={doc.status} />{" "}
          <span className="muted">
            {current ? `Version ${current.version}, published ${formatDateTime(current.publishedAt)}` : "Not published yet"}
            {doc.document.area ? ` · ${doc.document.area}` : ""}
            {doc.document.dueDate ? ` · Sign-off due ${formatDay(doc.document.dueDate)}` : ""}
          </span>
        </p>
        {current ? (
          <ApproverStates approvers={doc.approverStates} label={`Sign-off of version ${current.version}`} />
        ) : (
          <p>Required approvers: {approverNames}.</p>
        )}
        {viewer.isStaff ? (
          <p className="link-row">
            <Link to={`/staff/clients/${doc.client.slug}/requirements/${doc.document.id}`}>Edit and publish (staff)</Link>
          </p>
        ) : null}
        {actionData?.conflict ? (
          <div role="alert" className="form-errors">
            <p>{actionData.conflict.message}</p>
            <p>
              <a href="#current-title">Read the current version{current ? ` (version ${current.version})` : ""} and what changed</a>
            </p>
          </div>
        ) : null}
        <ActionNotices notice={actionData?.notice} warning={actionData?.warning} />
      </section>

      {current ? (
        <>
          {current.diff ? (
            <section className="panel" aria-labelledby="changes-since-title">
              <h2 id="changes-since-title">What changed since version {current.version - 1}</h2>
              {current.changeNote ? <p>Change note: {current.changeNote}</p> : null}
              <DiffView parts={current.diff} label={`Changes from version ${current.version - 1} to ${current.version}`} />
            </section>
          ) : null}
          <section className="panel" aria-labelledby="current-title">
            <h2 id="current-title">Version {current.version}</h2>
            <p className="muted">
              SHA-256 of the exact text: <code className="hash">{current.bodySha256}</code>
            </p>
            <SafeMarkdown html={current.bodyHtml} />
          </section>
          <section className="panel" aria-labelledby="signoff-title">
            <h2 id="signoff-title">Your sign-off</h2>
            {viewer.isStaff ? (
              <p className="muted">
                Staff cannot sign off: a requirement is signed off by the client&apos;s required approvers ({approverNames}).
              </p>
            ) : !viewer.isRequiredApprover ? (
              <p className="muted">
                You can read this document. Sign-off is for its required approvers ({approverNames})
                {viewer.contactRole === "viewer" ? "; as a viewer you follow along" : ""}.
              </p>
            ) : mine ? (
              <p>
                You {mine.decision === "approved" ? "approved" : "requested changes to"} version {mine.version} on {formatDateTime(mine.createdAt)}.
                {mine.decision === "changes_requested" ? " You will be asked again when a new version is published." : ""}
              </p>
            ) : (
              <SignoffForms versionId={current.id} signerName={viewerName} consentStatement={consentStatement} actionData={actionData} />
            )}
          </section>
        </>
      ) : (
        <section className="panel">
          <p className="empty-state">This document has not been published yet.</p>
        </section>
      )}

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <RequirementHistory doc={doc} certificateBase={`/c/${doc.client.slug}/requirements/${doc.document.id}/certificate`} />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
