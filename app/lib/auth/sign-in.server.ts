// Passwordless, invite-only sign-in: an email with a 6-digit code and a magic
// link (remix-auth + remix-auth-totp). The strategy keeps the pending code
// encrypted in the session cookie; the database (auth_events) adds what a
// cookie cannot: limits across browsers and codes that work only once.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { Authenticator } from "remix-auth";
import { TOTPStrategy } from "remix-auth-totp";
import SignInCodeEmail, { signInCodeSubject } from "../../../emails/sign-in-code";
import { SIGN_IN_LIMITS } from "./schema";
import { claimCodeCheck, claimCodeRequest, consumeCode, findPersonByEmail } from "./sign-in-guard.server";
import { sendEmail } from "../email.server";
import { createUserClient } from "../supabase.server";
import { absoluteUrl, env } from "../env.server";
import { clientIp } from "../request.server";
import { safeRedirect } from "../safe-redirect";
import { getSession, sessionStorage, type SessionUser } from "../session.server";
import { logger } from "../log.server";

const SESSION_EMAIL_KEY = "auth:email";
const SESSION_TOTP_KEY = "auth:totp";
const SESSION_ERROR_KEY = "auth:error";
const REDIRECT_KEY = "auth:redirectTo";
export const VERIFY_PATH = "/verify";
export const MAGIC_LINK_PATH = "/magic-link";

class SignInError extends Error {}

/** Handed only by requestSignInCode to the strategy: the proof a send passed the limit. */
const CODE_PERMIT = Symbol("code-permit");

/**
 * Emails the code to a known person; nothing for an unknown email (invite-only).
 * Runs after the response: a failure is logged, and the person asks again.
 * The link is built on the configured origin (APP_URL), never the request's Host.
 */
async function deliverCode(email: string, code: string) {
  try {
    const person = await findPersonByEmail(email);
    if (!person) return;
    await sendEmail({
      to: email,
      subject: signInCodeSubject(),
      react: SignInCodeEmail({
        code,
        magicLink: absoluteUrl(`${MAGIC_LINK_PATH}?${new URLSearchParams({ code })}`),
        personName: person.full_name,
        validMinutes: SIGN_IN_LIMITS.codeValidMinutes,
      }),
    });
  } catch (error) {
    logger.error({ err: error }, "Sign-in code email not sent");
  }
}

const authenticator = new Authenticator<SessionUser>(sessionStorage, {
  sessionKey: "user",
  sessionErrorKey: SESSION_ERROR_KEY,
});

authenticator.use(
  new TOTPStrategy<SessionUser>(
    {
      secret: env.TOTP_SECRET,
      magicLinkPath: MAGIC_LINK_PATH,
      totpGeneration: {
        digits: 6,
        charSet: "0123456789",
        period: SIGN_IN_LIMITS.codeValidMinutes * 60,
        // The cookie's own counter is only a courtesy (a replayed cookie resets it):
        // the real limit is claimCodeCheck, in the database.
        maxAttempts: SIGN_IN_LIMITS.wrongCodesPerEmail,
      },
      customErrors: {
        invalidTotp: "That code is not right. Check the email and try again.",
        expiredTotp: "That code has expired or was replaced. Request a new one.",
        missingSessionEmail: "Your sign-in expired. Enter your email to get a new code.",
      },
      // Every code that is sent went through the atomic request limit: only
      // requestSignInCode passes the permit (a POST to /verify that carries an
      // email does not reach here, and would be refused if it did).
      sendTOTP: async ({ email, code, context }) => {
        if ((context as { codePermit?: unknown } | undefined)?.codePermit !== CODE_PERMIT) {
          throw new Error("A sign-in code may only be sent through the code request limit.");
        }
        // Answer first, send after: known and unknown emails get the same
        // response after the same work (the limit), so timing says nothing.
        setImmediate(() => void deliverCode(email, code));
      },
    },
    async ({ email, request, context }) => {
      const person = await findPersonByEmail(email);
      if (!person) throw new SignInError("We could not sign you in. Request a new code.");
      // The encrypted code in the cookie identifies this code: using it twice fails.
      const session = await getSession(request);
      const pending = session.get(SESSION_TOTP_KEY) as { jwe?: string } | undefined;
      if (!pending?.jwe || !(await consumeCode(pending.jwe, email, clientIp(context)))) {
        throw new SignInError("That code was already used. Request a new one.");
      }
      return { id: person.id, email: person.email, sessionId: await startSession(person, request) };
    },
  ),
);

export async function getUser(request: Request): Promise<SessionUser | null> {
  const session = await getSession(request);
  return (session.get("user") as SessionUser | undefined) ?? null;
}

/** The signed-in person, or a redirect to sign in that remembers where they were going. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  throw redirect(`/login?${params}`);
}

export async function readAuthError(request: Request) {
  const session = await getSession(request);
  const error = session.get(SESSION_ERROR_KEY) as { message?: string } | undefined;
  return {
    error: error?.message ?? null,
    pendingEmail: (session.get(SESSION_EMAIL_KEY) as string | undefined) ?? null,
    headers: { "Set-Cookie": await sessionStorage.commitSession(session) },
  };
}

type LimitResult = { limited: string };

/** Step 1: email a code. Returns a message when rate limited; otherwise throws the redirect. */
export async function requestSignInCode(
  request: Request,
  context: AppLoadContext,
  input: { email: string; redirectTo?: string },
): Promise<LimitResult> {
  const limited = await claimCodeRequest(input.email, clientIp(context));
  if (limited) return { limited };

  const formData = new FormData();
  formData.set("email", input.email);
  try {
    await authenticator.authenticate("TOTP", withoutBody(request), {
      successRedirect: VERIFY_PATH,
      failureRedirect: "/login",
      context: { ...context, formData, codePermit: CODE_PERMIT },
    });
  } catch (response) {
    if (response instanceof Response && response.headers.get("Location") === VERIFY_PATH) {
      // Remember where the person was going, in the same (signed) session.
      const session = await sessionStorage.getSession(cookieFrom(response));
      session.set(REDIRECT_KEY, safeRedirect(input.redirectTo, "/"));
      throw redirect(VERIFY_PATH, { headers: { "Set-Cookie": await sessionStorage.commitSession(session) } });
    }
    throw response;
  }
  throw new Error("unreachable: the TOTP strategy always redirects");
}

/** Step 2: check a code from the form, or from a magic link (GET). */
export async function verifySignInCode(request: Request, context: AppLoadContext, code?: string): Promise<LimitResult> {
  const session = await getSession(request);
  const email = session.get(SESSION_EMAIL_KEY) as string | undefined;
  if (!email) {
    // A magic link opened in another browser (or after the code was replaced) has no pending sign-in here.
    const fromLink = new URL(request.url).pathname === MAGIC_LINK_PATH;
    throw redirect(fromLink ? "/login?reason=link-elsewhere" : "/login");
  }
  // The guess is recorded before it is checked, in one atomic step: at most the limit are ever checked.
  const limited = await claimCodeCheck(email, clientIp(context));
  if (limited) return { limited };

  // Only the code reaches the strategy: a form that also carries an email
  // would otherwise make it send a fresh code instead of checking this one.
  const formData = new FormData();
  if (code !== undefined) formData.set("code", code);
  await authenticator.authenticate("TOTP", withoutBody(request), {
    successRedirect: "/auth/continue",
    failureRedirect: VERIFY_PATH,
    context: { ...context, formData },
  });
  throw new Error("unreachable: the TOTP strategy always redirects");
}

/** After sign-in: go where the person was going, then forget it. */
export async function continueAfterSignIn(request: Request) {
  const session = await getSession(request);
  const target = safeRedirect(session.get(REDIRECT_KEY) as string | undefined, "/");
  session.unset(REDIRECT_KEY);
  return redirect(target, { headers: { "Set-Cookie": await sessionStorage.commitSession(session) } });
}

/** A server-side session row, created as the person (RLS: their own), so signing out can end it. */
async function startSession(person: { id: string; email: string }, request: Request): Promise<string> {
  const db = await createUserClient(person);
  const { data, error } = await db
    .from("auth_sessions")
    .insert({ person_id: person.id, user_agent: request.headers.get("user-agent")?.slice(0, 500) ?? null })
    .select("id")
    .single();
  if (error) throw new Error(`Could not start the session: ${error.message}`);
  return data.id;
}

/**
 * Ends the session: the server-side row is revoked (a copied cookie stops
 * working), and the cookie is cleared. With `returnTo`, the person is sent to
 * sign in again and come back there (their session ended elsewhere or expired).
 */
export async function signOut(request: Request, { returnTo }: { returnTo?: string } = {}) {
  const session = await getSession(request);
  const user = session.get("user") as SessionUser | undefined;
  if (user?.sessionId) {
    const db = await createUserClient(user);
    const { error } = await db.from("auth_sessions").update({ revoked_at: new Date().toISOString() }).eq("id", user.sessionId).is("revoked_at", null);
    if (error) throw new Error(`Could not end the session: ${error.message}`);
  }
  const target = returnTo ? `/login?${new URLSearchParams({ redirectTo: returnTo })}` : "/login?signedOut=1";
  return redirect(target, { headers: { "Set-Cookie": await sessionStorage.destroySession(session) } });
}

/** The route already read the body; the strategy gets the parsed form through `context.formData`. */
function withoutBody(request: Request) {
  return new Request(request.url, { method: request.method, headers: request.headers });
}

function cookieFrom(response: Response) {
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  return setCookie.split(";")[0] ?? null;
}
