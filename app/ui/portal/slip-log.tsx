import type { Slip } from "~/domain/portal/get-client-portal.server";
import { daysBetween } from "~/domain/portal/status";
import { describeShift } from "~/lib/words";
import { formatDay, formatDateTime } from "~/ui/format";
import { NewMark } from "~/ui/updates/new-since";

const SIDE_LABEL: Record<Slip["side"], string> = {
  provider: "Our side",
  client: "Your side",
  third_party: "A third party",
};

/** Every change to a planned date, with its reason and whom it depended on. */
export function SlipLog({ slips }: { slips: Slip[] }) {
  return (
    <section className="panel" aria-labelledby="slips-title">
      <h2 id="slips-title">Date changes</h2>
      {slips.length === 0 ? (
        <p className="empty-state">No planned date has moved.</p>
      ) : (
        <ul className="slip-list">
          {slips.map((s) => {
            const days = daysBetween(s.oldDate, s.newDate);
            return (
              <li key={s.id} className="slip">
                <p className="slip-head">
                  <strong>{s.itemTitle}</strong>
                  {s.field === "planned_start" ? " (start)" : s.field === "planned_end" ? " (end)" : ""}: moved from{" "}
                  <time dateTime={s.oldDate}>{formatDay(s.oldDate)}</time> to <time dateTime={s.newDate}>{formatDay(s.newDate)}</time>{" "}
                  ({describeShift(days)})
                  {s.isInternal ? <span className="tag-internal">Internal</span> : null}
                  <NewMark kind="slips" id={s.id} />
                </p>
                <p>Why: {s.reason}</p>
                <p className="muted">
                  Depended on: {SIDE_LABEL[s.side]} · recorded {formatDateTime(s.changedAt)}
                  {s.changedBy ? ` by ${s.changedBy}` : ""}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
