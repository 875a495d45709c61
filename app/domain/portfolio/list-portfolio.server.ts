// The staff home: the onboardings a person works on (admins: all), each with its
// health and the facts behind it. Aggregated in the database (the portfolio view,
// security invoker, so RLS applies to every table it reads): one PostgREST round
// trip for the page of rows, one more (in parallel) for the filter options.
import type { Db } from "~/lib/supabase.server";
import { PAGE_SIZE, type PortfolioFilters } from "./filters";
import { toPortfolioRow, type PortfolioRow } from "./portfolio-row";

export type FilterOption = { value: string; label: string };

export type PortfolioPage = {
  rows: PortfolioRow[];
  /** Whether another page follows this one. */
  hasMore: boolean;
  pms: FilterOption[];
  phases: FilterOption[];
};

// One literal string, so supabase-js types the rows from it.
export const PORTFOLIO_COLUMNS =
  "client_id, slug, name, go_live_date, days_to_go_live, pm_id, pm_name, current_phase, next_milestone, next_milestone_date, last_update_at, late_milestones, overdue_tasks, open_dissatisfiers, oldest_dissatisfier_days, overdue_dissatisfiers, signoffs_waiting, oldest_signoff_wait_days, pulse_latest, pulse_previous, last_pulse_at, score, band, reasons, summary" as const;

/** The filtered, sorted query on the portfolio view (no paging): shared by the page and the CSV. */
export function portfolioQuery(db: Db, viewerId: string, filters: PortfolioFilters) {
  let query = db.from("portfolio").select(PORTFOLIO_COLUMNS);
  if (filters.q) query = query.ilike("name", `%${escapeLike(filters.q)}%`);
  if (filters.show === "at_risk") query = query.in("band", ["amber", "red"]);
  if (filters.show === "mine") query = query.contains("staff_ids", [viewerId]);
  if (filters.pm) query = query.eq("pm_id", filters.pm);
  if (filters.phase) query = query.eq("current_phase", filters.phase);
  switch (filters.sort) {
    case "name":
      return query.order("name").order("client_id");
    case "go_live":
      return query.order("go_live_date", { ascending: true, nullsFirst: false }).order("name").order("client_id");
    case "late":
      return query.order("late_milestones", { ascending: false }).order("score").order("name").order("client_id");
    default:
      return query.order("score").order("name").order("client_id");
  }
}

/** `%` and `_` typed into the search box are searched for as themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listPortfolio(db: Db, viewerId: string, filters: PortfolioFilters): Promise<PortfolioPage> {
  const from = (filters.page - 1) * PAGE_SIZE;
  const [rows, options] = await Promise.all([
    // One more than a page: whether there is a next page, without counting every row.
    portfolioQuery(db, viewerId, filters).range(from, from + PAGE_SIZE),
    db.from("portfolio_filter_options").select("kind, value, label").order("label"),
  ]);
  if (rows.error) throw new Error(`Could not load the portfolio: ${rows.error.message}`);
  if (options.error) throw new Error(`Could not load the portfolio's filters: ${options.error.message}`);
  const pick = (kind: string) =>
    options.data.flatMap((o) => (o.kind === kind && o.value && o.label ? [{ value: o.value, label: o.label }] : []));
  return {
    rows: rows.data.slice(0, PAGE_SIZE).map(toPortfolioRow),
    hasMore: rows.data.length > PAGE_SIZE,
    pms: pick("pm"),
    phases: pick("phase"),
  };
}
