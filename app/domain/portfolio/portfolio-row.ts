// One client in the portfolio, as the page, the CSV and the lifecycle view show it.
export type HealthBand = "green" | "amber" | "red";

export type PortfolioRow = {
  clientId: string;
  slug: string;
  name: string;
  goLiveDate: string | null;
  daysToGoLive: number | null;
  pmId: string | null;
  pmName: string | null;
  currentPhase: string | null;
  nextMilestone: string | null;
  nextMilestoneDate: string | null;
  lastUpdateAt: string | null;
  lateMilestones: number;
  overdueTasks: number;
  openDissatisfiers: number;
  oldestDissatisfierDays: number | null;
  overdueDissatisfiers: number;
  signoffsWaiting: number;
  oldestSignoffWaitDays: number | null;
  pulseLatest: number | null;
  pulsePrevious: number | null;
  lastPulseAt: string | null;
  score: number;
  band: HealthBand;
  reasons: string[];
  /** "amber: 2 milestones late; pulse fell from 4.5 to 3.0" */
  summary: string;
};

type Raw = {
  client_id: string | null;
  slug: string | null;
  name: string | null;
  go_live_date: string | null;
  days_to_go_live: number | null;
  pm_id: string | null;
  pm_name: string | null;
  current_phase: string | null;
  next_milestone: string | null;
  next_milestone_date: string | null;
  last_update_at: string | null;
  late_milestones: number | null;
  overdue_tasks: number | null;
  open_dissatisfiers: number | null;
  oldest_dissatisfier_days: number | null;
  overdue_dissatisfiers: number | null;
  signoffs_waiting: number | null;
  oldest_signoff_wait_days: number | null;
  pulse_latest: number | null;
  pulse_previous: number | null;
  last_pulse_at: string | null;
  score: number | null;
  band: string | null;
  reasons: string[] | null;
  summary: string | null;
};

const BANDS: readonly string[] = ["green", "amber", "red"];

export function toPortfolioRow(r: Raw): PortfolioRow {
  return {
    clientId: r.client_id ?? "",
    slug: r.slug ?? "",
    name: r.name ?? "",
    goLiveDate: r.go_live_date,
    daysToGoLive: r.days_to_go_live,
    pmId: r.pm_id,
    pmName: r.pm_name,
    currentPhase: r.current_phase,
    nextMilestone: r.next_milestone,
    nextMilestoneDate: r.next_milestone_date,
    lastUpdateAt: r.last_update_at,
    lateMilestones: r.late_milestones ?? 0,
    overdueTasks: r.overdue_tasks ?? 0,
    openDissatisfiers: r.open_dissatisfiers ?? 0,
    oldestDissatisfierDays: r.oldest_dissatisfier_days,
    overdueDissatisfiers: r.overdue_dissatisfiers ?? 0,
    signoffsWaiting: r.signoffs_waiting ?? 0,
    oldestSignoffWaitDays: r.oldest_signoff_wait_days,
    pulseLatest: r.pulse_latest === null ? null : Number(r.pulse_latest),
    pulsePrevious: r.pulse_previous === null ? null : Number(r.pulse_previous),
    lastPulseAt: r.last_pulse_at,
    score: r.score ?? 0,
    band: (BANDS.includes(r.band ?? "") ? r.band : "red") as HealthBand,
    reasons: r.reasons ?? [],
    summary: r.summary ?? "",
  };
}

/**
 * What a card on the staff home shows, and all the page's loader data carries
 * of a row: the fields no card shows (the PM's id, overdue client tasks and
 * dissatisfiers, when the last pulse was asked, the reasons as a list: the
 * summary says them) are left out, since each field of fifty rows is serialised
 * into the document on every load. The CSV and lifecycle read whole rows.
 */
export type PortfolioCard = Pick<
  PortfolioRow,
  | "clientId"
  | "slug"
  | "name"
  | "goLiveDate"
  | "daysToGoLive"
  | "pmName"
  | "currentPhase"
  | "nextMilestone"
  | "nextMilestoneDate"
  | "lastUpdateAt"
  | "lateMilestones"
  | "openDissatisfiers"
  | "oldestDissatisfierDays"
  | "signoffsWaiting"
  | "oldestSignoffWaitDays"
  | "pulseLatest"
  | "pulsePrevious"
  | "score"
  | "band"
  | "summary"
>;

export function toPortfolioCard(r: PortfolioRow): PortfolioCard {
  return {
    clientId: r.clientId,
    slug: r.slug,
    name: r.name,
    goLiveDate: r.goLiveDate,
    daysToGoLive: r.daysToGoLive,
    pmName: r.pmName,
    currentPhase: r.currentPhase,
    nextMilestone: r.nextMilestone,
    nextMilestoneDate: r.nextMilestoneDate,
    lastUpdateAt: r.lastUpdateAt,
    lateMilestones: r.lateMilestones,
    openDissatisfiers: r.openDissatisfiers,
    oldestDissatisfierDays: r.oldestDissatisfierDays,
    signoffsWaiting: r.signoffsWaiting,
    oldestSignoffWaitDays: r.oldestSignoffWaitDays,
    pulseLatest: r.pulseLatest,
    pulsePrevious: r.pulsePrevious,
    score: r.score,
    band: r.band,
    summary: r.summary,
  };
}
