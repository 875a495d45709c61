// Runs a command with the local stack behind it, the way `supabase start`
// followed by the command would:
//
//   tsx supabase/local/with-stack.ts [--test] [-- command args...]
//
// When SUPABASE_URL is set (a hosted project), no stack starts and the command
// runs as it is. Otherwise the stack starts (the persistent "dev" instance, or
// with --test a throwaway one on other ports), its URLs and keys are passed to
// the command in the environment, and it is stopped when the command ends or
// on Ctrl-C / SIGTERM. Without a command it keeps the stack up until stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { describeStack, stackEnv, startStack, type RunningStack } from "./stack.ts";

const args = process.argv.slice(2);
const test = args.includes("--test");
const dashdash = args.indexOf("--");
const command = dashdash >= 0 ? args.slice(dashdash + 1) : [];

async function main() {
  let stack: RunningStack | null = null;
  let child: ChildProcess | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env };

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (stack) await stack.stop();
    process.exit(code);
  };

  // Signals are handled from the first moment: one that arrives while the stack
  // is starting stops it as soon as it is up, rather than killing this process
  // and leaving a half-started stack behind.
  let signalled: NodeJS.Signals | null = null;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      signalled = signal;
      if (child && child.exitCode === null) child.kill(signal);
      else if (!child && stack) void shutdown(0);
    });
  }

  if (!process.env.SUPABASE_URL) {
    const started = Date.now();
    const verbose = Boolean(process.env.STACK_DEBUG);
    stack = await startStack({
      instance: "dev",
      ephemeral: test,
      apiPort: test ? Number(process.env.LOCAL_TEST_API_PORT ?? 55321) : undefined,
      log: verbose ? (line) => console.error(line) : undefined,
    });
    if (signalled) return void shutdown(0);
    console.log(`${describeStack(stack)}\n   Ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    Object.assign(env, stackEnv(stack));
    // The local stack serves plain http://localhost: session cookies cannot be Secure there.
    env.SESSION_COOKIE_SECURE ??= "false";
    if (test) env.NODE_ENV ??= "test";
  }

  if (command.length === 0) {
    if (!stack) {
      console.log("SUPABASE_URL is set: nothing to start locally.");
      return;
    }
    console.log("Press Ctrl-C to stop.");
    return;
  }

  if (signalled) return void shutdown(0);
  child = spawn(command[0], command.slice(1), { stdio: "inherit", env });
  child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 1 : 0)));
  child.on("error", (error) => {
    console.error(`Could not run ${command[0]}: ${error.message}`);
    void shutdown(127);
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
