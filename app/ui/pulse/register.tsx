import type { Register, RegisterEntry } from "~/domain/pulse/register.server";
import { SEVERITIES, STATUS_LABEL, STATUSES } from "~/domain/pulse/schema";
import { formatDay } from "~/ui/format";

const SOURCE_LABEL: Record<RegisterEntry["source"], string> = {
  low_score: "Low pulse score",
  score_drop: "Pulse score fell",
  concern: "Concern raised",
  call: "From a call",
  meeting: "From a meeting",
};

/** The staff's dissatisfier register for one client: open ones first, overdue flagged. */
export function DissatisfierRegister({ register, isPm, errors }: { register: Register; isPm: boolean; errors: string[] }) {
  return (
    <>
      {errors.length ? (
        <ul className="form-errors" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {isPm ? (
        <section className="panel" aria-labelledby="ask-title">
          <h2 id="ask-title">Ask and record</h2>
          <form method="post" className="inline-form">
            <input type="hidden" name="intent" value="request-pulse" />
            <button type="submit" className="button">
              Ask for a pulse now
            </button>
          </form>
          <form method="post" className="stack-form">
            <input type="hidden" name="intent" value="open-dissatisfier" />
            <h3>Open a dissatisfier from a call or a meeting</h3>
            <label htmlFor="new-summary">Summary</label>
            <input id="new-summary" name="summary" required maxLength={500} />
            <label htmlFor="new-source">Heard in</label>
            <select id="new-source" name="source" defaultValue="call">
              <option value="call">A call</option>
              <option value="meeting">A meeting</option>
            </select>
            <label htmlFor="new-severity">Severity</label>
            <select id="new-severity" name="severity" defaultValue="medium">
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <label htmlFor="new-due">Due</label>
            <input id="new-due" name="dueDate" type="date" />
            <button type="submit" className="button">
              Open dissatisfier
            </button>
          </form>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="register-title">
        <h2 id="register-title">Dissatisfier register</h2>
        {register.entries.length === 0 ? (
          <p className="empty-state">No dissatisfiers: nothing has been raised yet.</p>
        ) : (
          <ul className="register-list">
            {register.entries.map((d) => (
              <li key={d.id} className={d.overdue ? "overdue" : undefined}>
                <h3>
                  {d.summary}{" "}
                  {d.overdue ? <strong className="tag-overdue">Overdue</strong> : null}{" "}
                  <span className="muted">({STATUS_LABEL[d.status]})</span>
                </h3>
                <p className="muted">
                  {SOURCE_LABEL[d.source]}
                  {d.raisedBy ? `, from ${d.raisedBy}` : ""}, opened {formatDay(d.createdAt.slice(0, 10))}
                  {d.dueDate ? `, due ${formatDay(d.dueDate)}` : ""}
                  {d.ownerName ? `, owner ${d.ownerName}` : ""}
                </p>
                {d.said ? <p>They said: {d.said}</p> : null}
                <form method="post" className="stack-form">
                  <input type="hidden" name="intent" value="update-dissatisfier" />
                  <input type="hidden" name="id" value={d.id} />
                  <label htmlFor={`status-${d.id}`}>Status</label>
                  <select id={`status-${d.id}`} name="status" defaultValue={d.status}>
                    {STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {STATUS_LABEL[s]}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`severity-${d.id}`}>Severity</label>
                  <select id={`severity-${d.id}`} name="severity" defaultValue={d.severity}>
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`owner-${d.id}`}>Owner</label>
                  <select id={`owner-${d.id}`} name="ownerId" defaultValue={d.ownerId ?? ""}>
                    <option value="">Nobody yet</option>
                    {register.team.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.fullName}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`due-${d.id}`}>Due</label>
                  <input id={`due-${d.id}`} name="dueDate" type="date" defaultValue={d.dueDate ?? ""} />
                  <label htmlFor={`notes-${d.id}`}>Triage notes (staff only: the client never sees these)</label>
                  <textarea id={`notes-${d.id}`} name="triageNotes" rows={2} defaultValue={d.triageNotes} />
                  <label htmlFor={`resolution-${d.id}`}>Resolution (shared with the client)</label>
                  <textarea id={`resolution-${d.id}`} name="resolution" rows={2} defaultValue={d.resolution ?? ""} />
                  <button type="submit" className="button">
                    Save
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="pulses-title">
        <h2 id="pulses-title">Pulse answers</h2>
        {register.pulses.length === 0 ? (
          <p className="empty-state">No pulse asked yet.</p>
        ) : (
          <ul>
            {register.pulses.map((p) => (
              <li key={p.id}>
                Asked {formatDay(p.askedAt.slice(0, 10))}:{" "}
                {p.answers.length === 0
                  ? "no answers yet"
                  : p.answers.map((a) => `${a.contact} ${a.score}/5${a.comment ? ` (“${a.comment}”)` : ""}`).join("; ")}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
