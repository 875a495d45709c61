// Row Level Security, attacked through PostgREST with real JWTs.
//
// Every table in the exposed schema `public` x every actor x select, insert,
// update and delete, and every function in `public` that a caller can execute
// (/rpc) x every actor. The matrix is data, one file per area in
// tests/security/matrix/<area>.cases.ts (shared vocabulary in context.ts): a
// feature that adds a table adds its rows to its area's `visibility` and
// `mutations`, and one that adds a function adds its rows to `rpcs`; a new
// area is one more import below. The coverage guards at the end name whatever
// is missing.
//
// PostgREST semantics the assertions rely on:
//   * a SELECT hidden by RLS returns [] (no error);
//   * an UPDATE/DELETE hidden by RLS affects 0 rows without error, so every
//     update/delete asks for the affected rows (.select()) and the service role
//     then reads the row back to prove it is unchanged;
//   * an INSERT (or an UPDATE's new row) failing WITH CHECK, and any missing
//     grant (table, column or function), is SQLSTATE 42501 (HTTP 401 for anon,
//     403 for a signed-in person);
//   * BEFORE triggers run before the WITH CHECK of the row they return, so a
//     trigger's own error (23514, 42501) can come first.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DENIED,
  disposeMatrix,
  NONE,
  OK,
  outcomes,
  seedMatrix,
  SKIP,
  sorted,
  w,
  type Attempt,
  type Mutation,
  type RpcCase,
  type Visibility,
} from "./matrix/context";
import { ACTORS, describeOutcome, type Actor, type Outcome, type StandardActor } from "../support/attack";
import { HANDOFF_RPCS, HANDOFF_TABLES, TRANSITION_RPCS, TRANSITION_TABLES } from "../support/handoff";
import { sql, stackEnv, type Db } from "../support/stack";
import * as auth from "./matrix/auth.cases";
import * as portal from "./matrix/portal.cases";
import * as requirements from "./matrix/requirements.cases";
import * as templates from "./matrix/templates.cases";
import * as tenancy from "./matrix/tenancy.cases";

const AREAS = [tenancy, auth, portal, templates, requirements];
const VISIBILITY: Visibility[] = AREAS.flatMap((a) => a.visibility);
const MUTATIONS: Mutation[] = AREAS.flatMap((a) => a.mutations);
const RPCS: RpcCase[] = [...tenancy.rpcs, ...templates.rpcs];

beforeAll(seedMatrix);

afterAll(disposeMatrix);

// ---------------------------------------------------------------- select

describe("select: who sees which seeded rows", () => {
  for (const v of VISIBILITY) {
    describe(v.table, () => {
      for (const [actor, expected] of Object.entries(v.sees) as [Actor, string[] | "denied"][]) {
        const title = expected === DENIED ? "is denied (42501)" : `sees exactly [${expected.join(", ")}]`;
        it(`${actor} ${title}`, async () => {
          const { labels, error } = await v.read(w.db[actor]);
          if (expected === DENIED) {
            expect(error?.code).toBe("42501");
            expect(labels).toBeNull();
          } else {
            expect(error).toBeNull();
            expect(sorted(labels ?? [])).toEqual(sorted(expected));
          }
        });
      }
    });
  }

  // Unfiltered reads: besides the two seeded tenants there are the demo clients
  // and the tenants of tests running in parallel. A non-admin sees only theirs.
  describe("clients, unfiltered", () => {
    const cases: [StandardActor, string[]][] = [
      ["viewerA", ["A"]],
      ["contactB", ["B"]],
      ["unassignedStaff", []],
      ["pmA", ["A"]],
      ["serviceTeamA", ["A"]],
    ];
    for (const [actor, expected] of cases) {
      it(`${actor} lists exactly [${expected.join(", ")}]`, async () => {
        const { data, error } = await w.db[actor].from("clients").select("id");
        expect(error).toBeNull();
        expect(sorted((data ?? []).map((r) => w.label(r.id)))).toEqual(expected);
      });
    }
  });
});

portal.portalScenarios();

// ---------------------------------------------------------------- insert, update, delete

async function assertOutcome(kind: "insert" | "rows" | "rpc", actor: Actor, outcome: Outcome, attempt: Attempt, db: Db) {
  const { data, error, status } = await attempt.act(db);
  if (outcome === OK) {
    expect(error).toBeNull();
    // Inserts ask for no representation (the new row need not be readable by its author).
    if (kind === "rows") expect(data).toHaveLength(1);
    if (kind === "rpc") expect(data).not.toBeNull();
    expect(await attempt.landed(), "the service role reads the change").toBe(true);
    await attempt.afterOk?.(db);
    return;
  }
  if (outcome === NONE) {
    if (kind === "rpc") throw new Error("a function call has no rows to hide: expect ok, denied or an error");
    expect(error).toBeNull();
    expect(data).toEqual([]);
  } else {
    expect(error?.code).toBe(outcome === DENIED ? "42501" : outcome.error);
    expect(data).toBeNull();
    // PostgREST answers a missing privilege with 401 to anon and 403 to a signed-in person.
    if (kind === "rpc" && outcome === DENIED) expect(status).toBe(actor === "anon" ? 401 : 403);
    // anon must be stopped at the door (no EXECUTE), not by some table inside the function.
    if (kind === "rpc" && actor === "anon") expect(error?.message).toMatch(/^permission denied for function /);
  }
  expect(await attempt.landed(), "the service role reads the row unchanged").toBe(false);
}

for (const op of ["insert", "update", "delete"] as const) {
  describe(op, () => {
    for (const table of new Set(MUTATIONS.map((m) => m.table))) {
      const cases = MUTATIONS.filter((m) => m.op === op && m.table === table);
      if (cases.length === 0) continue;
      describe(table, () => {
        for (const m of cases) {
          describe(m.what, () => {
            for (const [actor, outcome] of m.expect) {
              it(`${actor}: ${describeOutcome(outcome)}`, async () => {
                const attempt = await m.arrange(actor);
                try {
                  await assertOutcome(m.op === "insert" ? "insert" : "rows", actor, outcome, attempt, w.db[actor]);
                } finally {
                  await attempt.cleanup?.();
                }
              });
            }
          });
        }
      });
    }
  });
}

// ---------------------------------------------------------------- sign-offs: what the matrix cannot say in one outcome

requirements.signoffScenarios();

// ---------------------------------------------------------------- functions (/rpc)

describe("rpc", () => {
  for (const fn of new Set(RPCS.map((c) => c.fn))) {
    describe(fn, () => {
      for (const c of RPCS.filter((x) => x.fn === fn)) {
        describe(c.what, () => {
          for (const [actor, outcome] of c.expect) {
            it(`${actor}: ${describeOutcome(outcome)}`, async () => {
              const attempt = await c.arrange(actor);
              try {
                await assertOutcome("rpc", actor, outcome, attempt, w.db[actor]);
              } finally {
                await attempt.cleanup?.();
              }
            });
          }
        });
      }
    });
  }
});

// ---------------------------------------------------------------- coverage guards

/** Tables whose attack tests live in a file of their own (named here), not in this matrix. */
const ATTACKED_IN_OWN_FILE = new Set([
  "email_outbox" /* tests/security/outbox.test.ts */,
  "client_portfolio_facts" /* tests/security/portfolio.test.ts */,
  // tests/security/pulse.test.ts
  "pulses",
  "pulse_answers",
  "concerns",
  "dissatisfiers",
  "dissatisfier_notes",
  "pulse_recipients" /* tests/security/pulse-schedules.test.ts */,
  "requirement_version_approvers" /* tests/security/requirements-publish.test.ts */,
  // tests/security/handoff.test.ts
  ...HANDOFF_TABLES,
  ...TRANSITION_TABLES /* tests/security/transition.test.ts */,
  "client_updates" /* tests/security/updates.test.ts */,
  "update_replies" /* tests/security/updates.test.ts */,
  "client_visits" /* tests/security/updates.test.ts */,
  // tests/security/notifications.test.ts
  "notification_preferences",
  "digest_settings",
  "digests",
]);

/** Functions whose attack tests (every actor) live in a file of their own (named here). */
const RPCS_ATTACKED_IN_OWN_FILE = new Set([
  "portfolio_page" /* tests/security/portfolio.test.ts */,
  // tests/security/requirements-publish.test.ts
  "create_requirement_document",
  "save_requirement_draft",
  "publish_requirement_version",
  "update_client_settings",
  "sign_off_requirement" /* tests/security/emails-in-transaction.test.ts */,
  // tests/security/handoff.test.ts
  ...HANDOFF_RPCS,
  ...TRANSITION_RPCS /* tests/security/transition.test.ts */,
  // tests/security/updates.test.ts
  "post_client_update",
  "reply_to_update",
  "record_client_visit",
  "client_page" /* tests/security/client-page.test.ts */,
  "requirement_page" /* tests/security/client-page.test.ts */,
  "current_viewer" /* tests/security/client-page.test.ts */,
  // tests/security/client-page.test.ts
  "signed_in_client_page",
  "signed_in_requirement_page",
  "signed_in_portfolio_page",
  // tests/security/staff-pages.test.ts
  "plan_editor",
  "requirement_list",
  "client_settings_page",
  "client_team_page",
  "client_updates_page",
  "handoff_page",
  "feedback_register",
  "lifecycle_page",
  // tests/security/pulse.test.ts
  "answer_pulse",
  "raise_concern",
  "request_pulse",
  "open_dissatisfier",
  "update_dissatisfier",
  "respond_to_commitment",
  // tests/security/notifications.test.ts
  "notification_settings",
  "save_notification_settings",
  "set_notification_choice",
  // tests/security/pulse-schedules.test.ts
  "set_pulse_interval",
  "ask_due_pulses",
]);

// House rule 7: every policy has an attack test. A table added to public
// without rows in VISIBILITY and MUTATIONS fails here, by name; so does an
// operation no case attempts as one of the standard actors.
it("the matrix covers select, insert, update and delete on every table in public, by every actor", async () => {
  const tables = (
    await sql<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    )
  ).filter(({ name }) => !ATTACKED_IN_OWN_FILE.has(name));
  const covered = {
    select: new Set<string>(VISIBILITY.map((v) => v.table)),
    insert: new Set<string>(MUTATIONS.filter((m) => m.op === "insert").map((m) => m.table)),
    update: new Set<string>(MUTATIONS.filter((m) => m.op === "update").map((m) => m.table)),
    delete: new Set<string>(MUTATIONS.filter((m) => m.op === "delete").map((m) => m.table)),
  };
  const missing = tables.flatMap(({ name }) =>
    Object.entries(covered)
      .filter(([, has]) => !has.has(name))
      .map(([op]) => `${name}: ${op}`),
  );
  const unattempted = tables.flatMap(({ name }) =>
    (["insert", "update", "delete"] as const).flatMap((op) => {
      const actors = new Set(MUTATIONS.filter((m) => m.table === name && m.op === op).flatMap((m) => m.expect.map(([a]) => a)));
      return actors.size === 0 ? [] : ACTORS.filter((a) => !actors.has(a)).map((a) => `${name}: ${op} never attempted by ${a}`);
    }),
  );
  expect(
    [...missing, ...unattempted],
    `tables in public without attack cases in this matrix:\n  ${[...missing, ...unattempted].join("\n  ")}`,
  ).toEqual([]);
});

type Query = (text: string) => Promise<{ name: string }[]>;

/** Functions PostgREST would run for a caller: in public, executable by anon or authenticated, not an extension's. */
async function callableFunctions(query: Query): Promise<string[]> {
  const rows = await query(
    `select distinct p.proname as name
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prokind in ('f', 'p')
        and (has_function_privilege('authenticated', p.oid, 'EXECUTE') or has_function_privilege('anon', p.oid, 'EXECUTE'))
        and not exists (select 1 from pg_depend d
                         where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1`,
  );
  return rows.map((r) => r.name);
}

/** What the RPC matrix fails to attack: a callable function with no case, or one some actor never calls. */
function rpcGaps(callable: string[], cases: { fn: string; expect: [Actor, Outcome][] }[] = RPCS): string[] {
  return callable.flatMap((fn) => {
    const mine = cases.filter((c) => c.fn === fn);
    if (mine.length === 0) return [`${fn}: no attack case`];
    const callers = new Set(mine.flatMap((c) => c.expect.map(([a]) => a)));
    return ACTORS.filter((a) => !callers.has(a)).map((a) => `${fn}: never called by ${a}`);
  });
}

describe("the matrix covers every function a caller can execute through /rpc", () => {
  it("every such function in public is attacked by every actor", async () => {
    const callable = await callableFunctions((text) => sql<{ name: string }>(text));
    const gaps = rpcGaps(callable.filter((fn) => !RPCS_ATTACKED_IN_OWN_FILE.has(fn)));
    expect(gaps, `functions in public without attack cases in RPCS:\n  ${gaps.join("\n  ")}`).toEqual([]);
  });

  it("anon may execute no function in public", async () => {
    const open = await sql<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prokind in ('f', 'p') and has_function_privilege('anon', p.oid, 'EXECUTE')
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
        order by 1`,
    );
    expect(open.map((f) => f.name)).toEqual([]);
  });

  it("every function the matrix names exists in public", async () => {
    const existing = (
      await sql<{ name: string }>(
        `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'`,
      )
    ).map((r) => r.name);
    const stale = [...new Set(RPCS.map((c) => c.fn))].filter((fn) => !existing.includes(fn));
    expect(stale, "RPCS names functions that are gone").toEqual([]);
  });

  it("the guard names a new callable function, and an actor left out (self-test, rolled back)", async () => {
    const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
    await db.connect();
    const tag = `zz_selftest_${randomUUID().slice(0, 8)}`;
    try {
      await db.query("begin");
      await db.query(`
        create function public.${tag}_signed_in() returns int language sql set search_path = '' as 'select 1';
        revoke all on function public.${tag}_signed_in() from public;
        grant execute on function public.${tag}_signed_in() to authenticated;
        create function public.${tag}_anon() returns int language sql set search_path = '' as 'select 1';
        revoke all on function public.${tag}_anon() from public;
        grant execute on function public.${tag}_anon() to anon;
        create function public.${tag}_closed() returns int language sql set search_path = '' as 'select 1';
        revoke all on function public.${tag}_closed() from public;
      `);
      const callable = await callableFunctions(async (text) => (await db.query<{ name: string }>(text)).rows);
      expect(rpcGaps(callable).filter((g) => g.includes(tag))).toEqual([
        `${tag}_anon: no attack case`,
        `${tag}_signed_in: no attack case`,
      ]);
      // A case that leaves actors out is named too.
      const partial = [{ fn: `${tag}_signed_in`, expect: outcomes({ pmA: OK, others: SKIP }) }];
      expect(rpcGaps([`${tag}_signed_in`], partial)).toEqual(
        ACTORS.filter((a) => a !== "pmA").map((a) => `${tag}_signed_in: never called by ${a}`),
      );
    } finally {
      await db.query("rollback").catch(() => {});
      await db.end();
    }
  });
});

// ---------------------------------------------------------------- the JWT itself

auth.jwtScenarios();
