import type { ClientPortal } from "~/domain/portal/get-client-portal.server";
import { STATUS_LABEL } from "~/domain/portal/status";
import type { ContactPulse } from "~/domain/pulse/pulse.server";
import { brandStyle } from "~/lib/brand";
import { needsSignature } from "~/lib/words";
import { PromisesSection } from "~/ui/handoff/promises-section";
import { formatDay } from "~/ui/format";
import { CalendarSection } from "./calendar-section";
import { EmailPreferencesSection } from "~/ui/notifications/email-preferences-section";
import { RequirementsSection } from "./requirements-section";
import { SlipLog } from "./slip-log";
import type { TaskActor } from "~/domain/portal/task-rules";
import { TasksSection } from "./tasks-section";
import { TeamSection } from "./team-section";
import { TimelineSection } from "./timeline-section";
import { UpdatesSection } from "~/ui/updates/updates-section";
import { PulseSection } from "../pulse/pulse-section";
import { ServiceContact } from "./service-contact";

type Props = {
  portal: ClientPortal;
  viewerName: string;
  greetAsClient: boolean;
  readOnly: boolean;
  /** Who is looking, as the task rule sees them (what they may tick). */
  taskActor: TaskActor;
  feedUrl: string | null;
  pulse?: ContactPulse | null;
};

/** The client's page: where are we, who is on my side, what do you need from me, how is it going. */
export function PortalPage({ portal, viewerName, greetAsClient, readOnly, taskActor, feedUrl, pulse }: Props) {
  const { client, currentPhase } = portal;
  const pm = portal.team.find((m) => m.role === "project_manager");
  return (
    <article className="client-page" style={brandStyle(client.primaryColor, client.accentColor)}>
      <header className="brand-banner">
        {client.logoVersion ? (
          <img
            src={`/c/${client.slug}/logo?v=${encodeURIComponent(client.logoVersion)}`}
            alt={`${client.name} logo`}
            className="brand-logo"
          />
        ) : null}
        <div>
          <p className="brand-eyebrow">Your onboarding with us</p>
          <h1>{client.name}</h1>
        </div>
      </header>

      <section className="panel summary" aria-labelledby="welcome-title">
        <h2 id="welcome-title">{greetAsClient ? `Welcome, ${viewerName}` : "Welcome message"}</h2>
        <p className="welcome-text">{client.welcomeText ?? "Your project manager will post a welcome here soon."}</p>
        {pm && (!client.welcomeText || needsSignature(client.welcomeText, pm.fullName)) ? (
          <p className="muted">— {pm.fullName}, your project manager</p>
        ) : null}
        <dl className="key-facts">
          <div>
            <dt>Current phase</dt>
            <dd>{currentPhase ? `${currentPhase.name} (${STATUS_LABEL[currentPhase.status]})` : portal.phases.length ? "All phases done" : "Planning"}</dd>
          </div>
          <div>
            <dt>Go-live</dt>
            <dd>{client.goLiveDate ? formatDay(client.goLiveDate) : "To be agreed"}</dd>
          </div>
          <div>
            <dt>Service team takes over</dt>
            <dd>{client.serviceTakeoverDate ? formatDay(client.serviceTakeoverDate) : "To be agreed"}</dd>
          </div>
          <div>
            <dt>Progress</dt>
            <dd>
              <meter min={0} max={100} value={portal.progress} aria-label="Milestones done">
                {portal.progress}%
              </meter>{" "}
              {portal.progress}% of milestones done
            </dd>
          </div>
        </dl>
      </section>

      <ServiceContact transition={portal.transition} />
      <UpdatesSection updates={portal.updates} slug={client.slug} />
      <TasksSection tasks={portal.tasks} readOnly={readOnly} actor={taskActor} />
      {pulse ? <PulseSection slug={client.slug} pulse={pulse} /> : null}
      <RequirementsSection slug={client.slug} requirements={portal.requirements} />
      <PromisesSection slug={client.slug} commitments={portal.commitments} facts={portal.facts} readOnly={readOnly} />
      <TimelineSection phases={portal.phases} today={portal.today} />
      <TeamSection team={portal.team} goLiveDate={client.goLiveDate} />

      <section className="panel" aria-labelledby="success-title">
        <h2 id="success-title">What success looks like</h2>
        {portal.successCriteria.length === 0 ? (
          <p className="empty-state">Success criteria will be agreed with you and written here.</p>
        ) : (
          <ul className="criteria-list">
            {portal.successCriteria.map((c) => (
              <li key={c.id}>
                <p className="criterion">{c.statement}</p>
                {c.measure ? <p className="muted">Measured by: {c.measure}</p> : null}
                {c.isInternal ? <span className="tag-internal">Internal: clients never see this</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <SlipLog slips={portal.slips} />
      <CalendarSection feedUrl={feedUrl} hasFeed={portal.hasCalendarFeed} readOnly={readOnly} />
      {greetAsClient && !readOnly ? <EmailPreferencesSection slug={client.slug} /> : null}
    </article>
  );
}
