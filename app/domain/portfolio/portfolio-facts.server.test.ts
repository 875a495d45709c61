// The per-client facts behind the portfolio (migration 20261201002300) are kept
// by triggers on their source tables: they must stay right when many writes to
// one client land at once, and follow every kind of change a person would see
// on the staff home.
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deleteClients,
  deletePeople,
  freshContact,
} from "../../../tests/support/attack";
import { dayOffset } from "../../../tests/support/portfolio";
import { asPerson, sql, stackEnv, uniq } from "../../../tests/support/stack";
import {
  seedStaff,
  seedTenant,
  type SeededPerson,
  type Tenant,
} from "../../../tests/support/tenants";
import type { PortfolioFilters } from "./filters";
import { fetchPortfolioPage, listPortfolio } from "./list-portfolio.server";

let t: Tenant;
let admin: SeededPerson;
const extraPeople: string[] = [];
const extraClients: string[] = [];
const filters = (f: Partial<PortfolioFilters> = {}): PortfolioFilters => ({
  q: "",
  show: "all",
  pm: "",
  phase: "",
  sort: "health",
  page: 1,
  ...f,
});

/** The client's row on its PM's staff home, whole (as the CSV has it: the card shows fewer fields). */
async function rowOf(tenant: Tenant) {
  const page = await fetchPortfolioPage(
    await asPerson(tenant.pm.id),
    filters({ q: tenant.client.name }),
    { offset: 0, limit: 50 },
  );
  return page.rows.find((r) => r.clientId === tenant.client.id);
}

/** The stored facts, and the same facts recomputed from scratch: they must agree. */
async function storedAndRecomputed(clientId: string) {
  const columns = "to_jsonb(f) - 'refreshed_at' as facts";
  const [stored] = await sql<{ facts: unknown }>(
    `select ${columns} from public.client_portfolio_facts f where client_id = $1`,
    [clientId],
  );
  const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
  await db.connect();
  try {
    await db.query("begin");
    await db.query(
      "select app_private.refresh_portfolio_facts(array[$1::uuid])",
      [clientId],
    );
    const recomputed = (
      await db.query<{ facts: unknown }>(
        `select ${columns} from public.client_portfolio_facts f where client_id = $1`,
        [clientId],
      )
    ).rows[0];
    await db.query("rollback");
    return { stored: stored?.facts, recomputed: recomputed?.facts };
  } finally {
    await db.end();
  }
}

/**
 * Each statement in its own transaction, all open at once: every connection has
 * begun before any statement runs, and each commits a moment after its statement,
 * so the writes (and the triggers' recomputations) overlap.
 */
async function overlappingWrites(statements: string[]) {
  const clients = await Promise.all(
    statements.map(async () => {
      const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
      await db.connect();
      await db.query("begin");
      return db;
    }),
  );
  try {
    await Promise.all(
      clients.map(async (db, i) => {
        await db.query(statements[i]!);
        await db.query("select pg_sleep(0.05)");
        await db.query("commit");
      }),
    );
  } finally {
    await Promise.all(clients.map((db) => db.end()));
  }
}

beforeAll(async () => {
  t = await seedTenant("facts");
  admin = await seedStaff("facts-admin", { isAdmin: true });
  extraPeople.push(admin.id);
});

afterAll(async () => {
  if (!t) return;
  await deleteClients(t.client.id, ...extraClients);
  await deletePeople(
    t.pm.id,
    t.serviceTeam.id,
    ...Object.values(t.contacts).map((c) => c.id),
    ...extraPeople,
  );
});

describe("the portfolio's facts under concurrent writes", () => {
  it("counts 50 milestones added at once, then 50 marked done at once", async () => {
    const [phase] = await sql<{ id: string }>(
      "insert into public.phases (client_id, name, planned_start, planned_end) values ($1, 'Build', $2, $3) returning id",
      [t.client.id, dayOffset(-90), dayOffset(90)],
    );
    // Ids and dates are ours (uuids and ISO dates), safe to write into the statement.
    await overlappingWrites(
      Array.from(
        { length: 50 },
        (_, i) =>
          `insert into public.milestones (client_id, phase_id, title, planned_date, position)
           values ('${t.client.id}', '${phase!.id}', 'Parallel ${i + 1}', '${dayOffset(-1 - i)}', ${i + 1})`,
      ),
    );
    expect(await rowOf(t)).toMatchObject({
      lateMilestones: 50,
      currentPhase: "Build",
      nextMilestone: "Parallel 50",
    });
    const afterInserts = await storedAndRecomputed(t.client.id);
    expect(afterInserts.stored).toEqual(afterInserts.recomputed);

    const ids = await sql<{ id: string }>(
      "select id from public.milestones where client_id = $1 order by position",
      [t.client.id],
    );
    await overlappingWrites(
      ids.map(
        ({ id }) =>
          `update public.milestones set actual_date = current_date where id = '${id}'`,
      ),
    );
    const done = await rowOf(t);
    expect(done).toMatchObject({
      lateMilestones: 0,
      nextMilestone: null,
      currentPhase: null,
    });
    const afterUpdates = await storedAndRecomputed(t.client.id);
    expect(afterUpdates.stored).toEqual(afterUpdates.recomputed);
    expect(afterUpdates.stored).toMatchObject({
      milestones_total: 50,
      milestones_done: 50,
      open_milestone_dates: [],
    });
  });

  it("shows the mean of 50 pulse answers given at once through PostgREST", async () => {
    const contacts = await Promise.all(
      Array.from({ length: 50 }, () => freshContact(t.client.id)),
    );
    extraPeople.push(...contacts.map((c) => c.id));
    const [pulse] = await sql<{ id: string }>(
      "insert into public.pulses (client_id) values ($1) returning id",
      [t.client.id],
    );
    // 25 answer 5 and 25 answer 3 (no score low enough to open a dissatisfier): a mean of 4.0.
    const results = await Promise.all(
      contacts.map(async (c, i) => {
        const db = (await asPerson(c.id)) as unknown as SupabaseClient;
        return db.rpc("answer_pulse", {
          p_pulse: pulse!.id,
          p_score: i % 2 === 0 ? 5 : 3,
        });
      }),
    );
    expect(results.map((r) => r.error)).toEqual(results.map(() => null));
    expect(await rowOf(t)).toMatchObject({
      pulseLatest: 4,
      pulsePrevious: null,
      openDissatisfiers: 0,
    });
    const facts = await storedAndRecomputed(t.client.id);
    expect(facts.stored).toEqual(facts.recomputed);
  });
});

describe("the portfolio follows every change", () => {
  it("lists a new client for an admin at once, before anyone joins its team", async () => {
    const slug = uniq("facts-new").toLowerCase();
    const [client] = await sql<{ id: string }>(
      "insert into public.clients (slug, name, primary_color, accent_color) values ($1, $2, '#123456', '#abcdef') returning id",
      [slug, `Client ${slug}`],
    );
    extraClients.push(client!.id);
    const page = await listPortfolio(
      await asPerson(admin.id),
      admin.id,
      filters({ q: slug }),
    );
    expect(page.rows.map((r) => [r.clientId, r.band, r.pmName])).toEqual([
      [client!.id, "green", null],
    ]);
    expect(page.total).toBe(1);
  });

  it("shows a renamed project manager's new name, a posted update, and an open dissatisfier", async () => {
    const renamed = `Renamed ${uniq("pm")}`;
    await sql("update public.people set full_name = $2 where id = $1", [
      t.pm.id,
      renamed,
    ]);
    await sql(
      "insert into public.client_updates (client_id, title, body_markdown, is_internal) values ($1, 'Week 1', 'On track.', false)",
      [t.client.id],
    );
    await sql(
      "insert into public.dissatisfiers (client_id, summary, source, severity, due_date) values ($1, 'Slow answers', 'call', 'medium', $2)",
      [t.client.id, dayOffset(-2)],
    );
    const row = await rowOf(t);
    expect(row).toMatchObject({
      pmName: renamed,
      openDissatisfiers: 1,
      overdueDissatisfiers: 1,
    });
    expect(row?.lastUpdateAt).not.toBeNull();
    expect(row?.summary).toContain("1 open dissatisfier, 1 past due");
    await sql(
      "update public.dissatisfiers set status = 'resolved', resolution = 'Fixed' where client_id = $1",
      [t.client.id],
    );
    expect(await rowOf(t)).toMatchObject({
      openDissatisfiers: 0,
      overdueDissatisfiers: 0,
    });
  });
});
