// The staff home: the onboardings a person works on (admins: all), each with its
// health and the facts behind it. Aggregated, filtered, sorted and paged in the
// database (public.portfolio_page, security invoker, so RLS applies to what it
// reads; the facts are kept per client by triggers, docs/decisions/0014): one
// PostgREST round trip for the page of rows, the total and the filter options,
// whatever the number of clients.
import type { Db } from "~/lib/supabase.server";
import { PAGE_SIZE, type PortfolioFilters } from "./filters";
import { toPortfolioCard, toPortfolioRow, type PortfolioCard, type PortfolioRow } from "./portfolio-row";

export type FilterOption = { value: string; label: string };

export type PortfolioPage = {
  /** The page's clients, as their cards show them (whole rows: fetchPortfolioPage). */
  rows: PortfolioCard[];
  /** How many clients match the filters, over every page. */
  total: number;
  /** Whether another page follows this one. */
  hasMore: boolean;
  pms: FilterOption[];
  phases: FilterOption[];
};

/** What portfolio_page answers. */
export type RawPortfolioPage = {
  rows: Parameters<typeof toPortfolioRow>[0][];
  total: number;
  pms: FilterOption[];
  phases: FilterOption[];
};

/**
 * One call of portfolio_page for these filters: `limit` rows from `offset`
 * (null: every matching row). "My clients" is the caller's own teams (auth.uid()
 * in the database), so the viewer needs no passing.
 */
export async function fetchPortfolioPage(
  db: Db,
  filters: PortfolioFilters,
  { offset, limit }: { offset: number; limit: number | null },
): Promise<{ rows: PortfolioRow[]; total: number; pms: FilterOption[]; phases: FilterOption[] }> {
  const { data, error } = await db.rpc("portfolio_page", portfolioPageArgs(filters, { offset, limit }));
  if (error) throw new Error(`Could not load the portfolio: ${error.message}`);
  const page = data as unknown as RawPortfolioPage;
  return { rows: page.rows.map(toPortfolioRow), total: page.total, pms: page.pms, phases: page.phases };
}

/** portfolio_page's arguments (and signed_in_portfolio_page's) for these filters. */
export function portfolioPageArgs(filters: PortfolioFilters, { offset, limit }: { offset: number; limit: number | null }) {
  return {
    p_q: filters.q,
    p_show: filters.show,
    // An absent PM is SQL null (no filter); supabase-js drops undefined arguments.
    p_pm: filters.pm || undefined,
    p_phase: filters.phase,
    p_sort: filters.sort,
    p_offset: offset,
    // null is "no limit": PostgREST passes a JSON null through.
    p_limit: limit as number,
  };
}

/** The staff home's page of these filters: what portfolio_page is asked for it. */
export function portfolioPageOf(filters: PortfolioFilters) {
  return portfolioPageArgs(filters, { offset: (filters.page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
}

/** The staff home's page from portfolio_page's answer for portfolioPageOf(filters). */
export function toPortfolioPage(raw: RawPortfolioPage, filters: PortfolioFilters): PortfolioPage {
  const rows = raw.rows.map(toPortfolioRow);
  const offset = (filters.page - 1) * PAGE_SIZE;
  return { rows: rows.map(toPortfolioCard), total: raw.total, pms: raw.pms, phases: raw.phases, hasMore: offset + rows.length < raw.total };
}

export async function listPortfolio(db: Db, _viewerId: string, filters: PortfolioFilters): Promise<PortfolioPage> {
  const { data, error } = await db.rpc("portfolio_page", portfolioPageOf(filters));
  if (error) throw new Error(`Could not load the portfolio: ${error.message}`);
  return toPortfolioPage(data as unknown as RawPortfolioPage, filters);
}
