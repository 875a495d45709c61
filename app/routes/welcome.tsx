import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Welcome · Onboarding portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  return { fullName: viewer.fullName, clients: viewer.clients };
}

export default function Welcome() {
  const { fullName, clients } = useLoaderData<typeof loader>();
  return (
    <section className="panel" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome, {fullName}</h1>
      {clients.length === 0 ? (
        <p className="empty-state">
          Your account is not linked to an onboarding yet. Your project manager will add you; you will get an email when
          they do.
        </p>
      ) : (
        <ul className="card-list">
          {clients.map((c) => (
            <li key={c.slug} className="card">
              <Link to={`/c/${c.slug}`}>{c.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
