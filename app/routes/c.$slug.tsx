import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getClientPage } from "~/domain/clients/get-client-page.server";
import { requireViewer } from "~/lib/viewer.server";
import { brandStyle } from "~/ui/brand";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const client = await getClientPage(db, params.slug ?? "");
  // Another tenant's page and a page that does not exist look the same.
  if (!client) throw new Response("The page does not exist, or you do not have access to it.", { status: 404 });
  return { client, viewerName: viewer.fullName, viewerIsStaff: viewer.isStaff };
}

export default function ClientHome() {
  const { client, viewerName, viewerIsStaff } = useLoaderData<typeof loader>();
  return (
    <article className="client-page" style={brandStyle(client.primaryColor, client.accentColor)}>
      <header className="brand-banner">
        {client.logoUrl ? <img src={client.logoUrl} alt={`${client.name} logo`} className="brand-logo" /> : null}
        <div>
          <p className="brand-eyebrow">Your onboarding with us</p>
          <h1>{client.name}</h1>
        </div>
      </header>
      <section className="panel" aria-labelledby="welcome-title">
        <h2 id="welcome-title">{viewerIsStaff ? "Welcome message" : `Welcome, ${viewerName}`}</h2>
        <p>{client.welcomeText ?? "Your project manager will post a welcome here soon."}</p>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
