import type { PortalMilestone, PortalPhase } from "~/domain/portal/get-client-portal.server";
import { daysBetween, STATUS_LABEL, type ItemStatus } from "~/domain/portal/status";
import { describeShift, plural } from "~/lib/words";
import { formatDay, formatDayLong } from "~/ui/format";
import { StatusBadge } from "./status-badge";

function InternalTag({ show }: { show: boolean }) {
  return show ? <span className="tag-internal">Internal: clients never see this</span> : null;
}

const LEGEND: ItemStatus[] = ["done", "on_track", "at_risk", "late"];

/** What the chart's colours and marks mean, in words. */
function Legend({ showToday }: { showToday: boolean }) {
  return (
    <ul className="gantt-legend" aria-label="What the chart shows">
      {LEGEND.map((s) => (
        <li key={s}>
          <span className={`legend-swatch status-bg-${s}`} aria-hidden="true" />
          {STATUS_LABEL[s]}
        </li>
      ))}
      <li>
        <span className="legend-swatch legend-fill" aria-hidden="true" />
        Darker part: milestones done
      </li>
      {showToday ? (
        <li>
          <span className="legend-today" aria-hidden="true" />
          Today
        </li>
      ) : null}
    </ul>
  );
}

/** "Moved 4 days later (first planned 31 Oct)", or with several moves, how many. */
export function describeMove(moved: NonNullable<PortalMilestone["moved"]>): string {
  const first = formatDay(moved.firstPlanned);
  const times = moved.times > 1 ? `Moved ${plural(moved.times, "time")}: ` : "Moved ";
  if (moved.days === 0) return `${times}back to its first planned date (${first})`;
  return `${times}${describeShift(moved.days)} (first planned ${first})`;
}

function MilestoneCard({ m }: { m: PortalMilestone }) {
  const slip = m.actualDate ? daysBetween(m.plannedDate, m.actualDate) : 0;
  return (
    <li className={`milestone milestone-${m.status}${m.moved ? " milestone-moved" : ""}`}>
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
                {slip > 0
                  ? ` (${plural(slip, "day")} after plan)`
                  : slip < 0
                    ? ` (${plural(-slip, "day")} early)`
                    : m.moved && m.moved.days !== 0
                      ? " (on the new date)"
                      : " (on plan)"}
              </>
            ) : (
              "Not yet"
            )}
          </dd>
        </div>
      </dl>
      {m.moved ? <p className="moved-note">{describeMove(m.moved)}. The reason is under Date changes.</p> : null}
      {m.description ? <p>{m.description}</p> : null}
      {m.riskNote && m.status !== "done" ? <p className="risk-note">Risk: {m.riskNote}</p> : null}
    </li>
  );
}

/** Where today falls in a phase's milestones: before the first one still ahead. */
function todayIndex(milestones: PortalMilestone[], today: string): number {
  const i = milestones.findIndex((m) => (m.actualDate ?? m.plannedDate) > today);
  return i < 0 ? milestones.length : i;
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
      <p className="muted">
        Today is <time dateTime={today}>{formatDayLong(today)}</time>.{" "}
        {todayPct === null ? (today < start ? `The plan starts ${formatDay(start)}.` : `The plan ended ${formatDay(end)}.`) : null}
      </p>
      <Legend showToday={todayPct !== null} />
      <div className="gantt" aria-hidden="true">
        {todayPct !== null ? (
          <div className="gantt-row gantt-today-row">
            <span />
            <span className="gantt-axis">
              <span
                className="gantt-today-label"
                // Centred on the line, but kept inside the chart near either end.
                style={{ left: `${todayPct}%`, transform: `translateX(${todayPct < 15 ? 0 : todayPct > 85 ? -100 : -50}%)` }}
              >
                Today, {formatDay(today)}
              </span>
            </span>
          </div>
        ) : null}
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
        <div className="gantt-row">
          <span />
          <span className="gantt-scale">
            <span>{formatDay(start)}</span>
            <span>{formatDay(end)}</span>
          </span>
        </div>
      </div>

      <ol className="phase-list">
        {phases.map((p) => {
          const at = today >= p.plannedStart && today <= p.plannedEnd ? todayIndex(p.milestones, today) : -1;
          return (
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
                  {p.milestones.map((m, i) => (
                    <MilestoneWithToday key={m.id} m={m} showToday={i === at} today={today} />
                  ))}
                  {at === p.milestones.length ? <TodayMarker today={today} /> : null}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function TodayMarker({ today }: { today: string }) {
  return (
    <li className="today-marker">
      <span>
        Today, <time dateTime={today}>{formatDay(today)}</time>
      </span>
    </li>
  );
}

function MilestoneWithToday({ m, showToday, today }: { m: PortalMilestone; showToday: boolean; today: string }) {
  return (
    <>
      {showToday ? <TodayMarker today={today} /> : null}
      <MilestoneCard m={m} />
    </>
  );
}
