// Each request gets its own supabase-js client carrying a short-lived JWT for
// the signed-in person (role "authenticated", sub = their id), so PostgREST
// runs every query under Row Level Security as that person.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { LRUCache } from "lru-cache";
import { importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK } from "jose";
import WebSocket from "ws";
import type { Database } from "./database.types";
import { env } from "./env.server";
import { observedFetch } from "./outage.server";

/** What the app uses of its supabase-js client: tables and RPCs through PostgREST. */
export type Db = Pick<SupabaseClient<Database>, "from" | "rpc">;

const ACCESS_TOKEN_SECONDS = 5 * 60;

type SigningKey = { alg: "ES256" | "HS256"; kid?: string; key: CryptoKey | Uint8Array };
let signingKey: Promise<SigningKey> | null = null;

/**
 * The key the app signs its per-request JWTs with: an imported ES256 private
 * key when SUPABASE_JWT_PRIVATE_KEY is set (a JWK as JSON, or a PKCS#8 PEM;
 * the key id from the JWK's "kid" or SUPABASE_JWT_KEY_ID), else the legacy
 * HS256 secret.
 */
export function loadSigningKey(source: { privateKey?: string; keyId?: string; secret?: string }): Promise<SigningKey> {
  return (async (): Promise<SigningKey> => {
    const raw = source.privateKey?.trim();
    if (raw) {
      if (raw.startsWith("{")) {
        const jwk = JSON.parse(raw) as JWK;
        if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d) throw new Error("SUPABASE_JWT_PRIVATE_KEY must be an EC P-256 private JWK");
        const kid = source.keyId ?? jwk.kid;
        return { alg: "ES256", kid, key: (await importJWK(jwk, "ES256")) as CryptoKey };
      }
      return { alg: "ES256", kid: source.keyId, key: await importPKCS8(raw, "ES256") };
    }
    if (!source.secret) throw new Error("No JWT signing key: set SUPABASE_JWT_PRIVATE_KEY or SUPABASE_JWT_SECRET");
    // Imported once as a WebCrypto key: handing jose the raw secret re-imports it on
    // every token (1.6 ms a token against 0.09 ms, measured on the 2-CPU bench machine).
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(source.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return { alg: "HS256", key: key as CryptoKey };
  })();
}

/** Extra claims the server vouches for, e.g. `{ portal_request: { ip, ua } }` read by the sign-off evidence trigger. */
export type ExtraClaims = Record<string, unknown>;

export type MintOptions = {
  /** Sign with this key instead of the configured one (tests). */
  signingKey?: SigningKey;
  /** Claims added to the token; they cannot replace `role` or `email`. */
  claims?: ExtraClaims;
};

export async function mintAccessToken(person: { id: string; email: string }, seconds = ACCESS_TOKEN_SECONDS, options: MintOptions = {}) {
  signingKey ??= loadSigningKey({ privateKey: env.SUPABASE_JWT_PRIVATE_KEY, keyId: env.SUPABASE_JWT_KEY_ID, secret: env.SUPABASE_JWT_SECRET });
  const { alg, kid, key } = options.signingKey ?? (await signingKey);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...options.claims, role: "authenticated", email: person.email })
    .setProtectedHeader(kid ? { alg, typ: "JWT", kid } : { alg, typ: "JWT" })
    .setSubject(person.id)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .sign(key);
}

type ClientOptions = { accessToken?: string; apiKey: string; onRequest?: () => void };

export function buildClient({ accessToken, apiKey, onRequest }: ClientOptions): Db {
  // supabase-js, as the stack requires (ADR 0009 on its cost: ~0.3 ms a request).
  return createClient<Database>(env.SUPABASE_URL, apiKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
      fetch: (input, init) => {
        onRequest?.();
        return observedFetch(input, init);
      },
    },
    // Node 20 has no global WebSocket; realtime is unused but constructed.
    realtime: { transport: WebSocket as unknown as never },
  });
}

// A person's client (and the token in it) serves their requests for a minute,
// then a fresh token is minted: signing a token and building a client on every
// request was a visible share of a page's CPU (issue 13). The token lives five
// minutes, so a cached one always has four left. Only plain clients are kept;
// one with extra claims (sign-off evidence) or a request counter is always new.
// Whether the session is still valid is checked on every request regardless
// (app/lib/viewer.server.ts), and RLS decides what the token may read.
const REUSE_MS = 60_000;
const userClients = new LRUCache<string, Db>({ max: 10_000, ttl: REUSE_MS, ttlAutopurge: false });

/** A client acting as the signed-in person, under RLS. */
export async function createUserClient(
  person: { id: string; email: string },
  onRequest?: () => void,
  extraClaims?: ExtraClaims,
): Promise<Db> {
  const plain = !onRequest && !extraClaims;
  const key = `${person.id}\n${person.email}`;
  const cached = plain ? userClients.get(key) : undefined;
  if (cached) return cached;
  const db = buildClient({ accessToken: await mintAccessToken(person, undefined, { claims: extraClaims }), apiKey: env.SUPABASE_ANON_KEY, onRequest });
  if (plain) userClients.set(key, db);
  return db;
}
