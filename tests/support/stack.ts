// Test access to the running stack, through PostgREST like the app: supabase-js
// clients acting as a given person (a real JWT, under RLS), as anon, or as the
// service role (for seeding only). Never a fake of our database.
import { randomUUID } from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import pg from "pg";
import WebSocket from "ws";
import type { Database } from "~/lib/database.types";

export type Db = SupabaseClient<Database>;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through \`npm test\` (it starts the local stack).`);
  return value;
}

export const stackEnv = {
  get url() {
    return required("SUPABASE_URL");
  },
  get anonKey() {
    return required("SUPABASE_ANON_KEY");
  },
  get serviceRoleKey() {
    return required("SUPABASE_SERVICE_ROLE_KEY");
  },
  get jwtSecret() {
    return required("SUPABASE_JWT_SECRET");
  },
  get databaseUrl() {
    return required("DATABASE_URL");
  },
};

function client(apiKey: string, accessToken?: string, onRequest?: (url: string) => void): Db {
  return createClient<Database>(stackEnv.url, apiKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
      fetch: (input, init) => {
        onRequest?.(String(input));
        return fetch(input, init);
      },
    },
    realtime: { transport: WebSocket as unknown as never },
  });
}

export async function tokenFor(personId: string, claims: Record<string, unknown> = {}, secret = stackEnv.jwtSecret) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: "authenticated", ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(personId)
    .setAudience("authenticated")
    .setIssuedAt(now)
    // An hour, not the app's few minutes: a test file signs its people in once in
    // beforeAll, and the attack matrix alone can outlast five minutes on a busy machine.
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(secret));
}

/** A client acting as this person, exactly as the app's per-request client does. */
export async function asPerson(personId: string): Promise<Db> {
  return client(stackEnv.anonKey, await tokenFor(personId));
}

/** Like asPerson, and counts the PostgREST round trips it makes (to keep pages within their budget). */
export async function asPersonCounting(personId: string) {
  const requests: string[] = [];
  const db = client(stackEnv.anonKey, await tokenFor(personId), (url) => requests.push(url));
  return { db, requests };
}

export function asAnon(): Db {
  return client(stackEnv.anonKey);
}

/** Seeding and cleanup only: bypasses RLS. */
export function serviceDb(): Db {
  return client(stackEnv.serviceRoleKey);
}

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
  await db.connect();
  try {
    return (await db.query<T>(text, values)).rows;
  } finally {
    await db.end();
  }
}

export const uniq = (prefix = "t") => `${prefix}-${randomUUID().slice(0, 8)}`;
