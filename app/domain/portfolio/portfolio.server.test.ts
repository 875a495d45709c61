// The staff workspace against the real local stack, through PostgREST as each
// person: health by its rules, the portfolio's counts against the seeded data,
// who sees which clients, filters and search, my work, lifecycle and the CSVs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeWorld, seedWorld, type World } from "../../../tests/support/attack";
import {
  dayOffset,
  seedOldDissatisfier,
  seedOverdueTasks,
  seedPlan,
  seedPulse,
  seedWaitingSignoff,
} from "../../../tests/support/portfolio";
import { asPerson, asPersonCounting, sql, uniq } from "../../../tests/support/stack";
import type { ClientAccess } from "../clients/require-client.server";
import { exportAuditTrailCsv } from "./export-audit-trail.server";
import { exportPortfolioCsv } from "./export-portfolio.server";
import { PAGE_SIZE, type PortfolioFilters } from "./filters";
import { getLifecycle } from "./get-lifecycle.server";
import { listMyWork } from "./list-my-work.server";
import { fetchPortfolioPage, listPortfolio } from "./list-portfolio.server";

let w: World;
/** In both clients' names, so a search finds exactly them among other tests' clients. */
const tag = uniq("portfolio");
const names = { a: `${tag} Alpha`, b: `${tag} Beta` };
const filters = (f: Partial<PortfolioFilters> = {}): PortfolioFilters => ({
  q: "",
  show: "all",
  pm: "",
  phase: "",
  sort: "health",
  page: 1,
  ...f,
});
const mine = (rows: { clientId: string }[]) => rows.filter((r) => r.clientId === w.a.client.id || r.clientId === w.b.client.id);

beforeAll(async () => {
  w = await seedWorld();
  await sql("update public.clients set name = $2 where id = $1", [w.a.client.id, names.a]);
  await sql("update public.clients set name = $2 where id = $1", [w.b.client.id, names.b]);
  // A: amber. Two late milestones (-20); the pulse fell from 4.5 to 3.0 (-20): 60.
  // (No contact's own score falls by 2, so no dissatisfier opens.)
  await seedPlan(w.a, { phase: "Data migration", late: 2, nextTitle: "Parallel payroll run", nextInDays: 10 });
  await seedPulse(w.a, 20, [
    [w.a.contacts.approver, 5],
    [w.a.contacts.viewer, 4],
  ]);
  await seedPulse(w.a, 1, [
    [w.a.contacts.viewer, 3],
    [w.a.contacts.decision_maker, 3],
  ]);
  await sql("update public.clients set go_live_date = $2 where id = $1", [w.a.client.id, dayOffset(30)]);
  // B: red. Three late milestones (-30), two overdue client tasks (-10), a
  // concern's dissatisfier open for 20 days (-10, and -10 for its age), a
  // sign-off waiting 10 days (-5): 35.
  await seedPlan(w.b, { phase: "Build", late: 3 });
  await seedOverdueTasks(w.b, 2);
  await seedOldDissatisfier(w.b, "Nobody answers our emails", 20);
  await seedWaitingSignoff(w.b, "Payroll rules", 10);
  // A slip on A's plan, with a reason that needs quoting in CSV.
  await sql(
    `update public.milestones set planned_date = planned_date + 7, change_reason = $2, change_side = 'client'
      where client_id = $1 and title = 'Parallel payroll run'`,
    [w.a.client.id, 'Waiting on "final" data, from HR\nand finance'],
  );
});

afterAll(async () => {
  if (!w) return;
  await sql("delete from public.email_outbox where client_id = any($1::uuid[])", [[w.a.client.id, w.b.client.id]]);
  await disposeWorld(w);
});

describe("health", () => {
  it("turns amber by its rules and says why in words", async () => {
    const page = await listPortfolio(await asPerson(w.a.pm.id), w.a.pm.id, filters());
    const a = page.rows.find((r) => r.clientId === w.a.client.id)!;
    expect(a).toMatchObject({ band: "amber", score: 60, lateMilestones: 2, pulseLatest: 3, pulsePrevious: 4.5 });
    expect(a.summary).toBe("amber: 2 milestones late; pulse fell from 4.5 to 3.0");
  });

  it("turns red by its rules, naming every reason", async () => {
    // The whole row (the CSV's): overdue client tasks are in the summary, not on the card.
    const page = await fetchPortfolioPage(await asPerson(w.b.pm.id), filters(), { offset: 0, limit: PAGE_SIZE });
    const b = page.rows.find((r) => r.clientId === w.b.client.id)!;
    expect(b).toMatchObject({
      band: "red",
      score: 35,
      lateMilestones: 3,
      overdueTasks: 2,
      openDissatisfiers: 1,
      oldestDissatisfierDays: 20,
      signoffsWaiting: 1,
      oldestSignoffWaitDays: 10,
      pulseLatest: null,
    });
    expect(b.summary).toBe(
      "red: 3 milestones late; 1 open dissatisfier, oldest 20 days; 2 client tasks overdue; 1 sign-off waiting over 7 days",
    );
  });

  it("is green with nothing wrong, and recovers when the late milestones are done", async () => {
    const { data } = await (await asPerson(w.admin.id)).from("client_health").select("client_id, band, score, summary").eq("client_id", w.a.client.id).single();
    expect(data).toMatchObject({ band: "amber", score: 60 });
    await sql("update public.milestones set actual_date = current_date where client_id = $1 and title like 'Late %'", [w.a.client.id]);
    try {
      const { data: after } = await (await asPerson(w.admin.id)).from("client_health").select("band, score, summary").eq("client_id", w.a.client.id).single();
      // Only the pulse's fall is left (-20): 80, green, still said.
      expect(after).toEqual({ band: "green", score: 80, summary: "green: pulse fell from 4.5 to 3.0" });
    } finally {
      await sql("update public.milestones set actual_date = null where client_id = $1 and title like 'Late %'", [w.a.client.id]);
    }
  });
});

describe("the portfolio", () => {
  it("shows a PM their assigned clients only, with the facts of the seeded data", async () => {
    const page = await listPortfolio(await asPerson(w.a.pm.id), w.a.pm.id, filters());
    expect(mine(page.rows).map((r) => r.clientId)).toEqual([w.a.client.id]);
    const a = page.rows[0]!;
    expect(a).toMatchObject({
      name: names.a,
      pmName: w.a.pm.fullName,
      currentPhase: "Data migration",
      // The late ones come first: the next open milestone is the earliest late one.
      nextMilestone: "Late 2",
      daysToGoLive: 30,
      signoffsWaiting: 0,
      openDissatisfiers: 0,
      lastUpdateAt: null,
    });
  });

  it("shows an admin every client, and staff on no team none of these", async () => {
    const admin = await listPortfolio(await asPerson(w.admin.id), w.admin.id, filters({ q: tag }));
    expect(new Set(mine(admin.rows).map((r) => r.clientId))).toEqual(new Set([w.a.client.id, w.b.client.id]));
    const outsider = await listPortfolio(await asPerson(w.unassignedStaff.id), w.unassignedStaff.id, filters());
    expect(mine(outsider.rows)).toEqual([]);
  });

  it("filters by search, risk, PM, phase and 'my clients', and sorts by health", async () => {
    const admin = await asPerson(w.admin.id);
    const list = async (f: Partial<PortfolioFilters>) => mine((await listPortfolio(admin, w.admin.id, filters(f))).rows).map((r) => r.clientId);
    expect(await list({ q: `${tag} BET`.toUpperCase() })).toEqual([w.b.client.id]);
    expect(await list({ q: "%" })).toEqual([]); // a % typed in the box is searched for as itself
    expect(await list({ show: "at_risk", q: tag })).toEqual([w.b.client.id, w.a.client.id]); // red (35) before amber (60)
    expect(await list({ pm: w.a.pm.id, q: tag })).toEqual([w.a.client.id]);
    expect(await list({ phase: "Build", q: tag })).toEqual([w.b.client.id]);
    expect(await list({ show: "mine", q: tag })).toEqual([]); // the admin is on neither team
    const pm = await asPerson(w.a.pm.id);
    expect(mine((await listPortfolio(pm, w.a.pm.id, filters({ show: "mine" }))).rows).map((r) => r.clientId)).toEqual([w.a.client.id]);
    const options = await listPortfolio(admin, w.admin.id, filters({ q: tag }));
    expect(options.pms).toEqual(expect.arrayContaining([{ value: w.a.pm.id, label: w.a.pm.fullName }]));
    expect(options.phases).toEqual(expect.arrayContaining([{ value: "Data migration", label: "Data migration" }]));
  });

  it("makes one PostgREST request (rows, total, filter options) however many clients there are", async () => {
    const { db, requests } = await asPersonCounting(w.admin.id);
    const page = await listPortfolio(db, w.admin.id, filters());
    expect(requests).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.hasMore).toBe(page.total > page.rows.length);
  });
});

describe("my work", () => {
  it("lists what is due from the PM: late and coming milestones, dissatisfiers, silent clients, sign-offs", async () => {
    const workA = await listMyWork(await asPerson(w.a.pm.id));
    expect(workA.milestone.map((m) => `${m.title}: ${m.detail}`)).toEqual(["Late 2: late", "Late 1: late"]);
    expect(workA.no_update.map((u) => u.clientSlug)).toEqual([w.a.client.slug]);
    expect(workA.signoff).toEqual([]);
    const workB = await listMyWork(await asPerson(w.b.pm.id));
    expect(workB.dissatisfier.map((d) => d.title)).toEqual(["Nobody answers our emails"]);
    expect(workB.signoff.map((s) => s.title)).toEqual(["Payroll rules (version 1)"]);
    expect(workB.signoff[0]!.detail).toBe("1 approver(s) still to sign");
    // The service team and the admin run no client as PM: nothing is theirs.
    const team = await listMyWork(await asPerson(w.a.serviceTeam.id));
    expect(Object.values(team).flat()).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("counts clients by stage and flags the moments they defect", async () => {
    const life = await getLifecycle(await asPerson(w.admin.id));
    expect(life.stages.map((s) => s.stage)).toEqual(["handoff", "conversion", "go_live", "service"]);
    const flaggedA = life.flagged.find((c) => c.slug === w.a.client.slug);
    const flaggedB = life.flagged.find((c) => c.slug === w.b.client.slug);
    // A's pulse fell from 4.5 to 3.0; B has a PM but, older than a week, no update: not yet (it was created now).
    expect(flaggedA?.flags).toEqual(["pulse_falling"]);
    expect(flaggedB).toBeUndefined();
    expect(life.slips.map((s) => s.label)).toEqual([
      "early or on time",
      "1-7 days late",
      "8-30 days late",
      "31-90 days late",
      "over 90 days late",
    ]);
  });

  it("shows a PM only their own clients in the counts", async () => {
    const life = await getLifecycle(await asPerson(w.a.pm.id));
    expect(life.stages.reduce((n, s) => n + s.clients, 0)).toBe(1);
  });
});

describe("CSV", () => {
  it("exports the portfolio with commas, quotes and newlines quoted, and formulas kept as text", async () => {
    await sql("update public.clients set name = $2 where id = $1", [w.a.client.id, `Acme, "Best"\nPayroll ${tag}`]);
    await sql("update public.clients set name = $2 where id = $1", [w.b.client.id, `=HYPERLINK("x") ${tag}`]);
    try {
      const csv = await exportPortfolioCsv(await asPerson(w.admin.id), w.admin.id, filters({ q: tag }));
      const lines = csv.split("\r\n");
      expect(lines[0]).toBe(
        "Client,Portal address,Health,Health score,Why,Project manager,Current phase,Next milestone,Next milestone date," +
          "Go-live date,Days to go-live,Late milestones,Overdue client tasks,Sign-offs waiting,Longest sign-off wait (days)," +
          "Open dissatisfiers,Last pulse,Last pulse at,Last update at",
      );
      expect(csv).toContain(`"Acme, ""Best""\nPayroll ${tag}",/c/${w.a.client.slug},amber,60,amber: 2 milestones late; pulse fell from 4.5 to 3.0,`);
      expect(csv).toContain(`"'=HYPERLINK(""x"") ${tag}",/c/${w.b.client.slug},red,35,`);
      expect(csv.endsWith("\r\n")).toBe(true);
    } finally {
      await sql("update public.clients set name = $2 where id = $1", [w.a.client.id, names.a]);
      await sql("update public.clients set name = $2 where id = $1", [w.b.client.id, names.b]);
    }
  });

  it("exports one client's audit trail: slips with their reason, sign-offs, dissatisfiers", async () => {
    const access = (isStaff: boolean, t = w.a) => ({ client: t.client, isStaff }) as ClientAccess;
    const a = await exportAuditTrailCsv(await asPerson(w.a.pm.id), access(true));
    expect(a.ok).toBe(true);
    const csvA = a.ok ? a.value : "";
    expect(csvA.split("\r\n")[0]).toBe("When (UTC),What,About,Who,Detail,Evidence");
    expect(csvA).toContain(`,slip,Parallel payroll run,,"planned_date moved from `);
    expect(csvA).toContain(`(client): Waiting on ""final"" data, from HR\nand finance",shown to the client`);
    const b = await exportAuditTrailCsv(await asPerson(w.b.pm.id), access(true, w.b));
    const csvB = b.ok ? b.value : "";
    expect(csvB).toContain(",dissatisfier opened,Nobody answers our emails,");
    // A contact is refused, and another client's PM reads no row of A's trail.
    expect(await exportAuditTrailCsv(await asPerson(w.a.contacts.viewer.id), access(false))).toMatchObject({ ok: false, kind: "forbidden" });
    const other = await exportAuditTrailCsv(await asPerson(w.b.pm.id), access(true, w.a));
    expect(other.ok && other.value.split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});
