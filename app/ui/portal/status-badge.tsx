import { STATUS_LABEL, type ItemStatus } from "~/domain/portal/status";

/** Status as words and a shape, never colour alone. */
export function StatusBadge({ status }: { status: ItemStatus }) {
  const icon = { done: "✓", late: "!", at_risk: "▲", on_track: "●" }[status];
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{icon}</span> {STATUS_LABEL[status]}
    </span>
  );
}
