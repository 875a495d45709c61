// The portfolio's filters: what they can be, their labels and their query
// string. Plain TypeScript (no zod) so the page's browser bundle stays small;
// reading them from a URL is filters.server.ts.
export const PORTFOLIO_SORTS = ["health", "name", "go_live", "late"] as const;
export const PORTFOLIO_SHOWS = ["all", "at_risk", "mine"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export type PortfolioShow = (typeof PORTFOLIO_SHOWS)[number];

export const SORT_LABEL: Record<PortfolioSort, string> = {
  health: "Health, worst first",
  name: "Name",
  go_live: "Go-live, soonest first",
  late: "Late milestones, most first",
};
export const SHOW_LABEL: Record<PortfolioShow, string> = {
  all: "All clients I can see",
  at_risk: "At risk (amber or red)",
  mine: "My clients (on my team)",
};

export type PortfolioFilters = {
  q: string;
  show: PortfolioShow;
  pm: string;
  phase: string;
  sort: PortfolioSort;
  page: number;
};

export const PAGE_SIZE = 50;

/** The query string for these filters, without defaults (for links: next page, CSV). */
export function portfolioSearch(filters: PortfolioFilters, overrides: Partial<PortfolioFilters> = {}): string {
  const f = { ...filters, ...overrides };
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.show !== "all") params.set("show", f.show);
  if (f.pm) params.set("pm", f.pm);
  if (f.phase) params.set("phase", f.phase);
  if (f.sort !== "health") params.set("sort", f.sort);
  if (f.page > 1) params.set("page", String(f.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
