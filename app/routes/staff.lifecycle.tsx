import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getLifecycle } from "~/domain/portfolio/get-lifecycle.server";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { LifecycleView } from "~/ui/portfolio/lifecycle";
import portfolioStyles from "~/ui/portfolio/portfolio.css";

export const meta: MetaFunction = () => [{ title: "Lifecycle · Onboarding portal" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portfolioStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  // Leadership's view across every client: admins (the views would show anyone else only their own clients).
  if (!viewer.isAdmin) throw new Response("The lifecycle view is for leadership (admins).", { status: 403 });
  return { lifecycle: await getLifecycle(db) };
}

export default function LifecyclePage() {
  const { lifecycle } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="lifecycle-title">
      <p>
        <Link to="/staff">← All clients</Link>
      </p>
      <h1 id="lifecycle-title">Lifecycle</h1>
      <p className="muted">Every client by stage, the moments clients defect, and how go-live lands against plan.</p>
      <LifecycleView lifecycle={lifecycle} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
