import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests. They run inside `with-stack.ts --test`, which
// starts a throwaway local stack and passes its URLs and keys in the environment.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "emails/**/*.test.{ts,tsx}", "supabase/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
