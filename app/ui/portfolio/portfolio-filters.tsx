import { Form } from "@remix-run/react";
import {
  PORTFOLIO_SHOWS,
  PORTFOLIO_SORTS,
  SHOW_LABEL,
  SORT_LABEL,
  type PortfolioFilters as Filters,
} from "~/domain/portfolio/filters";

type Option = { value: string; label: string };

/** A GET form: the filters live in the URL, so a view can be bookmarked and shared, and it works without JavaScript. */
export function PortfolioFilters({ filters, pms, phases }: { filters: Filters; pms: Option[]; phases: Option[] }) {
  return (
    <Form method="get" action="/staff" className="filters" role="search" aria-label="Filter the portfolio">
      <div className="field">
        <label htmlFor="portfolio-q">Client name</label>
        <input id="portfolio-q" type="search" name="q" defaultValue={filters.q} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="portfolio-show">Show</label>
        <select id="portfolio-show" name="show" defaultValue={filters.show}>
          {PORTFOLIO_SHOWS.map((s) => (
            <option key={s} value={s}>
              {SHOW_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="portfolio-pm">Project manager</label>
        <select id="portfolio-pm" name="pm" defaultValue={filters.pm}>
          <option value="">Any</option>
          {pms.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="portfolio-phase">Current phase</label>
        <select id="portfolio-phase" name="phase" defaultValue={filters.phase}>
          <option value="">Any</option>
          {phases.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="portfolio-sort">Sort by</label>
        <select id="portfolio-sort" name="sort" defaultValue={filters.sort}>
          {PORTFOLIO_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        Apply
      </button>
    </Form>
  );
}
