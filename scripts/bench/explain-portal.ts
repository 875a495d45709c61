// Diagnostic: the query plan of the client page's embedded select, as PostgREST
// runs it for a signed-in contact (EXPLAIN ANALYZE, BUFFERS through PostgREST's
// plan media type). The page itself now reads through the client_page function
// (ADR 0016), which returns the same rows; the select remains the shape it keeps. Run it on a throwaway stack:
//   npx tsx supabase/local/with-stack.ts --test -- npx tsx scripts/bench/explain-portal.ts [email] [slug] [document id]
// With a document id, the requirement page's select instead of the client page's.
import pg from "pg";
import { createClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import WebSocket from "ws";

const email = process.argv[2] ?? "dana@northwind.example";
const slug = process.argv[3] ?? "northwind";
const documentId = process.argv[4];
const { DATABASE_URL, SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_JWT_SECRET } = process.env;
if (!DATABASE_URL || !SUPABASE_URL || !SUPABASE_ANON_KEY || !SUPABASE_JWT_SECRET) {
  throw new Error("Run under supabase/local/with-stack.ts (it sets DATABASE_URL, SUPABASE_URL and the keys).");
}

const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
const person = (await db.query<{ id: string }>("select id from public.people where email = $1", [email])).rows[0];
if (!person) throw new Error(`No person ${email}`);
await db.query("alter role authenticator set pgrst.db_plan_enabled = 'true'");
await db.query("notify pgrst, 'reload config'");
// Count calls of the policy helper functions (PL/SQL functions that are not inlined).
await db.query("alter system set track_functions = 'all'");
await db.query("select pg_reload_conf()");
await new Promise((r) => setTimeout(r, 500));

const token = await new SignJWT({ role: "authenticated", email })
  .setProtectedHeader({ alg: "HS256", typ: "JWT" })
  .setSubject(person.id)
  .setAudience("authenticated")
  .setIssuedAt()
  .setExpirationTime("5m")
  .sign(new TextEncoder().encode(SUPABASE_JWT_SECRET));

const { PORTAL_SELECT: select } = await import("../../app/domain/portal/get-client-portal.server.ts");
const { REQUIREMENT_SELECT } = await import("../../app/domain/requirements/get-requirement-document.server.ts");

let plan = "";
const client = createClient(SUPABASE_URL, SUPABASE_ANON_KEY, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: WebSocket as unknown as never },
  global: {
    headers: { Authorization: `Bearer ${token}` },
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("Accept", "application/vnd.pgrst.plan+text; options=analyze|buffers");
      const res = await fetch(input, { ...init, headers });
      plan = await res.text();
      return new Response("null", { status: 200, headers: { "content-type": "application/json" } });
    },
  },
});
const runs = Number(process.env.RUNS ?? 5);
await new Promise((r) => setTimeout(r, 300));
await db.query("select pg_stat_reset()");
const timings: string[] = [];
const planning: number[] = [];
const execution: number[] = [];
for (let i = 0; i < runs; i++) {
  if (documentId) {
    await client.from("clients").select(REQUIREMENT_SELECT).eq("slug", slug).eq("requirement_documents.id", documentId).maybeSingle();
  } else {
    await client
      .from("clients")
      .select(select)
      .eq("slug", slug)
      .order("position", { referencedTable: "phases" })
      .order("position", { referencedTable: "success_criteria" })
      .order("changed_at", { referencedTable: "date_changes", ascending: false })
      .order("created_at", { referencedTable: "requirement_documents" })
      .maybeSingle();
  }
  planning.push(Number(/Planning Time: ([\d.]+)/.exec(plan)?.[1]));
  execution.push(Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1]));
  timings.push(`run ${i + 1}: ${/Planning Time: .*/.exec(plan)?.[0]}, ${/Execution Time: .*/.exec(plan)?.[0]}`);
}
if (!process.env.QUIET) console.log(plan);
if (!process.env.QUIET) console.log(timings.join("\n"));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `Planning: min ${Math.min(...planning)} ms, median ${median(planning)} ms; ` +
    `execution: min ${Math.min(...execution)} ms, median ${median(execution)} ms (${runs} runs)`,
);
await new Promise((r) => setTimeout(r, 11_000));
const calls = await db.query<{ fn: string; calls: string }>(
  "select schemaname || '.' || funcname as fn, calls from pg_stat_user_functions where schemaname in ('app_private', 'auth') order by calls desc",
);
console.log(`\nFunction calls per request (${runs} requests):`);
for (const row of calls.rows) console.log(`  ${row.fn}: ${Number(row.calls) / runs}`);
await db.end();
const subplans = plan.match(/SubPlan \d+/g) ?? [];
const initplans = plan.match(/InitPlan \d+/g) ?? [];
console.log(`\nSubPlans: ${new Set(subplans).size}, InitPlans: ${new Set(initplans).size}`);
