// One-click pulse answers from the email (issue 10): each score link carries a
// signed, single-purpose, expiring token for one contact and one pulse.
//
//   token = "p1.<pulseId>.<personId>.<expires, unix seconds>.<HMAC-SHA256, base64url>"
//
// The key is derived from SESSION_SECRET for this one purpose (HMAC(SESSION_SECRET,
// "pulse-link")), so it is never stored in the database and a token can do nothing
// but answer that pulse as that contact until it expires. The score is not in the
// token: the email shows five links with the same token. Reading a token (the GET
// confirm page) records nothing; answering is a POST, through the same
// answer_pulse RPC the portal uses, as the contact under RLS (a second answer changes
// the first). Tokens are built when the worker renders the email (emails/registry.ts).
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../../lib/env.server";
import { dbFailure } from "../../lib/db-errors.server";
import { fail, ok, type Result } from "../../lib/result";
import { createUserClient, type Db } from "../../lib/supabase.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type PulseLink = { pulseId: string; personId: string; expiresAt: Date };

let derived: Buffer | null = null;
const key = (secret?: string) =>
  secret !== undefined
    ? createHmac("sha256", secret).update("pulse-link").digest()
    : (derived ??= createHmac("sha256", env.SESSION_SECRET).update("pulse-link").digest());

const signature = (payload: string, secret?: string) => createHmac("sha256", key(secret)).update(payload).digest("base64url");

/** The token for one contact's answer to one pulse, valid until expiresAt. */
export function signPulseLink(link: { pulseId: string; personId: string; expiresAt: Date | string }, secret?: string): string {
  const exp = Math.floor(new Date(link.expiresAt).getTime() / 1000);
  if (!UUID.test(link.pulseId) || !UUID.test(link.personId) || !Number.isFinite(exp)) throw new Error("signPulseLink: bad link");
  const payload = `p1.${link.pulseId}.${link.personId}.${exp}`;
  return `${payload}.${signature(payload, secret)}`;
}

/**
 * What a token says, if its signature holds and it has not expired. Altered, foreign
 * (another key) or malformed tokens are "invalid"; expired ones are told apart so
 * the page can say so.
 */
export function readPulseLink(token: string, now = new Date(), secret?: string): Result<PulseLink> {
  const invalidLink = fail("not_found", "This link is not valid. Open your page to answer there.");
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "p1") return invalidLink;
  const [, pulseId, personId, exp, sig] = parts as [string, string, string, string, string];
  if (!UUID.test(pulseId) || !UUID.test(personId) || !/^\d{1,12}$/.test(exp)) return invalidLink;
  const expected = Buffer.from(signature(`p1.${pulseId}.${personId}.${exp}`, secret));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalidLink;
  const expiresAt = new Date(Number(exp) * 1000);
  if (expiresAt.getTime() <= now.getTime()) {
    return fail("conflict", "This link has expired. Open your page to tell us how it is going.");
  }
  return ok({ pulseId, personId, expiresAt });
}

/** A database client acting as the link's contact (under RLS) for this one request. */
async function asContact(link: PulseLink): Promise<Db> {
  // The token vouches for the person's id only; nothing in the database reads the email claim.
  return createUserClient({ id: link.personId, email: "" });
}

export type PulseLinkPage = {
  clientName: string;
  clientSlug: string;
  askedAt: string;
  myScore: number | null;
  myComment: string | null;
};

/** What the landing page shows for a valid token. Records nothing (a prefetch is harmless). */
export async function getPulseLinkPage(token: string, now = new Date()): Promise<Result<PulseLinkPage>> {
  const read = readPulseLink(token, now);
  if (!read.ok) return read;
  const db = await asContact(read.value);
  const [pulse, answer] = await Promise.all([
    db.from("pulses").select("created_at, clients(name, slug)").eq("id", read.value.pulseId).maybeSingle(),
    db.from("pulse_answers").select("score, comment").eq("pulse_id", read.value.pulseId).eq("person_id", read.value.personId).maybeSingle(),
  ]);
  if (pulse.error || answer.error) throw new Error(`Could not load the pulse: ${(pulse.error ?? answer.error)!.message}`);
  // No longer a contact of the client (or the pulse is gone): the link leads nowhere.
  if (!pulse.data?.clients) return fail("not_found", "This link is not valid any more. Open your page to answer there.");
  return ok({
    clientName: pulse.data.clients.name,
    clientSlug: pulse.data.clients.slug,
    askedAt: pulse.data.created_at,
    myScore: answer.data?.score ?? null,
    myComment: answer.data?.comment ?? null,
  });
}

/**
 * Records the score (and the comment, when given) for the token's contact and pulse:
 * answering again changes the answer, never adds one.
 */
export async function answerPulseByLink(
  token: string,
  input: { score: number; comment?: string },
  now = new Date(),
): Promise<Result<{ answerId: string }>> {
  const read = readPulseLink(token, now);
  if (!read.ok) return read;
  const db = await asContact(read.value);
  const { data, error } = await db.rpc("answer_pulse", { p_pulse: read.value.pulseId, p_score: input.score, p_comment: input.comment ?? "" });
  if (error) return dbFailure(error, { what: "answer" });
  return ok({ answerId: (data as { id: string }).id });
}
