import type { ApproverState } from "~/domain/requirements/status";

const LABEL = { approved: "Signed", changes_requested: "Asked for changes", waiting: "Waiting" } as const;
const MARK = { approved: "✓", changes_requested: "!", waiting: "…" } as const;

/** Whom a version waits on: each required approver and where they stand (issue 14, defect 8). */
export function ApproverStates({ approvers, label }: { approvers: ApproverState[]; label: string }) {
  if (approvers.length === 0) return null;
  return (
    <ul className="approver-states" aria-label={label}>
      {approvers.map((a) => (
        <li key={a.personId} className={`approver-state approver-${a.decision.replace("_", "-")}`}>
          <span aria-hidden="true" className="approver-mark">
            {MARK[a.decision]}
          </span>
          <span>
            {a.fullName}: {LABEL[a.decision]}
          </span>
        </li>
      ))}
    </ul>
  );
}
