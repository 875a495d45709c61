// The server's environment, parsed once at boot. Secrets stay in *.server.ts
// files; only `publicEnv` (an explicit allow-list) may reach the browser.
import { z } from "zod";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/i, "must be 64 hexadecimal characters");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SUPABASE_URL: z.string().url(),
  SUPABASE_ANON_KEY: z.string().min(20),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20),
  // New-format keys (sb_publishable_…, sb_secret_…) or legacy JWT keys both work here.
  // The legacy shared secret (HS256), or an imported ES256 private key (JWK JSON or PKCS#8 PEM) with its key id.
  SUPABASE_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SUPABASE_JWT_PRIVATE_KEY: z.string().min(1).optional(),
  SUPABASE_JWT_KEY_ID: z.string().min(1).optional(),
  // The one origin every absolute URL the app writes comes from (magic links, email and calendar links).
  APP_URL: z.string().url().optional(),
  PORT: z.string().regex(/^\d+$/).optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters"),
  SESSION_COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  TOTP_SECRET: hex64,
  RESEND_API_KEY: z.string().optional(),
  LOCAL_MAILBOX_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default("Harbor Benefits <onboarding@harborbenefits.example>"),
  PROVIDER_NAME: z.string().default("Harbor Benefits"),
  // The provider's logo in the header of every page: a path the app serves (public/), e.g. /brand/acme.svg.
  PROVIDER_LOGO_PATH: z
    .string()
    .regex(/^\/(?!\/)[\w./-]+$/, "must be a path on this site, such as /brand/logo.svg")
    .default("/brand/provider-logo.svg"),
});

export type Env = z.infer<typeof schema> & {
  /** The configured origin, e.g. https://portal.example.com (no path). */
  appUrl: URL;
  cookieSecure: boolean;
  mailboxEnabled: boolean;
};

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(
      `The server environment is incomplete:\n${problems}\n` +
        "Run the app with `npm start` / `npm run dev` to use the local stack, or set these variables (see README).",
    );
  }
  const env = result.data;
  const production = env.NODE_ENV === "production";
  if (production && !env.RESEND_API_KEY) {
    throw new Error("RESEND_API_KEY is required in production (the local mailbox is never on in production).");
  }
  if (!env.SUPABASE_JWT_SECRET && !env.SUPABASE_JWT_PRIVATE_KEY) {
    throw new Error("Set SUPABASE_JWT_PRIVATE_KEY (an imported ES256 key) or SUPABASE_JWT_SECRET (the legacy secret).");
  }
  if (production && !env.APP_URL) {
    throw new Error("APP_URL is required in production: the origin people reach the portal at, e.g. https://portal.example.com.");
  }
  const appUrl = new URL(env.APP_URL ?? `http://localhost:${env.PORT ?? "3000"}`);
  if (!["http:", "https:"].includes(appUrl.protocol) || appUrl.pathname !== "/" || appUrl.search || appUrl.hash || appUrl.username) {
    throw new Error(`APP_URL must be an http(s) origin without a path, like https://portal.example.com (got ${env.APP_URL}).`);
  }
  const https = appUrl.protocol === "https:";
  return {
    ...env,
    appUrl,
    // An https origin always gets Secure cookies; otherwise SESSION_COOKIE_SECURE=true asks for them.
    cookieSecure: https || env.SESSION_COOKIE_SECURE === "true",
    // The local mailbox catches mail only when no real provider is configured, and never in production.
    mailboxEnabled: !production && !env.RESEND_API_KEY && Boolean(env.LOCAL_MAILBOX_URL),
  };
}

export const env: Env = parseEnv(process.env);

/** An absolute URL on the configured origin (APP_URL), never on the request's Host. */
export function absoluteUrl(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`absoluteUrl wants a path starting with one "/": ${path}`);
  return new URL(path, env.appUrl).href;
}

/** The configured origin, e.g. "https://portal.example.com". */
export const appOrigin = env.appUrl.origin;

/** What the browser may know. Nothing secret belongs here. */
export const publicEnv = {
  providerName: env.PROVIDER_NAME,
  providerLogo: env.PROVIDER_LOGO_PATH,
  mailboxEnabled: env.mailboxEnabled,
};
export type PublicEnv = typeof publicEnv;
