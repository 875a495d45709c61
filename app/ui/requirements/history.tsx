import { Link } from "@remix-run/react";
import type { RequirementDocument, Signoff } from "~/domain/requirements/get-requirement-document.server";
import { formatDateTime } from "~/ui/format";
import { DiffView } from "./diff-view";

export function decisionLabel(s: Signoff): string {
  return s.decision === "approved" ? "Approved" : "Requested changes";
}

/** A sign-off in the history: who decided what on which version, and whether it still counts. */
export function SignoffLine({ s }: { s: Signoff }) {
  return (
    <>
      <strong>{s.personName}</strong> · {decisionLabel(s)} version {s.version} · {formatDateTime(s.createdAt)}
      {s.supersededBy && s.decision === "approved" ? <span className="tag-void">void (superseded by v{s.supersededBy})</span> : null}
      {s.comment ? <span className="signoff-comment">“{s.comment}”</span> : null}
    </>
  );
}

/** Every version (newest first) with what changed and every decision on it. */
export function RequirementHistory({ doc, certificateBase }: { doc: RequirementDocument; certificateBase: string }) {
  if (doc.versions.length === 0) return <p className="empty-state">Nothing published yet.</p>;
  return (
    <ol className="version-list" reversed>
      {doc.versions.map((v) => {
        const decisions = doc.signoffs.filter((s) => s.versionId === v.id);
        return (
          <li key={v.id} className="version">
            <h3>
              Version {v.version}
              {v.id === doc.current?.id ? " (current)" : ""}
            </h3>
            <p className="muted">
              Published {formatDateTime(v.publishedAt)}
              {v.publishedBy ? ` by ${v.publishedBy}` : ""} · SHA-256 <code className="hash">{v.bodySha256}</code>
            </p>
            {v.changeNote ? <p>Change note: {v.changeNote}</p> : null}
            {v.approved ? (
              <p>
                <Link to={`${certificateBase}/${v.version}`}>Sign-off certificate for version {v.version}</Link>
              </p>
            ) : null}
            {decisions.length ? (
              <ul className="signoff-list">
                {decisions.map((s) => (
                  <li key={s.id}>
                    <SignoffLine s={s} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No decisions on this version.</p>
            )}
            {v.diff ? (
              <details>
                <summary>What changed from version {v.version - 1}</summary>
                <DiffView parts={v.diff} label={`Changes from version ${v.version - 1} to ${v.version}`} />
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
