// When the database cannot be reached (PostgREST down: the fetch fails; Postgres
// down: PostgREST answers 503 with PGRST000-PGRST003), a page or action fails
// with a 503 and a message a person can act on, not a 500: the data layer
// (app/lib/supabase.server.ts) marks the request, and every route's loader and
// action is wrapped once at start-up (server.js → guardOutages) to turn the
// failure of a marked request into that 503. Nothing is cached: the next
// request tries the database again, so the app recovers by itself.
import { requestContext } from "./log.server";
import { postgrestFetch } from "./postgrest-fetch.server";

export const OUTAGE_MESSAGE = "The portal is having trouble reaching its database; try again in a minute.";
export const RETRY_AFTER_SECONDS = 60;

/** Marks the current request as having met an unreachable database. */
export function noteDatabaseUnavailable() {
  const store = requestContext.getStore();
  if (store) store.databaseUnavailable = true;
}

/** A fetch for supabase-js that notes network failures and PostgREST's "no database" answers. */
export async function observedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await postgrestFetch(input, init);
  } catch (error) {
    noteDatabaseUnavailable();
    throw error;
  }
  if (response.status === 503 || response.status === 502 || response.status === 504) noteDatabaseUnavailable();
  return response;
}

export function outageResponse() {
  return new Response(OUTAGE_MESSAGE, {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}

type Handler = (args: unknown) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };
type Build = { routes: Record<string, { module: RouteModule }> };

function guard(handler: Handler): Handler {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (requestContext.getStore()?.databaseUnavailable && !(error instanceof Response && error.status < 500)) throw outageResponse();
      throw error;
    }
  };
}

/** Wraps every route's loader and action (once per build). */
export function guardOutages(build: Build) {
  for (const route of Object.values(build.routes)) {
    const module = route.module as RouteModule & { __outageGuarded?: true };
    if (module.__outageGuarded) continue;
    route.module = {
      ...module,
      ...(module.loader ? { loader: guard(module.loader) } : {}),
      ...(module.action ? { action: guard(module.action) } : {}),
      __outageGuarded: true,
    } as RouteModule;
  }
  return build;
}
