// After the transition to ongoing service: who the client's day-to-day contact
// is now, and that nothing open was dropped (app/domain/handoff/portal-promises.ts).
import type { PortalTransition } from "~/domain/handoff/portal-promises";
import { EmailText, formatDay } from "~/ui/format";

export function ServiceContact({ transition }: { transition: PortalTransition | null }) {
  if (!transition) return null;
  const { contact, movedCommitments } = transition;
  return (
    <section className="panel" aria-labelledby="service-contact-title" id="day-to-day-contact">
      <h2 id="service-contact-title">Your day-to-day contact</h2>
      <p>
        Since {formatDay(transition.since.slice(0, 10))}, your onboarding has moved to ongoing service: <strong>{contact.fullName}</strong>, your
        relationship manager{contact.title ? ` (${contact.title})` : ""}, is your day-to-day contact.
      </p>
      <p className="person-contact">
        <a href={`mailto:${contact.email}`}>
          <EmailText email={contact.email} />
        </a>
        {contact.phone ? (
          <>
            {" · "}
            <a href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`}>{contact.phone}</a>
          </>
        ) : null}
      </p>
      <p>
        Nothing open was dropped:{" "}
        {movedCommitments
          ? `the ${movedCommitments === 1 ? "promise" : `${movedCommitments} promises`} still open and every open item moved to ${contact.fullName}.`
          : `every open item moved to ${contact.fullName}.`}
      </p>
    </section>
  );
}
