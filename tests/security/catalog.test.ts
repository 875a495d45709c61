// The database catalog against house rule 7 ("secure by default"): read-only
// queries that name every object breaking a rule. Each check takes a query
// function, so the self-test at the bottom can run the very same checks inside
// a transaction that plants offenders and rolls them back.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { sql, stackEnv } from "../support/stack";

type Query = (text: string) => Promise<{ name: string }[]>;
type Check = (query: Query) => Promise<string[]>;

const names = async (query: Query, text: string) => (await query(text)).map((r) => r.name);

/** Functions that belong to an extension are the extension's business, not our migrations'. */
const notFromExtension = `not exists (select 1 from pg_depend d
  where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;

const CHECKS: Record<string, { rule: string; check: Check }> = {
  rlsDisabled: {
    rule: "tables in public with Row Level Security disabled",
    check: (q) =>
      names(
        q,
        `select c.relname as name
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
          order by 1`,
      ),
  },
  noPolicy: {
    rule: "tables in public without any policy",
    check: (q) =>
      names(
        q,
        `select c.relname as name
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and not exists (select 1 from pg_policy pol where pol.polrelid = c.oid)
          order by 1`,
      ),
  },
  viewsWithoutSecurityInvoker: {
    rule: "views in public without security_invoker=true (they would run with their owner's rights, past RLS)",
    check: (q) =>
      names(
        q,
        `select c.relname || case c.relkind when 'm' then ' (materialized view: cannot be security_invoker)' else '' end as name
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public'
            and (c.relkind = 'm'
              or (c.relkind = 'v' and not exists (
                    select 1 from unnest(coalesce(c.reloptions, '{}')) o
                     where lower(o) in ('security_invoker=true', 'security_invoker=on', 'security_invoker=1', 'security_invoker=yes'))))
          order by 1`,
      ),
  },
  unpinnedSearchPath: {
    rule: "functions in public or app_private without a pinned search_path",
    check: (q) =>
      names(
        q,
        `select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname in ('public', 'app_private') and p.prokind in ('f', 'p')
            and ${notFromExtension}
            and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')
          order by 1`,
      ),
  },
  securityDefinerInPublic: {
    rule: "SECURITY DEFINER functions in the exposed schema public (callable through /rpc)",
    check: (q) =>
      names(
        q,
        `select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.prosecdef
          order by 1`,
      ),
  },
  anonPrivileges: {
    rule: "relations in public on which anon holds any privilege (directly, through PUBLIC or a column grant)",
    // has_*_privilege sees grants to PUBLIC and inherited roles as well, which
    // information_schema.role_table_grants would miss.
    check: (q) =>
      names(
        q,
        `select c.relname || ': ' || string_agg(priv.name, ', ' order by priv.name) as name
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
           cross join lateral (
             select t.name from unnest(array['SELECT', 'INSERT', 'UPDATE', 'REFERENCES']) t(name)
              where c.relkind <> 'S' and has_any_column_privilege('anon', c.oid, t.name)
             union all
             select t.name from unnest(array['DELETE', 'TRUNCATE', 'TRIGGER']) t(name)
              where c.relkind <> 'S' and has_table_privilege('anon', c.oid, t.name)
             union all
             select t.name from unnest(array['USAGE', 'SELECT', 'UPDATE']) t(name)
              where c.relkind = 'S' and has_sequence_privilege('anon', c.oid, t.name)
           ) priv
          where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          group by c.relname
          order by 1`,
      ),
  },
};

const viaSql: Query = (text) => sql<{ name: string }>(text);

describe("catalog: secure by default (house rule 7)", () => {
  for (const [key, { rule, check }] of Object.entries(CHECKS)) {
    it(`no ${rule}`, async () => {
      const offenders = await check(viaSql);
      expect(offenders, `${key}: ${rule}:\n  ${offenders.join("\n  ")}`).toEqual([]);
    });
  }

  it("inspects the real schema (the checks are not vacuous)", async () => {
    // If public were empty or renamed, every check above would pass on nothing.
    const tables = await viaSql(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["people", "staff", "clients", "client_staff", "client_contacts", "auth_events"]),
    );
    const functions = await viaSql(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'app_private' order by 1`,
    );
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(["can_see_client", "is_admin"]));
  });
});

describe("catalog checks can fail (self-test, rolled back)", () => {
  it("each check reports planted offenders by name, and only them", async () => {
    const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
    await db.connect();
    const tag = `zz_selftest_${randomUUID().slice(0, 8)}`;
    const query: Query = async (text) => (await db.query<{ name: string }>(text)).rows;
    // Only what this test planted: the real schema is judged by the tests above.
    const planted = async (check: Check) => (await check(query)).filter((name) => name.includes(tag)).sort();
    try {
      await db.query("begin");
      await db.query(`
        -- offenders
        create table public.${tag}_open (id int);
        create table public.${tag}_nopolicy (id int);
        alter table public.${tag}_nopolicy enable row level security;
        grant update (id) on public.${tag}_nopolicy to anon;
        create view public.${tag}_view as select 1 as x;
        create materialized view public.${tag}_mview as select 1 as x;
        create function public.${tag}_definer() returns int language sql security definer as 'select 1';
        create function app_private.${tag}_unpinned() returns int language sql as 'select 1';
        -- compliant objects, which must not be reported
        create table public.${tag}_good (id int);
        alter table public.${tag}_good enable row level security;
        create policy good_select on public.${tag}_good for select to authenticated using (true);
        grant select on public.${tag}_good to authenticated;
        create view public.${tag}_goodview with (security_invoker = true) as select 1 as x;
        create function app_private.${tag}_pinned() returns int language sql security definer set search_path = '' as 'select 1';
        create function public.${tag}_invoker() returns int language sql set search_path = '' as 'select 1';
        -- one offender for anon: a direct table grant on an otherwise compliant table
        create table public.${tag}_anon (id int);
        alter table public.${tag}_anon enable row level security;
        create policy anon_select on public.${tag}_anon for select to anon using (true);
        grant select, delete on public.${tag}_anon to anon;
      `);

      expect(await planted(CHECKS.rlsDisabled.check)).toEqual([`${tag}_open`]);
      expect(await planted(CHECKS.noPolicy.check)).toEqual([`${tag}_nopolicy`, `${tag}_open`]);
      expect(await planted(CHECKS.viewsWithoutSecurityInvoker.check)).toEqual([
        `${tag}_mview (materialized view: cannot be security_invoker)`,
        `${tag}_view`,
      ]);
      expect(await planted(CHECKS.unpinnedSearchPath.check)).toEqual([
        `app_private.${tag}_unpinned()`,
        `public.${tag}_definer()`,
      ]);
      expect(await planted(CHECKS.securityDefinerInPublic.check)).toEqual([`public.${tag}_definer()`]);
      expect(await planted(CHECKS.anonPrivileges.check)).toEqual([`${tag}_anon: DELETE, SELECT`, `${tag}_nopolicy: UPDATE`]);
    } finally {
      await db.query("rollback").catch(() => {});
      await db.end();
    }
    // Rolled back: nothing planted survives.
    const left = await viaSql(`select relname as name from pg_class where relname like '${tag}%'`);
    expect(left).toEqual([]);
  });
});
