// Reading the portfolio's filters from the URL (a GET form: a view can be
// bookmarked and shared). Anything malformed falls back to its default rather
// than failing: a stale bookmark still opens the page.
import { z } from "zod";
import { PORTFOLIO_SHOWS, PORTFOLIO_SORTS, type PortfolioFilters } from "./filters";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PortfolioFiltersSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  show: z.enum(PORTFOLIO_SHOWS).catch("all"),
  pm: z
    .string()
    .regex(UUID)
    .transform((s) => s.toLowerCase())
    .or(z.literal(""))
    .catch(""),
  phase: z.string().trim().max(200).catch(""),
  sort: z.enum(PORTFOLIO_SORTS).catch("health"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The filters in a URL's query string (missing or malformed values take their defaults). */
export function readPortfolioFilters(params: URLSearchParams): PortfolioFilters {
  const raw = (key: string) => params.get(key) ?? undefined;
  return PortfolioFiltersSchema.parse({
    q: raw("q") ?? "",
    show: raw("show"),
    pm: raw("pm") ?? "",
    phase: raw("phase") ?? "",
    sort: raw("sort"),
    page: raw("page"),
  });
}

