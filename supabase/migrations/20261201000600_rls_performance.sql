-- Row Level Security that costs the same for one row or a thousand.
--
-- The client page reads ~40 rows across 14 tables in one embedded select. Each
-- policy called a SECURITY DEFINER helper per row (`(select f(client_id))` is a
-- correlated SubPlan, so the `select` wrapper does not help when the argument is
-- a column), and the helpers called each other and auth.uid(): about 200
-- function calls per page load. See docs/decisions/0009-client-page-speed.md.
--
-- 1. auth.uid(), auth.role(), auth.jwt(): on the local stack they are ours; make
--    them what hosted Supabase defines (no SET clause), so the planner inlines
--    them instead of calling a function that switches search_path each time.
-- 2. The caller's clients as sets, computed once per statement: policies test
--    `client_id in (select app_private.<set>())`, an uncorrelated (hashed) SubPlan.
-- 3. The SELECT policies of the tables the client page reads, except those other
--    work redefines (people, client_contacts, date_changes, requirement_versions,
--    requirement_approvers, signoffs), use those sets.
-- 4. The per-row helpers those remaining policies call do one query instead of
--    calling two or three other SECURITY DEFINER helpers (same signature, same
--    answers).
-- 5. Indexes on foreign keys that embeds, policies and cascades look up.

-- ---------------------------------------------------------------- 1. auth helpers (local stack only)

do $$
declare
  mine boolean;
begin
  -- Only where this project created them (plain PostgreSQL): on hosted Supabase
  -- they belong to another role, are already inlinable, and are left alone.
  select pg_get_userbyid(p.proowner) = current_user and p.proconfig is not null
    into mine
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'auth' and p.proname = 'uid' and p.pronargs = 0;
  if coalesce(mine, false) then
    -- Functions and casts resolve in pg_catalog, which is searched first; the one
    -- operator is named in full.
    create or replace function auth.uid() returns uuid
      language sql stable
      as $f$
        select nullif(coalesce(
          current_setting('request.jwt.claim.sub', true),
          (nullif(current_setting('request.jwt.claims', true), '')::pg_catalog.jsonb operator(pg_catalog.->>) 'sub')
        ), '')::uuid
      $f$;
    create or replace function auth.role() returns text
      language sql stable
      as $f$
        select nullif(coalesce(
          current_setting('request.jwt.claim.role', true),
          (nullif(current_setting('request.jwt.claims', true), '')::pg_catalog.jsonb operator(pg_catalog.->>) 'role')
        ), '')::text
      $f$;
    create or replace function auth.jwt() returns jsonb
      language sql stable
      as $f$
        select coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::pg_catalog.jsonb
      $f$;
    alter function auth.uid() reset all;
    alter function auth.role() reset all;
    alter function auth.jwt() reset all;
  end if;
end
$$;

-- ---------------------------------------------------------------- 2. the caller's clients, once per statement

-- Clients the caller works on as staff (any role). Admins see every client
-- through app_private.is_admin(), not through this set.
create function app_private.staff_client_ids() returns setof uuid
  language sql stable security definer rows 10
  set search_path = ''
  as $$ select client_id from public.client_staff where person_id = (select auth.uid()) $$;

-- Clients the caller is a contact of.
create function app_private.contact_client_ids() returns setof uuid
  language sql stable security definer rows 10
  set search_path = ''
  as $$ select client_id from public.client_contacts where person_id = (select auth.uid()) $$;

-- Both: every client whose page the caller may open (admins: see is_admin()).
create function app_private.member_client_ids() returns setof uuid
  language sql stable security definer rows 10
  set search_path = ''
  as $$
    select client_id from public.client_staff where person_id = (select auth.uid())
    union
    select client_id from public.client_contacts where person_id = (select auth.uid())
  $$;

revoke all on function app_private.staff_client_ids(), app_private.contact_client_ids(),
  app_private.member_client_ids() from public;
grant execute on function app_private.staff_client_ids(), app_private.contact_client_ids(),
  app_private.member_client_ids() to authenticated, service_role;

-- ---------------------------------------------------------------- 3. SELECT policies on the page's tables
-- Each says exactly what the replaced one said:
--   can_see_client(c)      = is_admin() or c in member_client_ids()
--   can_see_item(c, i)     = is_admin() or c in staff_client_ids() or (not i and c in contact_client_ids())
--   is_client_staff(c)     = is_admin() or c in staff_client_ids()

drop policy clients_select on public.clients;
create policy clients_select on public.clients for select to authenticated
  using ((select app_private.is_admin()) or id in (select app_private.member_client_ids()));

drop policy client_staff_select on public.client_staff;
create policy client_staff_select on public.client_staff for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy success_criteria_select on public.success_criteria;
create policy success_criteria_select on public.success_criteria for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (not is_internal and client_id in (select app_private.contact_client_ids()))
  );

drop policy phases_select on public.phases;
create policy phases_select on public.phases for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (not is_internal and client_id in (select app_private.contact_client_ids()))
  );

-- Hidden from contacts when the milestone or its phase is internal.
drop policy milestones_select on public.milestones;
create policy milestones_select on public.milestones for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (not is_internal
        and client_id in (select app_private.contact_client_ids())
        and exists (select 1 from public.phases p where p.id = phase_id and not p.is_internal))
  );

drop policy client_tasks_select on public.client_tasks;
create policy client_tasks_select on public.client_tasks for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy client_logos_select on public.client_logos;
create policy client_logos_select on public.client_logos for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy requirement_documents_select on public.requirement_documents;
create policy requirement_documents_select on public.requirement_documents for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

-- ---------------------------------------------------------------- 4. per-row helpers: one query each

create or replace function app_private.is_client_staff(target_client uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select exists (select 1 from public.staff where person_id = (select auth.uid()) and is_admin)
        or exists (select 1 from public.client_staff
                   where client_id = target_client and person_id = (select auth.uid()))
  $$;

create or replace function app_private.can_see_client(target_client uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select exists (select 1 from public.staff where person_id = (select auth.uid()) and is_admin)
        or exists (select 1 from public.client_staff
                   where client_id = target_client and person_id = (select auth.uid()))
        or exists (select 1 from public.client_contacts
                   where client_id = target_client and person_id = (select auth.uid()))
  $$;

create or replace function app_private.can_see_item(target_client uuid, internal boolean) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select exists (select 1 from public.staff where person_id = (select auth.uid()) and is_admin)
        or exists (select 1 from public.client_staff
                   where client_id = target_client and person_id = (select auth.uid()))
        or (not internal and exists (select 1 from public.client_contacts
                                     where client_id = target_client and person_id = (select auth.uid())))
  $$;

-- ---------------------------------------------------------------- 5. indexes on foreign keys

create index if not exists client_tasks_owner_idx on public.client_tasks (owner_id) where owner_id is not null;
create index if not exists client_tasks_milestone_idx on public.client_tasks (milestone_id) where milestone_id is not null;
create index if not exists date_changes_milestone_idx on public.date_changes (milestone_id) where milestone_id is not null;
create index if not exists date_changes_phase_idx on public.date_changes (phase_id) where phase_id is not null;
create index if not exists calendar_feeds_client_idx on public.calendar_feeds (client_id);
create index if not exists requirement_approvers_person_idx on public.requirement_approvers (person_id);
create index if not exists signoffs_person_idx on public.signoffs (person_id);

-- ---------------------------------------------------------------- readiness

-- /rest/v1/rpc/ready: the app's /readyz calls it to prove that PostgREST is up
-- and reaches the database. Reads nothing. Only the service role may call it
-- (anon may execute no function in public; see tests/security).
create function public.ready() returns boolean
  language sql stable
  set search_path = ''
  as $$ select true $$;
revoke all on function public.ready() from public;
grant execute on function public.ready() to service_role;
