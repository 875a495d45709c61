// Every address no other route matches. A splat route, not the root's "no route
// matches" error: the page renders with the root loader (the signed-in header)
// and the browser hydrates the same tree the server sent; without it, a path
// that partly matches a route (/c/<slug>/updates) logged React hydration errors.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Not found · Onboarding portal" }];

/** Addresses people type for the sign-in page. */
const SIGN_IN_ALIASES = new Set(["/sign-in", "/signin", "/sign_in", "/log-in"]);

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (SIGN_IN_ALIASES.has(url.pathname.toLowerCase().replace(/\/+$/, ""))) throw redirect(`/login${url.search}`);
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
