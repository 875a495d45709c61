// The lifecycle view for leadership: clients by stage, the moments clients
// defect, and time to go-live against plan. Counted in the database (views over
// the portfolio, security invoker); the flagged clients come as a short list.
import type { QueryData } from "@supabase/supabase-js";
import type { Db } from "~/lib/supabase.server";
import { FLAGS, STAGES, type Flag, type Stage } from "./lifecycle";
import type { HealthBand } from "./portfolio-row";

export type StageCount = { stage: Stage; clients: number } & Record<Flag, number>;
export type SlipBand = { label: string; clients: number };
export type FlaggedClient = {
  slug: string;
  name: string;
  stage: Stage;
  currentPhase: string | null;
  score: number;
  band: HealthBand;
  summary: string;
  flags: Flag[];
};

export type Lifecycle = { stages: StageCount[]; slips: SlipBand[]; flagged: FlaggedClient[]; flaggedMore: boolean };

/** How many flagged clients the view lists (the function returns one more, to tell there are more). */
export const FLAGGED_LIMIT = 100;

/**
 * The view's rows, in the shape of these selects: the lifecycle_page function
 * (migration 20261202001070, ADR 0016) returns each of them in one call;
 * tests/security/staff-pages.test.ts compares them. Slip bands by position;
 * flagged clients (any flag) by score, then name, at most FLAGGED_LIMIT + 1.
 */
export const LIFECYCLE_SELECTS = {
  stages: "*",
  slips: "position, label, clients",
  flagged:
    "slug, name, stage, current_phase, score, band, summary, flag_no_pm_introduced, flag_go_live_slipping, flag_pulse_falling, flag_disputed_commitment",
} as const;
const _selects = (db: Db) => ({
  stages: db.from("lifecycle_stages").select(LIFECYCLE_SELECTS.stages),
  slips: db.from("go_live_against_plan").select(LIFECYCLE_SELECTS.slips),
  flagged: db.from("portfolio").select(LIFECYCLE_SELECTS.flagged),
});
type Selects = ReturnType<typeof _selects>;
export type LifecycleRows = { [K in keyof Selects]: QueryData<Selects[K]> };

/** The view's rows, in one round trip. */
export async function readLifecycle(db: Db): Promise<LifecycleRows> {
  const { data, error } = await db.rpc("lifecycle_page");
  if (error || !data) throw new Error(`Could not load the lifecycle: ${error?.message ?? "no answer"}`);
  return data as unknown as LifecycleRows;
}

export async function getLifecycle(db: Db): Promise<Lifecycle> {
  const { stages, slips, flagged } = await readLifecycle(db);
  const byStage = new Map(stages.map((s) => [s.stage, s]));
  return {
    stages: STAGES.map((stage) => {
      const s = byStage.get(stage);
      return {
        stage,
        clients: s?.clients ?? 0,
        no_pm_introduced: s?.no_pm_introduced ?? 0,
        go_live_slipping: s?.go_live_slipping ?? 0,
        pulse_falling: s?.pulse_falling ?? 0,
        disputed_commitment: s?.disputed_commitment ?? 0,
      };
    }),
    slips: slips.map((s) => ({ label: s.label ?? "", clients: s.clients ?? 0 })),
    flagged: flagged.slice(0, FLAGGED_LIMIT).map((r) => ({
      slug: r.slug ?? "",
      name: r.name ?? "",
      stage: (STAGES as readonly string[]).includes(r.stage ?? "") ? (r.stage as Stage) : "conversion",
      currentPhase: r.current_phase,
      score: r.score ?? 0,
      band: (["green", "amber", "red"].includes(r.band ?? "") ? r.band : "red") as HealthBand,
      summary: r.summary ?? "",
      flags: FLAGS.filter((f) => r[`flag_${f}`] === true),
    })),
    flaggedMore: flagged.length > FLAGGED_LIMIT,
  };
}
