// `npm run bench:portfolio` (also run by `npm run bench`): the staff portfolio
// at scale. Builds the app (unless --no-build), starts a throwaway local stack
// on BENCH_API_PORT (default 56521) and runs scripts/bench/portfolio-run.ts in
// it, which loads 2,000 clients, 100,000 milestones and 500,000 pulse answers,
// starts the production server on BENCH_PORT (default 3190) and measures /staff
// under 10 concurrent staff. Not a test: never part of `npm test`.
import { spawn, spawnSync } from "node:child_process";

const args = process.argv.slice(2);
if (!args.includes("--no-build")) {
  const build = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_TEST_API_PORT: process.env.BENCH_API_PORT ?? "56521" };
delete env.SUPABASE_URL; // always the local stack
const child = spawn(
  "npx",
  ["tsx", "supabase/local/with-stack.ts", "--test", "--", "npx", "tsx", "scripts/bench/portfolio-run.ts", ...args],
  { stdio: "inherit", env },
);
child.on("exit", (code) => process.exit(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
