// app/lib/database.types.ts is generated; a migration committed without
// regenerating it leaves supabase-js typed against a schema that no longer
// exists. Generate the types from the test stack (every migration applied) into
// a temporary file, exactly as `npm run db:types` does, and compare.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { generateTypes } from "../../supabase/local/types";
import { stackEnv } from "../support/stack";

it("app/lib/database.types.ts is what `npm run db:types` generates from the migrations", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "db-types-"));
  try {
    const generated = path.join(dir, "database.types.ts");
    fs.writeFileSync(generated, await generateTypes(stackEnv.databaseUrl));
    const committed = fs.readFileSync(path.resolve(__dirname, "../../app/lib/database.types.ts"), "utf8");
    expect(committed, "app/lib/database.types.ts is stale: run `npm run db:types` and commit it").toBe(
      fs.readFileSync(generated, "utf8"),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
