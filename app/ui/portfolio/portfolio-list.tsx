import type { PortfolioCard } from "~/domain/portfolio/portfolio-row";
import { formatDateTime, formatDay } from "~/lib/dates";
import { AppLinks } from "~/ui/app-links";
import { HealthBadge } from "./health-badge";

function days(n: number) {
  return `${n} ${n === 1 ? "day" : "days"}`;
}

function goLive(r: PortfolioCard): string {
  if (!r.goLiveDate || r.daysToGoLive === null) return "no date yet";
  const when = formatDay(r.goLiveDate);
  if (r.daysToGoLive === 0) return `${when} (today)`;
  return r.daysToGoLive > 0 ? `${when} (in ${days(r.daysToGoLive)})` : `${when} (${days(-r.daysToGoLive)} ago)`;
}

/**
 * The portfolio: one card per client, health and its reasons first, then each
 * fact in words (links: see AppLinks). Each fact is written as one string: text
 * built from pieces would be as many text nodes, each separated in the server's
 * HTML by a comment, on fifty cards per page.
 */
export function PortfolioList({ rows }: { rows: PortfolioCard[] }) {
  return (
    <AppLinks className="card-list" aria-label="Onboardings">
      {rows.map((r) => (
        <li key={r.clientId} className={`card card-health-${r.band}`} data-client={r.slug}>
          <h2>
            <a href={`/c/${r.slug}`}>{r.name}</a>
          </h2>
          <p className="health-why">
            <HealthBadge band={r.band} score={r.score} /> <span className="health-summary">{r.summary}</span>
          </p>
          <p className="muted">{`Project manager: ${r.pmName ?? "not assigned yet"}`}</p>
          <dl className="meta-list portfolio-facts">
            <dt>Current phase</dt>
            <dd>{r.currentPhase ?? "no open milestone"}</dd>
            <dt>Next milestone</dt>
            <dd>{r.nextMilestone && r.nextMilestoneDate ? `${r.nextMilestone}, ${formatDay(r.nextMilestoneDate)}` : "none"}</dd>
            <dt>Go-live</dt>
            <dd>{goLive(r)}</dd>
            <dt>Late milestones</dt>
            <dd>{r.lateMilestones}</dd>
            <dt>Sign-offs waiting</dt>
            <dd>
              {`${r.signoffsWaiting}${r.signoffsWaiting > 0 && r.oldestSignoffWaitDays !== null ? `, longest for ${days(r.oldestSignoffWaitDays)}` : ""}`}
            </dd>
            <dt>Open dissatisfiers</dt>
            <dd>
              {`${r.openDissatisfiers}${r.openDissatisfiers > 0 && r.oldestDissatisfierDays !== null ? `, oldest ${days(r.oldestDissatisfierDays)}` : ""}`}
            </dd>
            <dt>Last pulse</dt>
            <dd>
              {r.pulseLatest === null
                ? "no answers yet"
                : `${r.pulseLatest.toFixed(1)} of 5${r.pulsePrevious !== null ? ` (before: ${r.pulsePrevious.toFixed(1)})` : ""}`}
            </dd>
            <dt>Last update</dt>
            <dd>{r.lastUpdateAt ? formatDateTime(r.lastUpdateAt) : "none yet"}</dd>
          </dl>
          <p className="card-links">
            <a href={`/staff/clients/${r.slug}/team`}>Team</a>
            <a href={`/staff/clients/${r.slug}/plan`}>Plan</a>
            <a href={`/staff/clients/${r.slug}/requirements`}>Requirements</a>
            <a href={`/staff/clients/${r.slug}/feedback`}>Feedback</a>
            <a href={`/staff/clients/${r.slug}/settings`}>Settings</a>
            <a href={`/staff/clients/${r.slug}/audit.csv`} download>
              Audit trail (CSV)
            </a>
          </p>
        </li>
      ))}
    </AppLinks>
  );
}
