// The server's environment, parsed once at boot. Secrets stay in *.server.ts
// files; only `publicEnv` (an explicit allow-list) may reach the browser.
import { z } from "zod";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/i, "must be 64 hexadecimal characters");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SUPABASE_URL: z.string().url(),
  SUPABASE_ANON_KEY: z.string().min(20),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20),
  SUPABASE_JWT_SECRET: z.string().min(32, "must be at least 32 characters"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters"),
  SESSION_COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  TOTP_SECRET: hex64,
  RESEND_API_KEY: z.string().optional(),
  LOCAL_MAILBOX_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default("Harbor Benefits <onboarding@harborbenefits.example>"),
  PROVIDER_NAME: z.string().default("Harbor Benefits"),
});

export type Env = z.infer<typeof schema> & { cookieSecure: boolean; mailboxEnabled: boolean };

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
  if (env.NODE_ENV === "production" && !env.RESEND_API_KEY && !env.LOCAL_MAILBOX_URL) {
    throw new Error("RESEND_API_KEY is required in production (or LOCAL_MAILBOX_URL for a local mailbox).");
  }
  return {
    ...env,
    cookieSecure: env.SESSION_COOKIE_SECURE ? env.SESSION_COOKIE_SECURE === "true" : env.NODE_ENV === "production",
    // The local mailbox catches mail only when no real provider is configured.
    mailboxEnabled: !env.RESEND_API_KEY && Boolean(env.LOCAL_MAILBOX_URL),
  };
}

export const env: Env = parseEnv(process.env);

/** What the browser may know. Nothing secret belongs here. */
export const publicEnv = {
  providerName: env.PROVIDER_NAME,
  mailboxEnabled: env.mailboxEnabled,
};
export type PublicEnv = typeof publicEnv;
