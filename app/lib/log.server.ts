// Structured logs (pino, one JSON object a line) with the request id on every
// line written while a request is handled. server.js runs each request inside
// `requestContext` (an AsyncLocalStorage); anything logged through `logger`
// during it carries `reqId`. Never log query strings (magic-link codes) or
// cookies/authorization headers: the access line logs the path only, and the
// header paths are redacted in case an object carrying them is ever logged.
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

export type RequestStore = { id: string; databaseUnavailable?: boolean };

// One instance per process, whichever build (dev reloads it) or server.js asks.
const KEY = Symbol.for("portal.requestContext");
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestStore> | undefined>;
export const requestContext: AsyncLocalStorage<RequestStore> = (holder[KEY] ??= new AsyncLocalStorage<RequestStore>());

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: undefined,
  mixin: () => {
    const store = requestContext.getStore();
    return store ? { reqId: store.id } : {};
  },
  redact: {
    paths: ["headers.cookie", "headers.authorization", "*.headers.cookie", "*.headers.authorization", "cookie", "authorization"],
    censor: "[redacted]",
  },
});

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.id;
}
