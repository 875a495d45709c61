import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address, from Express (honours TRUST_PROXY; see server.js). */
    clientIp?: string | null;
    /** This response's Content-Security-Policy script nonce (server.js). */
    cspNonce?: string;
    /** server.js's id for this request (X-Request-Id), shown on the error page. */
    requestId?: string;
  }
}

export function clientIp(context: AppLoadContext | undefined): string | null {
  return context?.clientIp?.slice(0, 64) ?? null;
}
