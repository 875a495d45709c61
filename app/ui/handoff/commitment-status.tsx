import { COMMITMENT_STATUS_LABEL, STAFF_STATUS_LABEL, type CommitmentStatus } from "~/domain/handoff/labels";

// Reuses the portal's status look: words and a shape, never colour alone.
const LOOK: Record<CommitmentStatus, { className: string; icon: string }> = {
  captured: { className: "status", icon: "○" },
  confirmed_by_client: { className: "status status-on_track", icon: "✓" },
  planned: { className: "status status-on_track", icon: "●" },
  delivered: { className: "status status-done", icon: "✓" },
  at_risk: { className: "status status-at_risk", icon: "▲" },
  disputed: { className: "status status-late", icon: "!" },
};

export function CommitmentStatusBadge({ status, audience }: { status: CommitmentStatus; audience: "client" | "staff" }) {
  const label = (audience === "client" ? COMMITMENT_STATUS_LABEL : STAFF_STATUS_LABEL)[status];
  return (
    <span className={LOOK[status].className}>
      <span aria-hidden="true">{LOOK[status].icon}</span> {label}
    </span>
  );
}
