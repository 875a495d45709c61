// `npm run bench:digest`: starts a throwaway local stack on the bench's ports
// (BENCH_API_PORT, default 56521) and runs scripts/bench/digest-run.ts behind
// it. Not a test: never part of `npm test`. Arguments pass through
// (e.g. `npm run bench:digest -- --recipients 2000 --rps 5`).
import { spawn } from "node:child_process";

const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_TEST_API_PORT: process.env.BENCH_API_PORT ?? "56521" };
// A hosted SUPABASE_URL would make with-stack skip the local stack: the bench always measures the local one.
delete env.SUPABASE_URL;
const child = spawn("npx", ["tsx", "supabase/local/with-stack.ts", "--test", "--", "npx", "tsx", "scripts/bench/digest-run.ts", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
child.on("exit", (code) => process.exit(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
