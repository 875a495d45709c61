import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listClients } from "~/domain/clients/list-clients.server";
import { SLUG_PATTERN } from "~/domain/setup/schema";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Your clients · Onboarding portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  return { viewer: { fullName: viewer.fullName, isAdmin: viewer.isAdmin }, clients: await listClients(db) };
}

export default function StaffHome() {
  const { viewer, clients } = useLoaderData<typeof loader>();
  const created = useSearchParams()[0].get("created");
  return (
    <section className="panel" aria-labelledby="clients-title">
      <div className="title-row">
        <h1 id="clients-title">{viewer.isAdmin ? "All clients" : "Your clients"}</h1>
        <Link to="/staff/clients/new" className="button">
          New client
        </Link>
      </div>
      <p className="muted">Signed in as {viewer.fullName}.</p>
      {created && SLUG_PATTERN.test(created) ? (
        <p role="status" className="notice">
          The client /c/{created} is created. Its project manager runs it from now on; you will see it here once they
          add you to its team.
        </p>
      ) : null}
      {clients.length === 0 ? (
        <p className="empty-state">
          You are not on any client&apos;s team yet. Create a client, or ask a project manager to add you to theirs.
        </p>
      ) : (
        <ul className="card-list">
          {clients.map((client) => (
            <li key={client.id} className="card" style={{ borderLeftColor: client.primaryColor }}>
              <h2>
                <Link to={`/c/${client.slug}`}>{client.name}</Link>
              </h2>
              <p className="muted">
                Project manager: {client.projectManager ?? "not assigned yet"} · {client.contactCount}{" "}
                {client.contactCount === 1 ? "contact" : "contacts"}
              </p>
              <p className="card-links">
                <Link to={`/staff/clients/${client.slug}/team`}>Team</Link>
                {/* The plan editor lives at /staff/clients/<slug>/plan (built separately). */}
                <Link to={`/staff/clients/${client.slug}/plan`}>Plan</Link>
                <Link to={`/staff/clients/${client.slug}/requirements`}>Requirements</Link>
                <Link to={`/staff/clients/${client.slug}/settings`}>Settings</Link>
              </p>
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
