// The staff workspace's views (migration 20261201001600), attacked through
// PostgREST with real JWTs: client_health, portfolio, portfolio_filter_options,
// lifecycle_stages, go_live_against_plan, staff_work_items and
// client_audit_trail; and (20261201002300) the table they now read,
// client_portfolio_facts, and the staff home's RPC, portfolio_page. Contacts
// see no row of any of them, not even of their own client (health and the audit
// trail are staff matters); staff see their own clients; admins see every
// client; anon is refused; nobody writes them.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTORS, disposeWorld, seedWorld, type StandardActor, type World } from "../support/attack";
import { seedPlan } from "../support/portfolio";
import { sql } from "../support/stack";

let w: World;
const untyped = (actor: StandardActor) => w.db[actor] as unknown as SupabaseClient;

beforeAll(async () => {
  w = await seedWorld();
  for (const t of [w.a, w.b]) {
    await seedPlan(t, { phase: `Phase of ${t.client.slug}`, late: 1 });
    // A slip, so each client has an audit trail.
    await sql(
      `update public.milestones set planned_date = planned_date + 3, change_reason = 'moved by the test', change_side = 'provider'
        where client_id = $1 and title = 'Next step'`,
      [t.client.id],
    );
  }
});

afterAll(async () => {
  if (w) await disposeWorld(w);
});

type Seen = string[] | "denied";

/** Which of the world's two clients this actor sees in a view, by its client_id column. */
async function clientsSeen(actor: StandardActor, view: string): Promise<Seen> {
  const { data, error } = await untyped(actor)
    .from(view)
    .select("client_id")
    .in("client_id", [w.a.client.id, w.b.client.id]);
  if (error) {
    if (error.code === "42501") return "denied";
    throw new Error(`${actor} on ${view}: ${error.code} ${error.message}`);
  }
  return [...new Set((data as { client_id: string }[]).map((r) => w.label(r.client_id)))].sort();
}

const PER_CLIENT_VIEWS = ["client_health", "portfolio", "client_audit_trail", "client_portfolio_facts"] as const;
const EXPECTED: Record<StandardActor, Seen> = {
  anon: "denied",
  viewerA: [],
  approverA: [],
  deciderA: [],
  contactB: [],
  unassignedStaff: [],
  pmA: ["A"],
  serviceTeamA: ["A"],
  admin: ["A", "B"],
};

describe.each(PER_CLIENT_VIEWS)("%s", (view) => {
  it.each(ACTORS)("%s sees only what is theirs to see", async (actor) => {
    expect(await clientsSeen(actor, view)).toEqual(EXPECTED[actor]);
  });
});

describe("staff_work_items: a project manager's own work only", () => {
  const expected: Record<StandardActor, Seen> = { ...EXPECTED, serviceTeamA: [], admin: [] };
  it.each(ACTORS)("%s", async (actor) => {
    expect(await clientsSeen(actor, "staff_work_items")).toEqual(expected[actor]);
  });
});

describe("portfolio_filter_options: the PMs and phases of one's own clients", () => {
  it.each(ACTORS)("%s", async (actor) => {
    const { data, error } = await untyped(actor).from("portfolio_filter_options").select("kind, value");
    if (EXPECTED[actor] === "denied") {
      expect(error?.code).toBe("42501");
      return;
    }
    expect(error).toBeNull();
    const values = new Set((data as { value: string }[]).map((r) => r.value));
    const seen = [w.a, w.b]
      .filter((t) => values.has(t.pm.id) && values.has(`Phase of ${t.client.slug}`))
      .map((t) => (t === w.a ? "A" : "B"));
    expect(seen).toEqual(EXPECTED[actor]);
    // Nobody gets a half: a PM without the phase, or the other way round.
    for (const t of [w.a, w.b]) expect(values.has(t.pm.id)).toBe(values.has(`Phase of ${t.client.slug}`));
  });
});

describe("lifecycle_stages and go_live_against_plan count only one's own clients", () => {
  it.each(["viewerA", "contactB", "unassignedStaff"] as const)("%s counts nothing", async (actor) => {
    const stages = await untyped(actor).from("lifecycle_stages").select("clients");
    expect(stages.error).toBeNull();
    expect(stages.data).toEqual([]);
    const slips = await untyped(actor).from("go_live_against_plan").select("clients");
    expect(slips.error).toBeNull();
    expect((slips.data as { clients: number }[]).every((b) => b.clients === 0)).toBe(true);
  });

  it("pmA counts one client", async () => {
    const { data } = await untyped("pmA").from("lifecycle_stages").select("clients");
    expect((data as { clients: number }[]).reduce((n, s) => n + s.clients, 0)).toBe(1);
  });

  it("anon is refused", async () => {
    for (const view of ["lifecycle_stages", "go_live_against_plan"]) {
      expect((await untyped("anon").from(view).select("*")).error?.code).toBe("42501");
    }
  });
});

describe("nobody writes the views", () => {
  /** Each view and one of its columns, to aim the write at. */
  const VIEWS: [string, string][] = [
    ["client_health", "client_id"],
    ["portfolio", "client_id"],
    ["client_audit_trail", "client_id"],
    ["staff_work_items", "client_id"],
    ["portfolio_filter_options", "kind"],
    ["lifecycle_stages", "stage"],
    ["go_live_against_plan", "label"],
  ];
  it.each(["pmA", "admin", "viewerA", "anon"] as const)("%s cannot insert, update or delete", async (actor) => {
    for (const [view, column] of VIEWS) {
      const value = column === "client_id" ? w.a.client.id : "x";
      const attempts = [
        await untyped(actor).from(view).insert({ [column]: value } as Record<string, unknown>),
        await untyped(actor).from(view).update({ [column]: value } as Record<string, unknown>).eq(column, value),
        await untyped(actor).from(view).delete().eq(column, value),
      ];
      // 42501: no privilege; 55000: the view cannot be written at all (not automatically updatable).
      for (const { error } of attempts) expect(["42501", "55000"], `${actor} writing ${view}: ${error?.code}`).toContain(error?.code);
    }
  });
});

describe("client_portfolio_facts: kept by triggers, written by nobody", () => {
  it.each(["pmA", "serviceTeamA", "admin", "viewerA", "deciderA", "anon"] as const)("%s cannot insert, update or delete", async (actor) => {
    const before = await sql("select pm_name, milestones_total from public.client_portfolio_facts where client_id = $1", [w.a.client.id]);
    const attempts = [
      await untyped(actor).from("client_portfolio_facts").insert({ client_id: w.a.client.id, pm_name: "forged" }),
      await untyped(actor).from("client_portfolio_facts").upsert({ client_id: w.a.client.id, pm_name: "forged" }),
      await untyped(actor).from("client_portfolio_facts").update({ pm_name: "forged", milestones_total: 0 }).eq("client_id", w.a.client.id),
      await untyped(actor).from("client_portfolio_facts").delete().eq("client_id", w.a.client.id),
    ];
    for (const { error } of attempts) expect(error?.code, `${actor}: ${error?.message}`).toBe("42501");
    expect(await sql("select pm_name, milestones_total from public.client_portfolio_facts where client_id = $1", [w.a.client.id])).toEqual(before);
  });

  it("nobody calls the function that recomputes them", async () => {
    for (const actor of ["pmA", "admin", "anon"] as const) {
      const { error } = await untyped(actor).schema("app_private").rpc("refresh_portfolio_facts", { target: [w.a.client.id] });
      expect(error, actor).not.toBeNull();
    }
  });
});

describe("portfolio_page: one call, under the caller's RLS", () => {
  type Page = { rows: { client_id: string }[]; total: number; pms: { value: string }[]; phases: { value: string }[] };
  const call = async (actor: StandardActor, args: Record<string, unknown> = {}) =>
    untyped(actor).rpc("portfolio_page", { p_limit: null, ...args }) as unknown as Promise<{ data: Page | null; error: { code: string } | null }>;
  const ours = (page: Page) =>
    page.rows
      .map((r) => r.client_id)
      .filter((id) => id === w.a.client.id || id === w.b.client.id)
      .map((id) => w.label(id))
      .sort();

  it.each(ACTORS)("%s gets only what is theirs to see", async (actor) => {
    const { data, error } = await call(actor);
    if (EXPECTED[actor] === "denied") {
      expect(error?.code).toBe("42501");
      return;
    }
    expect(error).toBeNull();
    expect(ours(data!)).toEqual(EXPECTED[actor]);
    // Nothing of a client they may not see leaks through the filter options either.
    for (const t of [w.a, w.b]) {
      const sees = (EXPECTED[actor] as string[]).includes(t === w.a ? "A" : "B");
      expect(data!.pms.some((o) => o.value === t.pm.id), `${actor}: PM of ${t.client.slug}`).toBe(sees);
      expect(data!.phases.some((o) => o.value === `Phase of ${t.client.slug}`), `${actor}: phase of ${t.client.slug}`).toBe(sees);
    }
    // Contacts and staff on no team see nothing at all, of any client.
    if ((EXPECTED[actor] as string[]).length === 0) expect(data).toEqual({ rows: [], total: 0, pms: [], phases: [] });
  });

  it("a filter aimed at another client's PM or phase finds nothing for pmA", async () => {
    const byPm = await call("pmA", { p_pm: w.b.pm.id });
    expect(byPm.data).toMatchObject({ rows: [], total: 0 });
    const byPhase = await call("pmA", { p_phase: `Phase of ${w.b.client.slug}` });
    expect(byPhase.data).toMatchObject({ rows: [], total: 0 });
  });
});
