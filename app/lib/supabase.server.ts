// Each request gets its own supabase-js client carrying a short-lived JWT for
// the signed-in person (role "authenticated", sub = their id), so PostgREST
// runs every query under Row Level Security as that person.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import WebSocket from "ws";
import type { Database } from "./database.types";
import { env } from "./env.server";

export type Db = SupabaseClient<Database>;

const ACCESS_TOKEN_SECONDS = 5 * 60;

/** Extra claims the server vouches for, e.g. `{ portal_request: { ip, ua } }` read by the sign-off evidence trigger. */
export type ExtraClaims = Record<string, unknown>;

export async function mintAccessToken(person: { id: string; email: string }, seconds = ACCESS_TOKEN_SECONDS, extraClaims: ExtraClaims = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...extraClaims, role: "authenticated", email: person.email })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(person.id)
    .setAudience("authenticated")
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .sign(new TextEncoder().encode(env.SUPABASE_JWT_SECRET));
}

type ClientOptions = { accessToken?: string; apiKey: string; onRequest?: () => void };

export function buildClient({ accessToken, apiKey, onRequest }: ClientOptions): Db {
  return createClient<Database>(env.SUPABASE_URL, apiKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
      fetch: (input, init) => {
        onRequest?.();
        return fetch(input, init);
      },
    },
    // Node 20 has no global WebSocket; realtime is unused but constructed.
    realtime: { transport: WebSocket as unknown as never },
  });
}

/** A client acting as the signed-in person, under RLS. */
export async function createUserClient(
  person: { id: string; email: string },
  onRequest?: () => void,
  extraClaims?: ExtraClaims,
): Promise<Db> {
  return buildClient({ accessToken: await mintAccessToken(person, undefined, extraClaims), apiKey: env.SUPABASE_ANON_KEY, onRequest });
}
