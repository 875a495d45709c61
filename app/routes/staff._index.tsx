import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listClients } from "~/domain/clients/list-clients.server";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Your clients · Onboarding portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  return { viewer: { fullName: viewer.fullName, isAdmin: viewer.isAdmin }, clients: await listClients(db) };
}

export default function StaffHome() {
  const { viewer, clients } = useLoaderData<typeof loader>();
  return (
    <section className="panel" aria-labelledby="clients-title">
      <h1 id="clients-title">{viewer.isAdmin ? "All clients" : "Your clients"}</h1>
      <p className="muted">Signed in as {viewer.fullName}.</p>
      {clients.length === 0 ? (
        <p className="empty-state">
          You are not assigned to any client yet. An admin assigns staff to clients; ask them to add you.
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
