import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "./env.server";

/** What the session cookie holds: who, and which server-side session (public.auth_sessions). */
export type SessionUser = { id: string; email: string; sessionId: string };

export const SESSION_MAX_AGE = 60 * 60 * 12; // 12 hours, as SESSION_HOURS in get-viewer.server.ts

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: "__portal_session",
    httpOnly: true,
    sameSite: "lax",
    secure: env.cookieSecure,
    path: "/",
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_MAX_AGE,
  },
});

export function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}
