// The commitment statuses and note kinds with their words, without zod: the
// client page's status badges import these, and zod stays out of the browser.

export const COMMITMENT_STATUSES = ["captured", "confirmed_by_client", "planned", "delivered", "at_risk", "disputed"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMMITMENT_STATUS_LABEL: Record<CommitmentStatus, string> = {
  captured: "Captured",
  confirmed_by_client: "Confirmed by you",
  planned: "Planned",
  delivered: "Delivered",
  at_risk: "At risk",
  disputed: "Disputed",
};

/** How staff see the same statuses (the client reads "Confirmed by you"). */
export const STAFF_STATUS_LABEL: Record<CommitmentStatus, string> = { ...COMMITMENT_STATUS_LABEL, confirmed_by_client: "Confirmed by the client" };

export const NOTE_KINDS = [
  { value: "red_flag", label: "Red flag" },
  { value: "temperament", label: "Temperament" },
  { value: "sensitivity", label: "Sensitivity" },
  { value: "history", label: "History" },
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number]["value"];
