// The built app (`node server.js`; build first with `npx remix build`) as a
// child process, its output kept (structured log lines), and a sign-in through
// the real flow over HTTP (POST /login → the emailed code → POST /verify).
import { spawn, type ChildProcess } from "node:child_process";

export type App = {
  base: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output: () => string;
  /** Its JSON log lines, parsed. */
  logLines: () => Record<string, unknown>[];
  stop: () => Promise<void>;
};

export async function startApp(port: number, env: Record<string, string | undefined>, { inheritEnv = true } = {}): Promise<App> {
  const base: Record<string, string | undefined> = inheritEnv ? process.env : { PATH: process.env.PATH };
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: { ...base, PORT: String(port), ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c));
  child.stderr!.on("data", (c: Buffer) => (output += c));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited: ${output}`);
    if (output.includes("Portal ready")) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base: `http://localhost:${port}`,
    child,
    output: () => output,
    logLines: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;

export async function postForm(base: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Signs `email` in; `codeFor` waits for the sign-in mail and returns its six-digit code. Returns the session cookie. */
export async function signIn(base: string, email: string, codeFor: (email: string) => Promise<string>, headers: Record<string, string> = {}) {
  const login = await postForm(base, "/login", { email }, headers);
  if (login.status !== 302) throw new Error(`POST /login answered ${login.status}`);
  const code = await codeFor(email);
  const verify = await postForm(base, "/verify", { code }, { ...headers, cookie: cookieOf(login) });
  if (verify.status !== 302) throw new Error(`POST /verify answered ${verify.status}`);
  return cookieOf(verify);
}

/** The latest sign-in code in the local mailbox for `email` (polls; no time limit of its own). */
export async function localMailboxCode(email: string): Promise<string> {
  for (;;) {
    const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
    const mail = ((await res.json()) as { data: { text?: string }[] }).data;
    const code = mail.map((m) => /\b(\d{6})\b/.exec(m.text ?? "")?.[1]).find(Boolean);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
}
