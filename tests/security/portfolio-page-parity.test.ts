// portfolio_page as rewritten by migration 20261202002000 (docs/decisions/0014,
// follow-up of 2026-12-02), and as json by 20261202002010 (ADR 0020), must
// answer exactly what the function it replaced (20261201002300) answered: the same rows in the same order, the same total and
// the same filter options, for every person, under their RLS. The replaced
// function is read from its migration and created for the length of one
// transaction (pg_temp, rolled back: no other test sees it); both are then
// called in that transaction as each person (the authenticated role with their
// claims, as PostgREST calls them), for every combination of filters, sorts and
// pages below.
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeWorld, seedWorld, type World } from "../support/attack";
import { seedOldDissatisfier, seedOverdueTasks, seedPlan, seedPulse, seedWaitingSignoff } from "../support/portfolio";
import { stackEnv } from "../support/stack";

let w: World;

beforeAll(async () => {
  w = await seedWorld();
  // Two clients with different health, phases and PMs: A amber (two late
  // milestones, a falling pulse), B red (late milestones, overdue tasks, an old
  // concern, a sign-off waiting).
  await seedPlan(w.a, { phase: `Phase of ${w.a.client.slug}`, late: 2 });
  await seedPulse(w.a, 40, [[w.a.contacts.viewer, 5], [w.a.contacts.approver, 4]]);
  await seedPulse(w.a, 10, [[w.a.contacts.viewer, 3], [w.a.contacts.approver, 3]]);
  await seedPlan(w.b, { phase: `Phase of ${w.b.client.slug}`, late: 3, nextInDays: 40 });
  await seedOverdueTasks(w.b, 2);
  await seedOldDissatisfier(w.b, "Slow answers", 20);
  await seedWaitingSignoff(w.b, "Scope", 10);
}, 120_000);

afterAll(async () => {
  if (w) await disposeWorld(w);
});

/** The function of 20261201002300, renamed pg_temp.portfolio_page_before. */
function replacedFunction(): string {
  const src = fs.readFileSync("supabase/migrations/20261201002300_portfolio_facts.sql", "utf8");
  const start = src.indexOf("create function public.portfolio_page(");
  const end = src.indexOf("$$;", start) + 3;
  expect(start).toBeGreaterThan(0);
  return src.slice(start, end).replace("create function public.portfolio_page(", "create function pg_temp.portfolio_page_before(");
}

type Comparison = { calls: number; differing: string[]; withRows: number };

/**
 * Both functions for every combination, as this person, in one transaction.
 * Returns how many combinations were called, those whose answers differ, and
 * how many returned at least one row (so a comparison of empty pages cannot pass
 * for parity).
 */
async function compareAs(personId: string): Promise<Comparison> {
  const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
  await db.connect();
  try {
    await db.query("begin");
    await db.query(replacedFunction());
    await db.query("set local role authenticated");
    await db.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: personId, role: "authenticated" })]);
    const { rows } = await db.query<{ args: string; same: boolean; has_rows: boolean }>(
      `select format('%s|%s|%s|%s|%s|%s|%s', q, s, pm, ph, so, o, l) as args,
              public.portfolio_page(q, s, pm, ph, so, o, l)::jsonb = pg_temp.portfolio_page_before(q, s, pm, ph, so, o, l) as same,
              json_array_length(public.portfolio_page(q, s, pm, ph, so, o, l) -> 'rows') > 0 as has_rows
         from (values (''), ($1), ('zz%'), ('_')) q(q),
              (values ('all'), ('at_risk'), ('mine')) s(s),
              (values (null::uuid), ($2::uuid)) pm(pm),
              (values (''), ($3)) ph(ph),
              (values ('health'), ('name'), ('go_live'), ('late')) so(so),
              (values (0, 50), (1, 1), (0, null::int)) ol(o, l)`,
      [w.b.client.name.slice(0, 6), w.b.pm.id, `Phase of ${w.a.client.slug}`],
    );
    return { calls: rows.length, differing: rows.filter((r) => !r.same).map((r) => r.args), withRows: rows.filter((r) => r.has_rows).length };
  } finally {
    await db.query("rollback").catch(() => undefined);
    await db.end();
  }
}

describe("portfolio_page answers as the function it replaced did", () => {
  it.each(["viewerA", "approverA", "deciderA", "contactB", "unassignedStaff", "pmA", "serviceTeamA", "admin"] as const)(
    "for %s, every filter, sort and page",
    async (actor) => {
      const result = await compareAs(w.person[actor].id);
      expect(result.calls).toBe(576);
      expect(result.differing).toEqual([]);
      // Staff of a client and the admin see rows; contacts and staff on no team none.
      const seesRows = ["pmA", "serviceTeamA", "admin"].includes(actor);
      expect(result.withRows > 0, `${actor} sees rows`).toBe(seesRows);
    },
    60_000,
  );

  // The demo data's six staff (an admin, two PMs, a service team member, a
  // relationship manager, sales) and two of its contacts.
  it.each([
    "5a000000-0000-4000-8000-000000000001",
    "5a000000-0000-4000-8000-000000000002",
    "5a000000-0000-4000-8000-000000000003",
    "5a000000-0000-4000-8000-000000000004",
    "5a000000-0000-4000-8000-000000000005",
    "5a000000-0000-4000-8000-000000000006",
    "c1000000-0000-4000-8000-000000000001",
    "c2000000-0000-4000-8000-000000000001",
  ])("for %s of the demo data", async (personId) => {
    const result = await compareAs(personId);
    expect(result.calls).toBe(576);
    expect(result.differing).toEqual([]);
  }, 60_000);
});
