// Applies supabase/migrations/*.sql in order, each in its own transaction, and
// records them in supabase_migrations.schema_migrations: the table the Supabase
// CLI uses, so `supabase db push` and this runner agree on what has been applied.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { supabaseDir } from "./paths.ts";

export type Migration = { version: string; name: string; file: string };

export function listMigrations(dir = path.join(supabaseDir, "migrations")): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(f)!;
      return { version, name, file: path.join(dir, f) };
    });
}

export async function applyMigrations(client: pg.Client, migrations = listMigrations()): Promise<Migration[]> {
  await client.query(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key,
      statements text[],
      name text
    );`);
  const { rows } = await client.query<{ version: string }>("select version from supabase_migrations.schema_migrations");
  const applied = new Set(rows.map((r) => r.version));
  const fresh = migrations.filter((m) => !applied.has(m.version));
  for (const migration of fresh) {
    const sql = fs.readFileSync(migration.file, "utf8");
    try {
      await client.query("begin");
      await client.query(sql);
      await client.query(
        "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
        [migration.version, migration.name, [sql]],
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw new Error(`Migration ${path.basename(migration.file)} failed: ${(error as Error).message}`);
    }
  }
  return fresh;
}

export async function applySeed(client: pg.Client, file = path.join(supabaseDir, "seed.sql")) {
  if (!fs.existsSync(file)) return false;
  try {
    await client.query("begin");
    await client.query(fs.readFileSync(file, "utf8"));
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw new Error(`seed.sql failed: ${(error as Error).message}`);
  }
  return true;
}
