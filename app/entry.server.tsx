import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { digestJob } from "~/domain/digests/run-due-digests.server";
import { startWorker as startJobsWorker, type WorkerOptions } from "~/lib/jobs/worker.server";
import { logger } from "~/lib/log.server";
import { RETRY_AFTER_SECONDS } from "~/lib/outage.server";
import { NonceProvider } from "~/ui/nonce";
import { RequestIdProvider } from "~/ui/request-id";

export const streamTimeout = 5_000;

// For server.js, which starts one email outbox worker beside the web server.
/** The worker server.js starts in the web process: the outbox, and the digests on their schedule. */
export const startWorker = (options: WorkerOptions = {}) => startJobsWorker({ scheduled: [digestJob], ...options });
// For server.js: its logger and request context, and the database-outage guard.
export { logger, requestContext } from "./lib/log.server";
export { guardOutages } from "./lib/outage.server";

/** Errors Remix catches (a loader or action threw): logged once, with the request id, never the URL's query. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logger.error({ err: error }, "request failed");
};

export function handleDataRequest(response: Response) {
  if (response.status === 503 && !response.headers.has("Retry-After")) response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // server.js makes a nonce per response and names it in the Content-Security-Policy.
  const nonce = loadContext.cspNonce ?? "";
  if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
  // The document is rendered whole, then sent as one body: no route defers data,
  // so streaming the shell first gained nothing, while every streamed piece
  // (~20 for the client page) went through a web stream, its own write to the
  // socket and its own gzip call: about a seventh of the page's server CPU
  // (issue 13). Bots get the same complete document.
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const body = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    body.on("finish", () => {
      clearTimeout(timeout);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestIdProvider value={loadContext.requestId ?? ""}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </RequestIdProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // A shell error is answered by Remix's error handling (onShellError).
          if (shellRendered) logger.error({ err: error }, "render failed");
        },
      },
    );
    const timeout = setTimeout(abort, streamTimeout + 1_000);
  });
}
