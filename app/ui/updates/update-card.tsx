import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ClientUpdate } from "~/domain/updates/client-update";
import { formatDateTime, formatDay } from "~/ui/format";
import { SafeMarkdown } from "~/ui/requirements/markdown";

/** One update: title, author, time, the "edited" mark, its Markdown (rendered safely) and what it links to. */
export function UpdateCard({
  update,
  slug,
  headingLevel = 3,
  isNew = false,
  children,
}: {
  update: ClientUpdate;
  slug: string;
  headingLevel?: 2 | 3;
  isNew?: boolean;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card update-card" id={`update-${update.id}`} aria-labelledby={`update-${update.id}-title`}>
      <Heading id={`update-${update.id}-title`} className="update-title">
        {update.title}
        {isNew ? <span className="tag-new">New since your last visit</span> : null}
        {update.staffOnly ? <span className="tag-internal">Staff only: the client never sees this</span> : null}
      </Heading>
      <p className="muted">
        {update.authorName ?? "A former team member"} · <time dateTime={update.postedAt}>{formatDateTime(update.postedAt)}</time>
        {update.editedAt ? (
          <>
            {" · "}
            <span className="tag-edited" title={`Edited ${formatDateTime(update.editedAt)}`}>
              edited
            </span>
          </>
        ) : null}
      </p>
      <SafeMarkdown html={update.bodyHtml} />
      {update.milestone || update.document ? (
        <p className="card-links">
          {update.milestone ? <span>Milestone: {update.milestone.title}</span> : null}
          {update.document ? <Link to={`/c/${slug}/requirements/${update.document.id}`}>Document: {update.document.title}</Link> : null}
        </p>
      ) : null}
      {update.decision ? (
        <p className="decision-ask">
          <strong>Decision needed</strong>
          {update.decision.fromName ? ` from ${update.decision.fromName}` : ""}
          {update.decision.due ? (
            <>
              {" by "}
              <time dateTime={update.decision.due}>{formatDay(update.decision.due)}</time>
            </>
          ) : null}
        </p>
      ) : null}
      {children}
    </article>
  );
}
