import type { ClientPortal } from "~/domain/portal/get-client-portal.server";
import type { ContactPulse } from "~/domain/pulse/pulse.server";
import type { TaskActor } from "~/domain/portal/task-rules";
import type { BrandStyle } from "~/lib/brand.server";
import { PromisesSection } from "~/ui/handoff/promises-section";
import { PulseSection } from "~/ui/pulse/pulse-section";
import { UpdatesSection } from "~/ui/updates/updates-section";
import { CalendarSection } from "./calendar-section";
import { ClientBanner } from "./client-banner";
import { OverviewSummary } from "./overview-summary";
import { RequirementsSection } from "./requirements-section";
import { InSection, NoPromisesYet, NoPulseHere, SectionNav, SectionProvider } from "./sections";
import { SlipLog } from "./slip-log";
import { SuccessSection } from "./success-section";
import { TasksSection } from "./tasks-section";
import { TeamSection } from "./team-section";
import { TimelineSection } from "./timeline-section";
import { EmailPreferencesSection } from "~/ui/notifications/email-preferences-section";
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
  /** The client's colours as CSS custom properties (computed in the loader). */
  brand: BrandStyle;
};

/**
 * The client's page: where are we, who is on my side, what do you need from me, how is it going.
 * One page in sections (app/ui/portal/sections.tsx): each block says in which sections it shows;
 * the overview holds what asks something of the reader. A new block is one line wrapped in <InSection>.
 */
export function PortalPage({ portal, viewerName, greetAsClient, readOnly, taskActor, feedUrl, pulse, brand }: Props) {
  const { client } = portal;
  const waiting = portal.requirements.filter((r) => r.status === "awaiting_signoff").length;
  return (
    <article className="client-page" style={brand}>
      <ClientBanner client={client} eyebrow="Your onboarding with us" title={client.name} />
      <SectionNav counts={{ signoffs: waiting }} />
      <SectionProvider>
        <InSection in={["overview"]}>
          <OverviewSummary portal={portal} viewerName={viewerName} greetAsClient={greetAsClient} />
        </InSection>
        <InSection in={["overview", "team"]}>
          <ServiceContact transition={portal.transition} />
        </InSection>
        <InSection in={["overview", "updates"]}>
          <UpdatesSection updates={portal.updates} slug={client.slug} />
        </InSection>
        <InSection in={["overview"]}>
          <TasksSection tasks={portal.tasks} readOnly={readOnly} actor={taskActor} />
        </InSection>
        <InSection in={["overview", "feedback"]}>{pulse ? <PulseSection slug={client.slug} pulse={pulse} /> : null}</InSection>
        <InSection in={["feedback"]}>{pulse ? null : <NoPulseHere slug={client.slug} staff={!greetAsClient} />}</InSection>
        <InSection in={["overview", "signoffs"]}>
          <RequirementsSection slug={client.slug} requirements={portal.requirements} />
        </InSection>
        <InSection in={["overview", "promises"]}>
          <PromisesSection slug={client.slug} commitments={portal.commitments} facts={portal.facts} readOnly={readOnly} />
        </InSection>
        <InSection in={["promises"]}>{portal.commitments.length || portal.facts.length ? null : <NoPromisesYet />}</InSection>
        <InSection in={["timeline"]}>
          <TimelineSection phases={portal.phases} today={portal.today} />
          <SlipLog slips={portal.slips} />
          <CalendarSection feedUrl={feedUrl} hasFeed={portal.hasCalendarFeed} readOnly={readOnly} />
        </InSection>
        <InSection in={["overview"]}>
          <SuccessSection criteria={portal.successCriteria} />
        </InSection>
        <InSection in={["team"]}>
          <TeamSection team={portal.team} goLiveDate={client.goLiveDate} />
        </InSection>
        <InSection in={["overview"]}>{greetAsClient && !readOnly ? <EmailPreferencesSection slug={client.slug} /> : null}</InSection>
      </SectionProvider>
    </article>
  );
}
