import { Link } from "@remix-run/react";
import type { MyWork, WorkItem, WorkKind } from "~/domain/portfolio/list-my-work.server";
import { formatDay } from "~/lib/dates";

const SECTIONS: { kind: WorkKind; title: string; empty: string }[] = [
  { kind: "milestone", title: "Milestones due this week", empty: "No milestone is due in the next 7 days or late." },
  { kind: "dissatisfier", title: "Dissatisfiers to resolve", empty: "No open dissatisfier is waiting on you." },
  { kind: "no_update", title: "Clients with no update for 7 days", empty: "Every client heard from you this week." },
  { kind: "signoff", title: "Sign-offs to chase", empty: "No sign-off is waiting on a client." },
  { kind: "unlinked_commitment", title: "Commitments with no link", empty: "Every open commitment is linked to a milestone or a requirement." },
];

function itemLink(item: WorkItem): string {
  switch (item.kind) {
    case "dissatisfier":
      return `/staff/clients/${item.clientSlug}/feedback`;
    case "signoff":
      return `/staff/clients/${item.clientSlug}/requirements/${item.itemId}`;
    case "no_update":
      return `/staff/clients/${item.clientSlug}/updates`;
    case "unlinked_commitment":
      return `/staff/clients/${item.clientSlug}/handoff`;
    default:
      return `/staff/clients/${item.clientSlug}/plan`;
  }
}

/** What is due from a project manager, one section per kind, each item linked to where it is done. */
export function MyWorkSections({ work }: { work: MyWork }) {
  return (
    <>
      {SECTIONS.map(({ kind, title, empty }) => (
        <section key={kind} className="panel" aria-labelledby={`work-${kind}`}>
          <h2 id={`work-${kind}`}>
            {title} ({work[kind].length})
          </h2>
          {work[kind].length === 0 ? (
            <p className="muted">{empty}</p>
          ) : (
            <ul className="work-list" aria-label={title}>
              {work[kind].map((item) => (
                <li key={`${item.kind}:${item.itemId}`} className="work-item">
                  <Link to={itemLink(item)}>{item.title}</Link> <span className="muted">· {item.clientName}</span>
                  <p className="health-why">
                    {item.detail}
                    {item.dueDate ? ` · due ${formatDay(item.dueDate)}` : ""}
                    {item.since && item.kind !== "no_update" ? ` · since ${formatDay(item.since.slice(0, 10))}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
