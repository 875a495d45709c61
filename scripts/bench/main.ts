// `npm run bench`: builds the app, starts a throwaway local stack on its own
// ports (BENCH_API_PORT, default 56521) and runs scripts/bench/run.ts behind it,
// which starts the production server (BENCH_PORT, default 3190) and measures.
// Not a test: it is never part of `npm test`. `--no-build` skips the build.
import { spawnSync, spawn } from "node:child_process";

const args = process.argv.slice(2);
if (!args.includes("--no-build")) {
  const build = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_TEST_API_PORT: process.env.BENCH_API_PORT ?? "56521" };
// A hosted SUPABASE_URL would make with-stack skip the local stack: the bench always measures the local one.
delete env.SUPABASE_URL;
// The page bench, then the digest delivery bench (scripts/bench/digest-run.ts), on the same stack.
const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
const both = `npx tsx scripts/bench/run.ts ${quoted} && npx tsx scripts/bench/digest-run.ts ${args.includes("--no-write") ? "--no-write" : ""}`;
const child = spawn("npx", ["tsx", "supabase/local/with-stack.ts", "--test", "--", "sh", "-c", both], {
  stdio: "inherit",
  env,
});
child.on("exit", (code) => process.exit(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
