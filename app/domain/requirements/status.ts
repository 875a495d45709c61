// Status of a requirement document, derived from its versions, its required
// approvers and the sign-offs; never stored. Only sign-offs of the current
// (latest) version count; earlier ones stay in the history as void.

export type RequirementStatus = "draft" | "awaiting_signoff" | "changes_requested" | "approved";

export const REQUIREMENT_STATUS_LABEL: Record<RequirementStatus, string> = {
  draft: "Draft",
  awaiting_signoff: "Awaiting sign-off",
  changes_requested: "Changes requested",
  approved: "Approved",
};

export type VersionRef = {
  id: string;
  version: number;
  /** Who had to approve this version, as snapshotted when it was published; without it, the document's list. */
  approverIds?: string[];
};
export type SignoffRef = { version_id: string; person_id: string; decision: "approved" | "changes_requested" };

export function currentVersion<V extends VersionRef>(versions: V[]): V | null {
  return versions.reduce<V | null>((latest, v) => (!latest || v.version > latest.version ? v : latest), null);
}

/** Every required approver approved this version (and there is at least one). */
export function isVersionApproved(versionId: string, approverIds: string[], signoffs: SignoffRef[]): boolean {
  if (approverIds.length === 0) return false;
  return approverIds.every((id) => signoffs.some((s) => s.version_id === versionId && s.person_id === id && s.decision === "approved"));
}

/**
 * approverIds: the document's required approvers today, used for a version
 * without its own snapshot (VersionRef.approverIds).
 * draft: nothing published. changes requested: someone asked for changes on the
 * current version. approved: every required approver approved the current
 * version. awaiting sign-off: otherwise.
 */
export function requirementStatus(versions: VersionRef[], approverIds: string[], signoffs: SignoffRef[]): RequirementStatus {
  const current = currentVersion(versions);
  if (!current) return "draft";
  const onCurrent = signoffs.filter((s) => s.version_id === current.id);
  if (onCurrent.some((s) => s.decision === "changes_requested")) return "changes_requested";
  if (isVersionApproved(current.id, current.approverIds ?? approverIds, onCurrent)) return "approved";
  return "awaiting_signoff";
}

/** A sign-off of an older version no longer counts: it was superseded by the next version. */
export function supersededBy(signoffVersion: number, latestVersion: number): number | null {
  return signoffVersion < latestVersion ? signoffVersion + 1 : null;
}

export type ApproverDecision = "approved" | "changes_requested" | "waiting";
export type ApproverState = { personId: string; fullName: string; decision: ApproverDecision };

/**
 * Where each approver the current version waits on stands (issue 14, defect 8):
 * approved, asked for changes, or still waiting. `names` gives a name for each
 * person id; someone no longer on the client is "A former contact".
 */
export function approverStates(
  current: VersionRef | null,
  approverIds: string[],
  signoffs: SignoffRef[],
  names: Map<string, string>,
): ApproverState[] {
  if (!current) return [];
  return (current.approverIds ?? approverIds)
    .map((personId) => {
      const mine = signoffs.filter((s) => s.version_id === current.id && s.person_id === personId);
      const decision: ApproverDecision = mine.some((s) => s.decision === "changes_requested")
        ? "changes_requested"
        : mine.some((s) => s.decision === "approved")
          ? "approved"
          : "waiting";
      return { personId, fullName: names.get(personId) ?? "A former contact", decision };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}
