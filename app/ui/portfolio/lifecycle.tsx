import { Link } from "@remix-run/react";
import type { Lifecycle } from "~/domain/portfolio/get-lifecycle.server";
import { FLAG_LABEL, FLAGS, STAGE_LABEL } from "~/domain/portfolio/lifecycle";
import { GoLiveChart } from "./go-live-chart";
import { HealthBadge } from "./health-badge";

/** Clients by stage, the moments clients defect, and time to go-live against plan. */
export function LifecycleView({ lifecycle }: { lifecycle: Lifecycle }) {
  return (
    <>
      <section className="panel" aria-labelledby="stages-title">
        <h2 id="stages-title">Clients by stage</h2>
        <ul className="stage-grid" aria-label="Stages">
          {lifecycle.stages.map((s) => (
            <li key={s.stage} className="stage-card">
              <h3>{STAGE_LABEL[s.stage]}</h3>
              <p className="stage-count">{s.clients}</p>
              <ul className="health-why">
                {FLAGS.filter((f) => s[f] > 0).map((f) => (
                  <li key={f}>
                    {FLAG_LABEL[f]}: {s[f]}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="flagged-title">
        <h2 id="flagged-title">Moments clients defect</h2>
        {lifecycle.flagged.length === 0 ? (
          <p className="muted">No client shows a warning sign.</p>
        ) : (
          <ul className="work-list" aria-label="Clients showing a warning sign">
            {lifecycle.flagged.map((c) => (
              <li key={c.slug} className="work-item">
                <Link to={`/c/${c.slug}`}>{c.name}</Link>{" "}
                <span className="muted">
                  · {STAGE_LABEL[c.stage]}
                  {c.currentPhase ? ` (${c.currentPhase})` : ""}
                </span>
                <p className="health-why">
                  <HealthBadge band={c.band} score={c.score} />{" "}
                  <strong>{c.flags.map((f) => FLAG_LABEL[f]).join("; ")}</strong> · {c.summary}
                </p>
              </li>
            ))}
          </ul>
        )}
        {lifecycle.flaggedMore ? <p className="muted">Showing the 100 least healthy; filter the portfolio for the rest.</p> : null}
      </section>
      <section className="panel" aria-labelledby="golive-title">
        <h2 id="golive-title">Time to go-live against plan</h2>
        <GoLiveChart bands={lifecycle.slips} />
      </section>
    </>
  );
}
