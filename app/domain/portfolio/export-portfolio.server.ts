// The portfolio as CSV: the rows the page shows for the same filters, every page
// of them. Quoting (commas, quotes, newlines inside text) is csv-stringify's.
import { stringify } from "csv-stringify/sync";
import type { Db } from "~/lib/supabase.server";
import type { PortfolioFilters } from "./filters";
import { fetchPortfolioPage } from "./list-portfolio.server";
import type { PortfolioRow } from "./portfolio-row";

const COLUMNS: [string, (r: PortfolioRow) => string | number | null][] = [
  ["Client", (r) => r.name],
  ["Portal address", (r) => `/c/${r.slug}`],
  ["Health", (r) => r.band],
  ["Health score", (r) => r.score],
  ["Why", (r) => r.summary],
  ["Project manager", (r) => r.pmName],
  ["Current phase", (r) => r.currentPhase],
  ["Next milestone", (r) => r.nextMilestone],
  ["Next milestone date", (r) => r.nextMilestoneDate],
  ["Go-live date", (r) => r.goLiveDate],
  ["Days to go-live", (r) => r.daysToGoLive],
  ["Late milestones", (r) => r.lateMilestones],
  ["Overdue client tasks", (r) => r.overdueTasks],
  ["Sign-offs waiting", (r) => r.signoffsWaiting],
  ["Longest sign-off wait (days)", (r) => r.oldestSignoffWaitDays],
  ["Open dissatisfiers", (r) => r.openDissatisfiers],
  ["Last pulse", (r) => r.pulseLatest],
  ["Last pulse at", (r) => r.lastPulseAt],
  ["Last update at", (r) => r.lastUpdateAt],
];

/** CSV text (RFC 4180, CRLF line ends, a header row) of every client matching the filters. */
export async function exportPortfolioCsv(db: Db, _viewerId: string, filters: PortfolioFilters): Promise<string> {
  const { rows } = await fetchPortfolioPage(db, filters, { offset: 0, limit: null });
  return stringify([COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, get]) => get(r) ?? ""))], {
    record_delimiter: "windows",
    cast: { string: neutraliseFormula },
  });
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe: a client named "=HYPERLINK(...)" stays text (CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
