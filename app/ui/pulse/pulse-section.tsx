import { useSearchParams } from "@remix-run/react";
import type { ContactPulse } from "~/domain/pulse/pulse.server";
import { formatDay } from "~/ui/format";

const SCORES = [
  [1, "1: badly"],
  [2, "2"],
  [3, "3: all right"],
  [4, "4"],
  [5, "5: very well"],
] as const;

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
  const action = `/c/${slug}/pulse`;
  return (
    <section className="panel" id="feedback" aria-labelledby="feedback-title">
      <h2 id="feedback-title">How is it going?</h2>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {pulse.pulse ? (
        <form method="post" action={action} className="stack-form">
          <input type="hidden" name="intent" value="answer-pulse" />
          <input type="hidden" name="pulseId" value={pulse.pulse.id} />
          <fieldset>
            <legend>How is the onboarding going for you? (1 is badly, 5 is very well)</legend>
            {SCORES.map(([score, label]) => (
              <label key={score} className="radio-option">
                <input type="radio" name="score" value={score} required defaultChecked={pulse.pulse?.myScore === score} /> {label}
              </label>
            ))}
          </fieldset>
          <label htmlFor="pulse-comment">Anything worrying you? (optional)</label>
          <textarea id="pulse-comment" name="comment" maxLength={2000} rows={3} defaultValue={pulse.pulse.myComment ?? ""} />
          <button type="submit" className="button">
            {pulse.pulse.myScore ? "Change my answer" : "Send my answer"}
          </button>
          {pulse.pulse.myScore ? <p className="muted">You answered {pulse.pulse.myScore} of 5.</p> : null}
        </form>
      ) : (
        <p className="empty-state">We will ask how it is going from time to time. You can tell us anything below at any time.</p>
      )}

      <form method="post" action={action} className="stack-form">
        <input type="hidden" name="intent" value="raise-concern" />
        <label htmlFor="concern-body">Raise a concern: tell us what is wrong, without waiting to be asked</label>
        <textarea id="concern-body" name="body" required maxLength={4000} rows={3} />
        <button type="submit" className="button button-quiet">
          Raise a concern
        </button>
      </form>

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
