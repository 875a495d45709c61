// The lifecycle's stages and defection moments, with their labels: plain values
// the page renders in the browser too (get-lifecycle.server.ts reads the data).
export const STAGES = ["handoff", "conversion", "go_live", "service"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABEL: Record<Stage, string> = {
  handoff: "Handoff",
  conversion: "Conversion",
  go_live: "Go-live",
  service: "Ongoing service",
};

export const FLAGS = ["no_pm_introduced", "go_live_slipping", "pulse_falling", "disputed_commitment"] as const;
export type Flag = (typeof FLAGS)[number];
export const FLAG_LABEL: Record<Flag, string> = {
  no_pm_introduced: "Signed, no project manager introduced",
  go_live_slipping: "Go-live slipping",
  pulse_falling: "Pulse falling",
  disputed_commitment: "Disputed commitment",
};
