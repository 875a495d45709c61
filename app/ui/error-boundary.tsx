import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const titles: Record<number, string> = {
  400: "That request was not right",
  403: "You do not have access to this page",
  404: "We could not find that page",
  409: "That changed while you were looking",
  429: "Too many requests",
};

/** One error boundary for every route: thrown Responses show their status and message, anything else a generic 500. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let message = "Something went wrong on our side. Please try again; if it keeps happening, tell your project manager.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (typeof error.data === "string" && error.data) message = error.data;
    else if (status === 404) message = "The page does not exist, or you do not have access to it.";
  } else if (typeof document !== "undefined") {
    console.error(error);
  }
  return (
    <section className="panel error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{titles[status] ?? "Something went wrong"}</h1>
      <p>{message}</p>
      <p className="muted">Error {status}</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </section>
  );
}
