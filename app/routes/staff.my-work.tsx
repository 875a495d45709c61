import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listMyWork } from "~/domain/portfolio/list-my-work.server";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { MyWorkSections } from "~/ui/portfolio/my-work";
import portfolioStyles from "~/ui/portfolio/portfolio.css";

export const meta: MetaFunction = () => [{ title: "My work this week · Onboarding portal" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portfolioStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  return { fullName: viewer.fullName, work: await listMyWork(db) };
}

export default function MyWorkPage() {
  const { fullName, work } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="my-work-title">
      <p>
        <Link to="/staff">← Your clients</Link>
      </p>
      <h1 id="my-work-title">My work this week</h1>
      <p className="muted">What is due from {fullName} on the clients you run as project manager.</p>
      <MyWorkSections work={work} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
