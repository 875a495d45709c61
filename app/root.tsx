import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Links, LiveReload, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "~/lib/auth/sign-in.server";
import { publicEnv } from "~/lib/env.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { useNonce } from "~/ui/nonce";
import { useRequestId } from "~/ui/request-id";
import { EnhanceScript, useHydrates } from "~/ui/server-rendered";
import styles from "~/styles/app.css";

export const meta: MetaFunction = () => [{ title: `Onboarding portal` }];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { signedIn: Boolean(user), email: user?.email ?? null, env: publicEnv };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const requestId = useRequestId();
  // The client's pages are sent without React in the browser (ADR 0018).
  const hydrates = useHydrates();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {requestId ? <meta name="request-id" content={requestId} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link to="/" className="site-name">
            {data?.env.providerLogo ? <img src={data.env.providerLogo} alt="" className="site-logo" width={32} height={32} /> : null}
            <span>{data?.env.providerName ?? "Onboarding portal"}</span>
          </Link>
          <nav aria-label="Account">
            {data?.signedIn ? (
              <Form method="post" action="/logout" className="inline-form">
                <span className="muted signed-in-as">{data.email}</span>
                <button type="submit" className="button button-quiet">
                  Sign out
                </button>
              </Form>
            ) : null}
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          {data?.env.mailboxEnabled ? (
            <p>
              Local mode: email is caught in the <Link to="/dev/mailbox">local mailbox</Link>.
            </p>
          ) : null}
        </footer>
        {hydrates ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <EnhanceScript nonce={nonce} />
        )}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
