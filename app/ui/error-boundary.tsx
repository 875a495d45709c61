import { isRouteErrorResponse, Link, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useRequestId } from "./request-id";

const titles: Record<number, string> = {
  400: "That request was not right",
  403: "You do not have access to this page",
  404: "We could not find that page",
  409: "That changed while you were looking",
  429: "Too many requests",
  503: "The portal is unavailable for a moment",
};

/** One error boundary for every route: thrown Responses show their status and message, anything else a generic 500. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  // Marks the error page as hydrated, so a browser test knows any hydration error has been logged by now.
  useEffect(() => void (document.documentElement.dataset.hydrated = "true"), []);
  const root = useRouteLoaderData("root") as { signedIn?: boolean } | undefined;
  // The document's request id belongs to this error only on the page as first loaded
  // (React Router's first location has the key "default"), not after a navigation in the browser.
  const documentId = useRequestId();
  const firstLoad = useLocation().key === "default";
  // Shown once hydrated, so the server's and the browser's first render are the same
  // (the id is also in the X-Request-Id header and the document's meta tag).
  const [requestId, setRequestId] = useState("");
  useEffect(() => setRequestId(documentId), [documentId]);
  let status = 500;
  let message = "Something went wrong on our side. Please try again; if it keeps happening, tell your project manager.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    // The router's own text ("Error: No route matches URL …") is for developers, not people.
    if (typeof error.data === "string" && error.data && !error.data.includes("No route matches")) message = error.data;
    else if (status === 404) message = "The page does not exist, or you do not have access to it.";
  } else if (typeof document !== "undefined") {
    console.error(error);
  }
  return (
    <section className="panel error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{titles[status] ?? "Something went wrong"}</h1>
      <p>{message}</p>
      {status === 404 ? (
        <p>Check the address for a typo. If someone sent you this link, ask them for a new one, or start again from the link below.</p>
      ) : null}
      <p className="muted">
        Error {status}
        {requestId && firstLoad ? (
          <>
            {" "}
            · Request id <code data-testid="request-id">{requestId}</code> (quote it if you report this)
          </>
        ) : null}
      </p>
      <p>
        {root?.signedIn ? <Link to="/">Go to your home page</Link> : <Link to="/login">Sign in</Link>}
      </p>
    </section>
  );
}
