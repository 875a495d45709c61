import type { ClientPortal } from "~/domain/portal/get-client-portal.server";
import { STATUS_LABEL } from "~/domain/portal/status";
import { needsSignature } from "~/lib/words";
import { formatDay, plural } from "~/ui/format";

/** The welcome and the key facts: where we are, the dates that matter, and how far along the plan is. */
export function OverviewSummary({ portal, viewerName, greetAsClient }: { portal: ClientPortal; viewerName: string; greetAsClient: boolean }) {
  const { client, currentPhase } = portal;
  const pm = portal.team.find((m) => m.role === "project_manager");
  const milestones = portal.phases.flatMap((p) => p.milestones);
  const done = milestones.filter((m) => m.status === "done").length;
  const next = milestones
    .filter((m) => m.status !== "done")
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate))[0];
  return (
    <section className="panel summary" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{greetAsClient ? `Welcome, ${viewerName}` : "Welcome message"}</h2>
      <p className="welcome-text">{client.welcomeText ?? "Your project manager will post a welcome here soon."}</p>
      {pm && (!client.welcomeText || needsSignature(client.welcomeText, pm.fullName)) ? (
        <p className="muted">— {pm.fullName}, your project manager</p>
      ) : null}
      <div className="progress-block">
        <p className="progress-label" id="progress-label">
          <span>Progress</span>
          <span>
            {portal.progress}% of milestones done
            {milestones.length ? <span className="muted"> · {done} of {plural(milestones.length, "milestone")}</span> : null}
          </span>
        </p>
        <div
          className="progress-track"
          role="progressbar"
          aria-labelledby="progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={portal.progress}
        >
          <span className="progress-fill" style={{ width: `${portal.progress}%` }} />
        </div>
      </div>
      <dl className="key-facts">
        <div>
          <dt>Current phase</dt>
          <dd>{currentPhase ? `${currentPhase.name} (${STATUS_LABEL[currentPhase.status]})` : portal.phases.length ? "All phases done" : "Planning"}</dd>
        </div>
        <div>
          <dt>Next milestone</dt>
          <dd>{next ? `${next.title}, ${formatDay(next.plannedDate)}` : milestones.length ? "All done" : "To be planned"}</dd>
        </div>
        <div>
          <dt>Go-live</dt>
          <dd>{client.goLiveDate ? formatDay(client.goLiveDate) : "To be agreed"}</dd>
        </div>
        <div>
          <dt>Service team takes over</dt>
          <dd>{client.serviceTakeoverDate ? formatDay(client.serviceTakeoverDate) : "To be agreed"}</dd>
        </div>
      </dl>
    </section>
  );
}
