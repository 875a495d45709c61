// The local stack itself: starts from npm packages, applies migrations once,
// seeds a new database, keeps data between runs, runs beside another stack
// (the one these tests run on), and leaves no process behind when stopped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir, supabaseDir } from "./paths.ts";
import { startStack, type RunningStack } from "./stack.ts";

const API_PORT = Number(process.env.STACK_TEST_API_PORT ?? 59321);
const stateDir = makeTempDir("portal-stack-test-");
const migrationsDir = makeTempDir("portal-migrations-");
for (const f of fs.readdirSync(path.join(supabaseDir, "migrations"))) {
  fs.copyFileSync(path.join(supabaseDir, "migrations", f), path.join(migrationsDir, f));
}
let running: RunningStack | null = null;

afterAll(async () => {
  await running?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.rmSync(migrationsDir, { recursive: true, force: true });
});

async function rest(stack: RunningStack, pathAndQuery: string, init: RequestInit = {}, key = stack.serviceRoleKey) {
  return fetch(`${stack.restUrl}${pathAndQuery}`, {
    ...init,
    headers: { apikey: key, "content-type": "application/json", ...(init.headers ?? {}) },
  });
}

async function refused(url: string) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

describe("the local stack", () => {
  it("starts a new database with every migration and the seed, behind /rest/v1", async () => {
    running = await startStack({ stateDir, migrationsDir, apiPort: API_PORT });
    expect(running.created).toBe(true);
    expect(running.appliedMigrations.length).toBe(fs.readdirSync(migrationsDir).length);

    const clients = await (await rest(running, "/clients?select=slug&order=slug")).json();
    expect(clients).toEqual([{ slug: "bluebell" }, { slug: "northwind" }]);

    // Like Kong: no apikey, no entry; the anon key alone sees no rows of ours.
    expect((await fetch(`${running.restUrl}/clients`)).status).toBe(401);
    expect((await rest(running, "/clients", {}, running.anonKey)).status).toBe(401);
  });

  it("stops cleanly, leaving no postgres or postgrest behind", async () => {
    await rest(running!, "/clients", {
      method: "POST",
      body: JSON.stringify({ slug: "kept-between-runs", name: "Kept between runs" }),
    });
    const pidFile = path.join(stateDir, "db", "postmaster.pid");
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    await running!.stop();
    running = null;
    expect(fs.existsSync(pidFile)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await refused(`http://127.0.0.1:${API_PORT}/health`)).toBe(true);
    expect(await refused(`http://127.0.0.1:${API_PORT + 11}/ready`)).toBe(true);
  });

  it("keeps data between runs and applies only new migrations on the next start", async () => {
    fs.writeFileSync(
      path.join(migrationsDir, "29991231000000_added_later.sql"),
      "create table public.added_later (id int primary key);\nalter table public.added_later enable row level security;\n",
    );
    running = await startStack({ stateDir, migrationsDir, apiPort: API_PORT });
    expect(running.created).toBe(false);
    expect(running.appliedMigrations.map((m) => m.name)).toEqual(["added_later"]);
    const kept = await (await rest(running, "/clients?slug=eq.kept-between-runs&select=name")).json();
    expect(kept).toEqual([{ name: "Kept between runs" }]);
    // The seed runs only into a new database: still exactly the two demo clients plus ours.
    const all = await (await rest(running, "/clients?select=slug")).json();
    expect(all).toHaveLength(3);
    await running.stop();
    running = null;
  });

  it("with-stack runs a command against the stack and stops everything on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(supabaseDir, "local", "with-stack.ts"), "--test", "--", "sleep", "60"],
      { env: { ...process.env, SUPABASE_URL: "", LOCAL_TEST_API_PORT: String(API_PORT + 100) }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!output.includes("Ready in") && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toContain(`API URL: http://127.0.0.1:${API_PORT + 100}`);
    expect(output).toMatch(/service_role key: ey/);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).not.toBeNull();
    expect(await refused(`http://127.0.0.1:${API_PORT + 100}/health`)).toBe(true);
    expect(await refused(`http://127.0.0.1:${API_PORT + 111}/ready`)).toBe(true);
  });
});
