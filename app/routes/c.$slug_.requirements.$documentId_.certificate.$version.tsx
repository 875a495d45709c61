import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getSignoffCertificate } from "~/domain/requirements/get-signoff-certificate.server";
import { requireViewer } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { decisionLabel } from "~/ui/requirements/history";
import { SERVER_RENDERED } from "~/ui/server-rendered";

// Sent without React in the browser: the forms post and answer as HTML (ADR 0018).
export const handle = SERVER_RENDERED;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Sign-off certificate · ${data.doc.document.title} v${data.version.version} · Onboarding portal`
      : "Not found · Onboarding portal",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const access = await requireClient(db, params.slug ?? "");
  const versionNumber = Number(params.version);
  const certificate = Number.isInteger(versionNumber) && versionNumber > 0
    ? await getSignoffCertificate(db, access, params.documentId ?? "", versionNumber, viewer.id)
    : null;
  if (!certificate) {
    throw new Response("There is no sign-off certificate for that version: it does not exist, or not every required approver approved it.", {
      status: 404,
    });
  }
  return certificate;
}

export default function CertificateRoute() {
  const { doc, version, approvals, sources } = useLoaderData<typeof loader>();
  const superseded = doc.current && doc.current.version > version.version ? doc.current : null;
  return (
    <article className="panel certificate" aria-labelledby="certificate-title">
      <p className="link-row no-print">
        <Link to={`/c/${doc.client.slug}/requirements/${doc.document.id}`}>← Back to the document</Link>
        <span className="muted">To keep a PDF, use your browser&apos;s Print command and choose “Save as PDF”.</span>
      </p>
      <h1 id="certificate-title">Sign-off certificate</h1>
      <dl className="meta-list">
        <dt>Client</dt>
        <dd>{doc.client.name}</dd>
        <dt>Document</dt>
        <dd>{doc.document.title}</dd>
        <dt>Version</dt>
        <dd>{version.version}</dd>
        <dt>Published</dt>
        <dd>
          {formatDateTime(version.publishedAt)}
          {version.publishedBy ? ` by ${version.publishedBy}` : ""}
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <code className="hash">{version.bodySha256}</code>
        </dd>
      </dl>
      {superseded ? (
        <p className="warning">
          Version {version.version} was superseded by version {superseded.version} on {formatDateTime(superseded.publishedAt)}: these
          approvals are void for the current document and stay here as a record.
        </p>
      ) : (
        <p className="notice">Every required approver approved version {version.version}, the current version.</p>
      )}

      <h2 id="evidence-title">Approvals</h2>
      <ol className="evidence-list" aria-labelledby="evidence-title">
        {approvals.map((s) => (
          <li key={s.id} className="evidence">
            <h3>{s.personName}</h3>
            <dl className="meta-list">
              <dt>Email</dt>
              <dd>{s.personEmail}</dd>
              <dt>Approved at</dt>
              <dd>{formatDateTime(s.createdAt)}</dd>
              <dt>IP address</dt>
              <dd>{s.ip ? `${s.ip} (recorded by the portal's server from the request)` : "not recorded"}</dd>
              <dt>Browser</dt>
              <dd className="user-agent">{s.userAgent ?? "not recorded"}</dd>
              <dt>Signature</dt>
              <dd>{s.signatureName}</dd>
              <dt>Consent</dt>
              <dd>{s.consentText}</dd>
              <dt>Text signed (SHA-256)</dt>
              <dd>
                <code className="hash">{s.bodySha256}</code>
              </dd>
            </dl>
          </li>
        ))}
      </ol>

      <h2 id="sources-title">Where each field comes from</h2>
      <ul className="evidence-sources" aria-labelledby="sources-title">
        {sources.map((s) => (
          <li key={s.field}>
            <strong>{s.field}:</strong> {s.source}.
          </li>
        ))}
      </ul>

      <h2 id="text-title">The exact text of version {version.version}</h2>
      <pre className="exact-text" aria-labelledby="text-title" tabIndex={0}>
        {version.bodyMarkdown}
      </pre>

      <h2 id="full-history-title">History of versions and decisions</h2>
      <ol className="certificate-history" aria-labelledby="full-history-title">
        {[...doc.versions].reverse().map((v) => (
          <li key={v.id}>
            <p>
              <strong>Version {v.version}</strong> published {formatDateTime(v.publishedAt)}
              {v.publishedBy ? ` by ${v.publishedBy}` : ""} · SHA-256 <code className="hash">{v.bodySha256}</code>
              {v.changeNote ? ` · Change note: ${v.changeNote}` : ""}
            </p>
            <ul>
              {doc.signoffs
                .filter((s) => s.versionId === v.id)
                .map((s) => (
                  <li key={s.id}>
                    {s.personName} ({s.personEmail}): {decisionLabel(s)}, {formatDateTime(s.createdAt)}
                    {s.supersededBy && s.decision === "approved" ? <span className="tag-void">void (superseded by v{s.supersededBy})</span> : null}
                    {s.comment ? ` · “${s.comment}”` : ""}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
