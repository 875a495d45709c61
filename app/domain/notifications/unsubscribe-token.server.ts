// Signed, single-purpose unsubscribe tokens (docs/decisions/0013).
//
// A token names one contact, one client and one kind of email ("updates",
// "sign_off_requests", "date_changes" or "digest") and carries an HMAC-SHA256
// over those and its purpose, so it cannot be altered, reused for another
// person, client or kind, or used as any other kind of token. It does not
// expire: an unsubscribe link in a months-old email must still work. What it
// may do is limited to that one kind (stop it, or move it to another frequency).
//
// The key is UNSUBSCRIBE_SECRET when configured, else derived (HKDF) from
// SESSION_SECRET, which the local stack generates at first start; both live
// only on the server.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "~/lib/env.server";

export const UNSUBSCRIBE_KINDS = ["updates", "sign_off_requests", "date_changes", "digest"] as const;
export type UnsubscribeKind = (typeof UNSUBSCRIBE_KINDS)[number];

export type UnsubscribeClaim = { personId: string; clientId: string; kind: UnsubscribeKind };

const PURPOSE = "unsubscribe:v1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let cachedKey: Buffer | null = null;
function key(): Buffer {
  if (cachedKey) return cachedKey;
  const configured = process.env.UNSUBSCRIBE_SECRET;
  if (configured && configured.length < 32) throw new Error("UNSUBSCRIBE_SECRET must be at least 32 characters");
  cachedKey = configured
    ? Buffer.from(configured)
    : Buffer.from(hkdfSync("sha256", env.SESSION_SECRET, "onboarding-portal", PURPOSE, 32));
  return cachedKey;
}

const kindCode: Record<UnsubscribeKind, string> = { updates: "u", sign_off_requests: "s", date_changes: "d", digest: "g" };
const codeKind = Object.fromEntries(Object.entries(kindCode).map(([k, v]) => [v, k])) as Record<string, UnsubscribeKind>;

function sign(body: string, secret = key()): string {
  return createHmac("sha256", secret).update(`${PURPOSE}:${body}`).digest("base64url");
}

/** `<kind code>.<person>.<client>.<signature>`: URL-safe. */
export function unsubscribeToken(claim: UnsubscribeClaim, secret?: Buffer): string {
  const body = `${kindCode[claim.kind]}.${claim.personId}.${claim.clientId}`;
  return `${body}.${sign(body, secret)}`;
}

/** The claim a token carries, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(token: string, secret?: Buffer): UnsubscribeClaim | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [code, personId, clientId, signature] = parts as [string, string, string, string];
  const kind = codeKind[code];
  if (!kind || !UUID.test(personId) || !UUID.test(clientId)) return null;
  const expected = Buffer.from(sign(`${code}.${personId}.${clientId}`, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { personId, clientId, kind };
}
