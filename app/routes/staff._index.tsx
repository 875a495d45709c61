import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { PAGE_SIZE, portfolioSearch } from "~/domain/portfolio/filters";
import { readPortfolioFilters } from "~/domain/portfolio/filters.server";
import { portfolioPageOf, toPortfolioPage, type RawPortfolioPage } from "~/domain/portfolio/list-portfolio.server";
import { SLUG_PATTERN } from "~/domain/setup/schema";
import { assertStaff, requireViewerWithPage } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PortfolioFilters } from "~/ui/portfolio/portfolio-filters";
import { PortfolioList } from "~/ui/portfolio/portfolio-list";
import portfolioStyles from "~/ui/portfolio/portfolio.css";
import { WorkspaceNav } from "~/ui/portfolio/workspace-nav";

export const meta: MetaFunction = () => [{ title: "Your clients · Onboarding portal" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portfolioStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = readPortfolioFilters(new URL(request.url).searchParams);
  // The session check and the page in one round trip.
  const { viewer, page } = await requireViewerWithPage<RawPortfolioPage>(request, "signed_in_portfolio_page", portfolioPageOf(filters));
  assertStaff(viewer);
  if (!page) throw new Error("The portfolio gave no page for a live session.");
  return { viewer: { fullName: viewer.fullName, isAdmin: viewer.isAdmin }, filters, portfolio: toPortfolioPage(page, filters) };
}

export default function StaffHome() {
  const { viewer, filters, portfolio } = useLoaderData<typeof loader>();
  const created = useSearchParams()[0].get("created");
  const filtered = portfolioSearch({ ...filters, sort: "health", page: 1 }) !== "";
  return (
    <section className="panel" aria-labelledby="clients-title">
      <div className="title-row">
        <h1 id="clients-title">{viewer.isAdmin ? "All clients" : "Your clients"}</h1>
        <Link to="/staff/clients/new" className="button">
          New client
        </Link>
      </div>
      <p className="muted">Signed in as {viewer.fullName}.</p>
      <WorkspaceNav isAdmin={viewer.isAdmin} csvHref={`/staff/portfolio.csv${portfolioSearch({ ...filters, page: 1 })}`} />
      {created && SLUG_PATTERN.test(created) ? (
        <p role="status" className="notice">
          The client /c/{created} is created. Its project manager runs it from now on; you will see it here once they
          add you to its team.
        </p>
      ) : null}
      <PortfolioFilters filters={filters} pms={portfolio.pms} phases={portfolio.phases} />
      {portfolio.rows.length === 0 ? (
        filtered || filters.page > 1 ? (
          <p className="empty-state">
            No client matches these filters. <Link to="/staff">Show every client</Link>
          </p>
        ) : (
          <p className="empty-state">
            You are not on any client&apos;s team yet. Create a client, or ask a project manager to add you to theirs.
          </p>
        )
      ) : (
        <>
          <p className="muted">
            {portfolio.total === 1
              ? "1 client."
              : `Clients ${(filters.page - 1) * PAGE_SIZE + 1}-${(filters.page - 1) * PAGE_SIZE + portfolio.rows.length} of ${portfolio.total.toLocaleString("en-GB")}.`}
          </p>
          <PortfolioList rows={portfolio.rows} />
        </>
      )}
      {filters.page > 1 || portfolio.hasMore ? (
        <nav className="pager" aria-label="Pages">
          {filters.page > 1 ? <Link to={portfolioSearch(filters, { page: filters.page - 1 }) || "?"}>Previous page</Link> : null}
          {portfolio.hasMore ? <Link to={portfolioSearch(filters, { page: filters.page + 1 })}>Next page</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
