import { REQUIREMENT_STATUS_LABEL, type RequirementStatus } from "~/domain/requirements/status";

/** Status as words and a shape, never colour alone. */
export function RequirementStatusBadge({ status }: { status: RequirementStatus }) {
  const icon = { draft: "○", awaiting_signoff: "…", changes_requested: "!", approved: "✓" }[status];
  return (
    <span className={`status req-status-${status}`}>
      <span aria-hidden="true">{icon}</span> {REQUIREMENT_STATUS_LABEL[status]}
    </span>
  );
}
