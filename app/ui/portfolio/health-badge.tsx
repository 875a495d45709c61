import type { HealthBand } from "~/domain/portfolio/portfolio-row";

const BAND_LABEL: Record<HealthBand, string> = { green: "Green", amber: "Amber", red: "Red" };

/** Health as a coloured badge with its score; the reasons are written beside it, never colour alone. */
export function HealthBadge({ band, score }: { band: HealthBand; score: number }) {
  return (
    <span className={`health health-${band}`}>
      {`${BAND_LABEL[band]} `}
      <span className="health-score">{score}</span>
      <span className="visually-hidden"> out of 100</span>
    </span>
  );
}
