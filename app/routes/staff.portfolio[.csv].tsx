// The portfolio as CSV, for the same filters as the page (its query string).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readPortfolioFilters } from "~/domain/portfolio/filters.server";
import { exportPortfolioCsv } from "~/domain/portfolio/export-portfolio.server";
import { requireStaff } from "~/lib/viewer.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  const filters = readPortfolioFilters(new URL(request.url).searchParams);
  const csv = await exportPortfolioCsv(db, viewer.id, filters);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="portfolio-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
