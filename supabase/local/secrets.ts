// Secrets for the local stack, generated on first start and kept out of git
// (in the git-ignored state folder). The anon and service-role keys are JWTs
// signed with the JWT secret, exactly as on a Supabase project.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SignJWT, type JWK } from "jose";

export type LocalSecrets = {
  jwtSecret: string;
  postgresPassword: string;
  authenticatorPassword: string;
  sessionSecret: string;
  totpSecret: string;
  /** An ES256 key pair, as a Supabase project can import one: the private JWK (with kid). */
  jwtPrivateJwk: JWK;
  /** New-format API keys (sb_publishable_…, sb_secret_…), as hosted projects hand out. */
  publishableKey: string;
  secretKey: string;
};

/** A P-256 key pair as a private JWK with a key id. */
export function generateEs256Jwk(): JWK {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" }) as JWK;
  return { ...jwk, kid: `local-${hex(8)}`, alg: "ES256", use: "sig" };
}

/** The public half of a private JWK, for a JWKS. */
export function publicJwk(jwk: JWK): JWK {
  const { d: _d, ...rest } = jwk;
  return { ...rest, key_ops: ["verify"] };
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export function generateSecrets(): LocalSecrets {
  return {
    jwtSecret: hex(32),
    postgresPassword: hex(16),
    authenticatorPassword: hex(16),
    sessionSecret: hex(32),
    totpSecret: hex(32), // remix-auth-totp wants 64 hex characters
    jwtPrivateJwk: generateEs256Jwk(),
    publishableKey: `sb_publishable_${randomBytes(20).toString("base64url")}`,
    secretKey: `sb_secret_${randomBytes(20).toString("base64url")}`,
  };
}

/** Reads the secrets file, creating it (mode 600) on first use. */
export function loadOrCreateSecrets(file: string): LocalSecrets {
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LocalSecrets>;
    const secrets = { ...generateSecrets(), ...stored };
    // Older state folders lack the keys added since: keep the new ones for good.
    if (Object.keys(secrets).some((k) => !(k in stored))) fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
    return secrets;
  }
  const secrets = generateSecrets();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}

/** An API key in Supabase's format: a long-lived JWT carrying only a role. */
export async function apiKey(role: "anon" | "service_role", jwtSecret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role, iss: "supabase-local" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + 10 * 365 * 24 * 3600)
    .sign(new TextEncoder().encode(jwtSecret));
}
