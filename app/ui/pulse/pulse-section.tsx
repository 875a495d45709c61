import { useSearchParams } from "@remix-run/react";
import type { ContactPulse } from "~/domain/pulse/pulse.server";
import { formatDay } from "~/ui/format";
import { ConcernForm, PulseAnswerForm } from "./pulse-forms";

const NOTICES: Record<string, string> = {
  answered: "Thank you: your answer is saved. You can change it at any time.",
  concern: "Thank you: your project manager has been told and will come back to you.",
};

/**
 * The client page's feedback section, for a contact: the pulse (plain forms posted
 * to /c/<slug>/pulse, so it works without JavaScript), "Raise a concern", and
 * "You told us, we did" with the shared resolutions (never the staff's notes).
 */
export function PulseSection({ slug, pulse }: { slug: string; pulse: ContactPulse }) {
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("feedback") ?? ""];
  return (
    <section className="panel" id="feedback" aria-labelledby="feedback-title">
      <h2 id="feedback-title">How is it going?</h2>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {pulse.pulse ? (
        <PulseAnswerForm slug={slug} pulseId={pulse.pulse.id} myScore={pulse.pulse.myScore} myComment={pulse.pulse.myComment} />
      ) : (
        <p className="empty-state">We will ask how it is going from time to time. You can tell us anything below at any time.</p>
      )}

      <ConcernForm slug={slug} />

      <h3>You told us, we did</h3>
      {pulse.heard.length === 0 ? (
        <p className="empty-state">When something you raise is resolved, you will see here what was done.</p>
      ) : (
        <ul className="heard-list">
          {pulse.heard.map((h) => (
            <li key={h.id}>
              <p>
                <strong>You told us:</strong> {h.said}
              </p>
              <p>
                <strong>We did:</strong> {h.resolution}
              </p>
              <p className="muted">Resolved {formatDay(h.resolvedAt.slice(0, 10))}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
