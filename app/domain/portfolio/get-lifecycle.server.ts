// The lifecycle view for leadership: clients by stage, the moments clients
// defect, and time to go-live against plan. Counted in the database (views over
// the portfolio, security invoker); the flagged clients come as a short list.
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

const FLAGGED_LIMIT = 100;

export async function getLifecycle(db: Db): Promise<Lifecycle> {
  const [stages, slips, flagged] = await Promise.all([
    db.from("lifecycle_stages").select("*"),
    db.from("go_live_against_plan").select("position, label, clients").order("position"),
    db
      .from("portfolio")
      .select(
        "slug, name, stage, current_phase, score, band, summary, flag_no_pm_introduced, flag_go_live_slipping, flag_pulse_falling, flag_disputed_commitment",
      )
      .or(FLAGS.map((f) => `flag_${f}.is.true`).join(","))
      .order("score")
      .order("name")
      .limit(FLAGGED_LIMIT + 1),
  ]);
  for (const r of [stages, slips, flagged]) if (r.error) throw new Error(`Could not load the lifecycle: ${r.error.message}`);
  const byStage = new Map((stages.data ?? []).map((s) => [s.stage, s]));
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
    slips: (slips.data ?? []).map((s) => ({ label: s.label ?? "", clients: s.clients ?? 0 })),
    flagged: (flagged.data ?? []).slice(0, FLAGGED_LIMIT).map((r) => ({
      slug: r.slug ?? "",
      name: r.name ?? "",
      stage: (STAGES as readonly string[]).includes(r.stage ?? "") ? (r.stage as Stage) : "conversion",
      currentPhase: r.current_phase,
      score: r.score ?? 0,
      band: (["green", "amber", "red"].includes(r.band ?? "") ? r.band : "red") as HealthBand,
      summary: r.summary ?? "",
      flags: FLAGS.filter((f) => r[`flag_${f}`] === true),
    })),
    flaggedMore: (flagged.data ?? []).length > FLAGGED_LIMIT,
  };
}
