import { Link } from "@remix-run/react";
import type { ClientPortal } from "~/domain/portal/get-client-portal.server";
import { formatDay } from "~/ui/format";
import { ApproverStates } from "~/ui/requirements/approver-states";
import { RequirementStatusBadge } from "~/ui/requirements/requirement-status";
import { NewMark } from "~/ui/updates/new-since";

/** Requirement documents and where each stands with its sign-off. */
export function RequirementsSection({ slug, requirements }: { slug: string; requirements: ClientPortal["requirements"] }) {
  const waiting = requirements.filter((r) => r.status === "awaiting_signoff").length;
  return (
    <section className="panel" aria-labelledby="signoff-docs-title">
      <h2 id="signoff-docs-title">Documents to sign off</h2>
      {requirements.length === 0 ? (
        <p className="empty-state">No requirement documents yet. Your project manager will publish them here for sign-off.</p>
      ) : (
        <>
          <p className="muted">{waiting ? `${waiting} waiting for sign-off.` : "Nothing is waiting for sign-off."}</p>
          <ul className="task-list">
            {requirements.map((r) => (
              <li key={r.id} className="task">
                <div>
                  <p className="task-title">
                    {r.currentVersion ? <Link to={`/c/${slug}/requirements/${r.id}`}>{r.title}</Link> : r.title}
                    <NewMark kind="requirements" id={r.id} />
                  </p>
                  <p className="muted">
                    {r.currentVersion ? `Version ${r.currentVersion}` : "Not published yet"}
                    {r.area ? ` · ${r.area}` : ""}
                    {r.dueDate ? ` · Due ${formatDay(r.dueDate)}` : ""}
                  </p>
                  <ApproverStates approvers={r.approvers} label={`Sign-off of ${r.title}, version ${r.currentVersion}`} />
                </div>
                <RequirementStatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
