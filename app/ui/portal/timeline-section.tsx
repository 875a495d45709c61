import type { PortalPhase } from "~/domain/portal/get-client-portal.server";
import { daysBetween } from "~/domain/portal/status";
import { formatDay, formatDayLong } from "~/ui/format";
import { StatusBadge } from "./status-badge";

function InternalTag({ show }: { show: boolean }) {
  return show ? <span className="tag-internal">Internal: clients never see this</span> : null;
}

/**
 * The conversion timeline: a bar per phase across the whole plan (a visual aid,
 * hidden from screen readers) over a list that says everything in words.
 */
export function TimelineSection({ phases, today }: { phases: PortalPhase[]; today: string }) {
  if (phases.length === 0) {
    return (
      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Where we are</h2>
        <p className="empty-state">Your project manager is preparing the plan. It will appear here.</p>
      </section>
    );
  }
  const start = phases.reduce((min, p) => (p.plannedStart < min ? p.plannedStart : min), phases[0]!.plannedStart);
  const end = phases.reduce((max, p) => (p.plannedEnd > max ? p.plannedEnd : max), phases[0]!.plannedEnd);
  const span = Math.max(daysBetween(start, end) + 1, 1);
  const pct = (day: string) => Math.min(100, Math.max(0, (100 * daysBetween(start, day)) / span));
  const todayPct = today >= start && today <= end ? pct(today) : null;

  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Where we are</h2>
      <div className="gantt" aria-hidden="true">
        {phases.map((p) => (
          <div key={p.id} className="gantt-row">
            <span className="gantt-label">{p.name}</span>
            <span className="gantt-track">
              <span
                className={`gantt-bar status-bg-${p.status}`}
                style={{ left: `${pct(p.plannedStart)}%`, width: `${Math.max(pct(p.plannedEnd) - pct(p.plannedStart), 1.5)}%` }}
              >
                <span className="gantt-fill" style={{ width: `${p.progress}%` }} />
              </span>
              {todayPct !== null ? <span className="gantt-today" style={{ left: `${todayPct}%` }} /> : null}
            </span>
          </div>
        ))}
        <div className="gantt-scale">
          <span>{formatDay(start)}</span>
          {todayPct !== null ? <span>Today</span> : null}
          <span>{formatDay(end)}</span>
        </div>
      </div>

      <ol className="phase-list">
        {phases.map((p) => (
          <li key={p.id} className="phase">
            <div className="phase-head">
              <h3>{p.name}</h3>
              <StatusBadge status={p.status} />
              <InternalTag show={p.isInternal} />
            </div>
            <p className="muted">
              Planned {formatDay(p.plannedStart)} to {formatDay(p.plannedEnd)} · {p.progress}% of milestones done
            </p>
            {p.milestones.length ? (
              <ul className="milestone-list">
                {p.milestones.map((m) => {
                  const slip = m.actualDate ? daysBetween(m.plannedDate, m.actualDate) : 0;
                  return (
                    <li key={m.id} className={`milestone milestone-${m.status}`}>
                      <div className="milestone-head">
                        <span className="milestone-title">{m.title}</span>
                        <StatusBadge status={m.status} />
                        <InternalTag show={m.isInternal} />
                      </div>
                      <dl className="dates">
                        <div>
                          <dt>Planned</dt>
                          <dd>
                            <time dateTime={m.plannedDate} title={formatDayLong(m.plannedDate)}>
                              {formatDay(m.plannedDate)}
                            </time>
                          </dd>
                        </div>
                        <div>
                          <dt>Actual</dt>
                          <dd>
                            {m.actualDate ? (
                              <>
                                <time dateTime={m.actualDate}>{formatDay(m.actualDate)}</time>
                                {slip > 0 ? ` (${slip} days after plan)` : slip < 0 ? ` (${-slip} days early)` : " (on plan)"}
                              </>
                            ) : (
                              "Not yet"
                            )}
                          </dd>
                        </div>
                      </dl>
                      {m.description ? <p>{m.description}</p> : null}
                      {m.riskNote && m.status !== "done" ? <p className="risk-note">Risk: {m.riskNote}</p> : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
