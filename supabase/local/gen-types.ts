// npm run db:types: the `Database` type for supabase-js, generated from the
// migrations the way `supabase gen types typescript --local` would, without
// Docker: a throwaway stack, then @supabase/postgres-meta's type generator.
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./paths.ts";
import { startStack } from "./stack.ts";
import { generateTypes } from "./types.ts";

const output = path.join(repoRoot, "app", "lib", "database.types.ts");

const stack = await startStack({ ephemeral: true, seed: false, apiPort: Number(process.env.LOCAL_TYPES_API_PORT ?? 56421) });
try {
  fs.writeFileSync(output, await generateTypes(stack.dbUrl));
  console.log(`Wrote ${path.relative(repoRoot, output)}`);
} finally {
  await stack.stop();
}
