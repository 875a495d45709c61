-- The portfolio at scale (issue 12, "Scale"; docs/decisions/0014-portfolio-and-health.md).
--
-- Measured on 2,000 clients, 100,000 milestones and 500,000 pulse answers, the
-- views of 20261201001600 recomputed every fact of every visible client on each
-- request (a dozen index lookups per client, each under the source tables' RLS):
-- 1.9 s p95 for a PM's 50 clients, 5.8 s for an admin sorting 2,000 by health.
--
-- Now each client's health inputs and portfolio figures live in one row of
-- public.client_portfolio_facts, kept current by statement-level triggers on
-- the tables they come from. What depends on today (late milestones, overdue
-- tasks and dissatisfiers, waiting ages, the score and its words) is computed
-- when read, from the dates stored in that row: nothing goes stale overnight and
-- no schedule is needed. client_health and portfolio keep their columns (so
-- lifecycle, my work and the CSV read them as before) and now read one row per
-- client. public.portfolio_page answers the staff home in one round trip:
-- the page of rows, the total and the filter options.

-- ---------------------------------------------------------------- the facts

create table public.client_portfolio_facts (
  client_id uuid primary key references public.clients (id) on delete cascade,
  -- The first project manager (by when they joined the team) and every staff member.
  pm_id uuid,
  pm_name text,
  staff_ids uuid[] not null default '{}',
  -- The next open milestone (earliest planned date, then position) and its phase.
  next_milestone text,
  next_milestone_date date,
  current_phase text,
  -- Planned dates of the open milestones, earliest first: the late ones are those before today.
  -- (Every date array here is sorted and has no nulls: health counts in it with width_bucket.)
  open_milestone_dates date[] not null default '{}',
  milestones_total int not null default 0,
  milestones_done int not null default 0,
  -- The last milestone's date (done or planned).
  forecast_end date,
  -- Due dates of the open client tasks.
  open_task_due_dates date[] not null default '{}',
  -- Open (not resolved) dissatisfiers: how many, since when, their due dates.
  open_dissatisfiers int not null default 0,
  oldest_dissatisfier_at timestamptz,
  open_dissatisfier_due_dates date[] not null default '{}',
  -- When each document waiting on the client's sign-off (latest version, an
  -- approver still to sign, nobody asked for changes) was published.
  signoffs_waiting_since timestamptz[] not null default '{}',
  -- Mean score of the latest and the previous answered pulse, and when the latest was asked.
  pulse_latest numeric,
  pulse_previous numeric,
  last_pulse_at timestamptz,
  -- The latest update shown to the client, the handoff meeting, disputed commitments.
  last_update_at timestamptz,
  handoff_date date,
  disputed_commitments int not null default 0,
  refreshed_at timestamptz not null default now()
);

comment on table public.client_portfolio_facts is
  'Per client, the facts health and the portfolio are made of, kept by triggers on their source tables (app_private.refresh_portfolio_facts). Staff of the client and admins read it; nobody writes it directly.';

create index client_portfolio_facts_pm_idx on public.client_portfolio_facts (pm_id);

alter table public.client_portfolio_facts enable row level security;
revoke all on public.client_portfolio_facts from public, anon, authenticated, service_role;
grant select on public.client_portfolio_facts to authenticated, service_role;

-- Staff matters: the client's own staff and admins; a contact reads nothing, not even of their own client.
create policy "staff of the client read its portfolio facts" on public.client_portfolio_facts
  for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids()));

-- ---------------------------------------------------------------- keeping them

-- Recomputes the facts of these clients (those that still exist) from their
-- source tables. Concurrent writes to one client stay right: the client's facts
-- row is locked (made first if missing) in client order before it is
-- recomputed, and under READ COMMITTED each statement of this function reads a
-- fresh snapshot, so whichever refresh takes the lock last sees every write
-- committed before it, its own included. Also the way to rebuild everything:
--   select app_private.refresh_portfolio_facts(array(select id from public.clients));
create function app_private.refresh_portfolio_facts(target uuid[]) returns void
  language plpgsql volatile security definer
  set search_path = ''
  as $$
declare
  ids uuid[];
begin
  select array_agg(c.id order by c.id) into ids from public.clients c where c.id = any (target);
  if ids is null then
    return;
  end if;

  insert into public.client_portfolio_facts (client_id) select unnest(ids) on conflict do nothing;
  perform 1 from public.client_portfolio_facts f where f.client_id = any (ids) order by f.client_id for update;

  insert into public.client_portfolio_facts as f (
    client_id, pm_id, pm_name, staff_ids, next_milestone, next_milestone_date, current_phase,
    open_milestone_dates, milestones_total, milestones_done, forecast_end, open_task_due_dates,
    open_dissatisfiers, oldest_dissatisfier_at, open_dissatisfier_due_dates, signoffs_waiting_since,
    pulse_latest, pulse_previous, last_pulse_at, last_update_at, handoff_date, disputed_commitments, refreshed_at)
  select
    c.id, pm.pm_id, pm.pm_name, st.staff_ids, nm.title, nm.planned_date, nm.phase_name,
    ms.open_dates, ms.total, ms.done, ms.forecast_end, tk.due_dates,
    ds.open_count, ds.oldest_at, ds.due_dates, sw.since,
    pu.latest, pu.previous, pu.last_at,
    (select max(u.created_at) from public.client_updates u where u.client_id = c.id and not u.is_internal),
    (select hd.meeting_date from public.handoffs hd where hd.client_id = c.id),
    (select count(*) from public.commitments cm where cm.client_id = c.id and cm.status = 'disputed')::int,
    now()
  from unnest(ids) as c(id)
  left join lateral (
    select cs.person_id as pm_id, pe.full_name as pm_name
      from public.client_staff cs join public.people pe on pe.id = cs.person_id
     where cs.client_id = c.id and cs.role = 'project_manager'
     order by cs.created_at limit 1
  ) pm on true
  cross join lateral (
    select coalesce(array_agg(cs.person_id order by cs.person_id), '{}') as staff_ids
      from public.client_staff cs where cs.client_id = c.id
  ) st
  left join lateral (
    select m.title, m.planned_date, ph.name as phase_name
      from public.milestones m join public.phases ph on ph.id = m.phase_id
     where m.client_id = c.id and m.actual_date is null
     order by m.planned_date, m.position limit 1
  ) nm on true
  cross join lateral (
    select coalesce(array_agg(m.planned_date order by m.planned_date) filter (where m.actual_date is null), '{}') as open_dates,
           count(*)::int as total,
           (count(*) filter (where m.actual_date is not null))::int as done,
           max(coalesce(m.actual_date, m.planned_date)) as forecast_end
      from public.milestones m where m.client_id = c.id
  ) ms
  cross join lateral (
    select coalesce(array_agg(t.due_date order by t.due_date) filter (where t.due_date is not null), '{}') as due_dates
      from public.client_tasks t where t.client_id = c.id and t.status = 'open'
  ) tk
  cross join lateral (
    select count(*)::int as open_count, min(x.created_at) as oldest_at,
           coalesce(array_agg(x.due_date order by x.due_date) filter (where x.due_date is not null), '{}') as due_dates
      from public.dissatisfiers x where x.client_id = c.id and x.status <> 'resolved'
  ) ds
  cross join lateral (
    select coalesce(array_agg(v.published_at order by v.published_at) filter (where v.published_at is not null), '{}') as since
      from public.requirement_documents doc
      cross join lateral (
        select rv.id, rv.published_at from public.requirement_versions rv
         where rv.document_id = doc.id order by rv.version desc limit 1
      ) v
     where doc.client_id = c.id
       and exists (select 1 from public.requirement_version_approvers a
                    where a.version_id = v.id
                      and not exists (select 1 from public.signoffs so
                                       where so.version_id = v.id and so.person_id = a.person_id))
       and not exists (select 1 from public.signoffs so
                        where so.version_id = v.id and so.decision = 'changes_requested')
  ) sw
  cross join lateral (
    -- The two latest pulses that have answers.
    select
      (select round(avg(a.score), 1) from public.pulse_answers a where a.pulse_id = lp.ids[1]) as latest,
      (select round(avg(a.score), 1) from public.pulse_answers a where a.pulse_id = lp.ids[2]) as previous,
      lp.last_at
    from (
      select array_agg(q.id order by q.created_at desc) as ids, max(q.created_at) as last_at
        from (select pl.id, pl.created_at from public.pulses pl
               where pl.client_id = c.id and exists (select 1 from public.pulse_answers a where a.pulse_id = pl.id)
               order by pl.created_at desc limit 2) q
    ) lp
  ) pu
  on conflict (client_id) do update set
    pm_id = excluded.pm_id, pm_name = excluded.pm_name, staff_ids = excluded.staff_ids,
    next_milestone = excluded.next_milestone, next_milestone_date = excluded.next_milestone_date,
    current_phase = excluded.current_phase, open_milestone_dates = excluded.open_milestone_dates,
    milestones_total = excluded.milestones_total, milestones_done = excluded.milestones_done,
    forecast_end = excluded.forecast_end, open_task_due_dates = excluded.open_task_due_dates,
    open_dissatisfiers = excluded.open_dissatisfiers, oldest_dissatisfier_at = excluded.oldest_dissatisfier_at,
    open_dissatisfier_due_dates = excluded.open_dissatisfier_due_dates,
    signoffs_waiting_since = excluded.signoffs_waiting_since,
    pulse_latest = excluded.pulse_latest, pulse_previous = excluded.pulse_previous,
    last_pulse_at = excluded.last_pulse_at, last_update_at = excluded.last_update_at,
    handoff_date = excluded.handoff_date, disputed_commitments = excluded.disputed_commitments,
    refreshed_at = excluded.refreshed_at;
end
$$;

revoke all on function app_private.refresh_portfolio_facts(uuid[]) from public, anon, authenticated;

-- One trigger function for every source table with a client_id column: the
-- clients the statement touched (before and after), refreshed once per statement.
create function app_private.portfolio_facts_touched() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
declare
  ids uuid[];
begin
  if tg_op = 'INSERT' then
    select array_agg(distinct n.client_id) into ids from new_rows n;
  elsif tg_op = 'DELETE' then
    select array_agg(distinct o.client_id) into ids from old_rows o;
  else
    select array_agg(distinct x.client_id) into ids
      from (select n.client_id from new_rows n union select o.client_id from old_rows o) x;
  end if;
  perform app_private.refresh_portfolio_facts(ids);
  return null;
end
$$;

-- A new client gets its row at once (an admin sees it before anyone joins its team).
create function app_private.portfolio_facts_client_added() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
begin
  perform app_private.refresh_portfolio_facts(array(select n.id from new_rows n));
  return null;
end
$$;

-- A project manager renamed: the clients they run show the new name.
create function app_private.portfolio_facts_person_renamed() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
begin
  perform app_private.refresh_portfolio_facts(array(
    select distinct cs.client_id
      from new_rows n join old_rows o on o.id = n.id
      join public.client_staff cs on cs.person_id = n.id and cs.role = 'project_manager'
     where n.full_name is distinct from o.full_name));
  return null;
end
$$;

revoke all on function app_private.portfolio_facts_touched(), app_private.portfolio_facts_client_added(),
  app_private.portfolio_facts_person_renamed() from public, anon, authenticated;

do $$
declare
  t text;
begin
  foreach t in array array[
    'client_staff', 'milestones', 'phases', 'client_tasks', 'dissatisfiers', 'requirement_documents',
    'requirement_versions', 'requirement_version_approvers', 'signoffs', 'pulses', 'pulse_answers',
    'client_updates', 'handoffs', 'commitments'
  ] loop
    execute format('create trigger portfolio_facts_ins after insert on public.%I referencing new table as new_rows
                      for each statement execute function app_private.portfolio_facts_touched()', t);
    execute format('create trigger portfolio_facts_upd after update on public.%I referencing old table as old_rows new table as new_rows
                      for each statement execute function app_private.portfolio_facts_touched()', t);
    execute format('create trigger portfolio_facts_del after delete on public.%I referencing old table as old_rows
                      for each statement execute function app_private.portfolio_facts_touched()', t);
  end loop;
end
$$;

create trigger portfolio_facts_ins after insert on public.clients referencing new table as new_rows
  for each statement execute function app_private.portfolio_facts_client_added();
create trigger portfolio_facts_renamed after update on public.people referencing old table as old_rows new table as new_rows
  for each statement execute function app_private.portfolio_facts_person_renamed();

-- Every client there is now.
select app_private.refresh_portfolio_facts(array(select id from public.clients));

-- ---------------------------------------------------------------- the portfolio and health, read from the facts

-- Same columns and rules as in 20261201001600 (lifecycle, my work and the CSV
-- read it as before); the time-dependent counts come from the stored dates and
-- today. One row per client the caller works on (admins: all): the facts
-- table's policy keeps it to staff, and clients' own policy applies too.
-- Columns a query does not read are not computed (the words of health, for
-- instance, only for the page's rows).
create or replace view public.portfolio with (security_invoker = true) as
select
  f.client_id,
  c.slug,
  c.name,
  c.created_at,
  c.go_live_date,
  c.service_takeover_date,
  (c.go_live_date - current_date) as days_to_go_live,
  f.pm_id,
  f.pm_name,
  f.staff_ids,
  f.next_milestone,
  f.next_milestone_date,
  f.current_phase,
  f.last_update_at,
  f.handoff_date,
  f.forecast_end,
  f.milestones_total,
  f.milestones_done,
  f.disputed_commitments,
  t.late_milestones,
  t.overdue_tasks,
  f.open_dissatisfiers,
  t.oldest_dissatisfier_days,
  t.overdue_dissatisfiers,
  t.signoffs_waiting,
  t.signoffs_waiting_long,
  t.oldest_signoff_wait_days,
  f.pulse_latest,
  f.pulse_previous,
  f.last_pulse_at,
  s.score,
  b.band,
  r.reasons,
  b.band || ': ' || coalesce(nullif(array_to_string(r.reasons, '; '), ''), 'on track') as summary,
  case
    when c.service_takeover_date <= current_date then 'service'
    when c.go_live_date <= current_date + 14
      or (f.milestones_total > 0 and f.milestones_done = f.milestones_total) then 'go_live'
    when (f.handoff_date is null or f.handoff_date > current_date) and f.milestones_done = 0 then 'handoff'
    else 'conversion'
  end as stage,
  (f.pm_id is null or (f.last_update_at is null and c.created_at < now() - interval '7 days')) as flag_no_pm_introduced,
  coalesce(f.forecast_end > c.go_live_date, false) as flag_go_live_slipping,
  coalesce(f.pulse_previous - f.pulse_latest >= 0.5, false) as flag_pulse_falling,
  f.disputed_commitments > 0 as flag_disputed_commitment,
  c.go_live_date - coalesce(f.handoff_date, c.created_at::date) as planned_days,
  coalesce(f.forecast_end, c.go_live_date) - coalesce(f.handoff_date, c.created_at::date) as forecast_days
from public.client_portfolio_facts f
join public.clients c on c.id = f.client_id
cross join lateral (
  select
    -- width_bucket(x, sorted) counts the elements <= x by binary search (a
    -- subquery over unnest() per row cost 10-20 us: 40 ms for 2,000 clients).
    width_bucket(current_date - 1, f.open_milestone_dates) as late_milestones,
    width_bucket(current_date - 1, f.open_task_due_dates) as overdue_tasks,
    (current_date - f.oldest_dissatisfier_at::date)::int as oldest_dissatisfier_days,
    width_bucket(current_date - 1, f.open_dissatisfier_due_dates) as overdue_dissatisfiers,
    cardinality(f.signoffs_waiting_since)::int as signoffs_waiting,
    width_bucket(now() - interval '7 days' - interval '1 microsecond', f.signoffs_waiting_since) as signoffs_waiting_long,
    (current_date - f.signoffs_waiting_since[1]::date)::int as oldest_signoff_wait_days
) t
cross join lateral (
  select greatest(0, 100
    - least(30, 10 * t.late_milestones)
    - least(15, 5 * t.overdue_tasks)
    - least(30, 10 * f.open_dissatisfiers)
    - case when t.oldest_dissatisfier_days > 14 or t.overdue_dissatisfiers > 0 then 10 else 0 end
    - least(15, 5 * t.signoffs_waiting_long)
    - case when f.pulse_latest < 2.0 then 30 when f.pulse_latest < 3.0 then 20 else 0 end
    - case when f.pulse_previous - f.pulse_latest >= 1.0 then 20
           when f.pulse_previous - f.pulse_latest >= 0.5 then 10 else 0 end
  )::int as score
) s
cross join lateral (
  select case when s.score >= 75 then 'green' when s.score >= 50 then 'amber' else 'red' end as band
) b
cross join lateral (
  select array_remove(array[
    case when t.late_milestones > 0 then
      t.late_milestones || case when t.late_milestones = 1 then ' milestone late' else ' milestones late' end end,
    case when f.pulse_previous - f.pulse_latest >= 0.5 then
      'pulse fell from ' || to_char(f.pulse_previous, 'FM0.0') || ' to ' || to_char(f.pulse_latest, 'FM0.0')
         when f.pulse_latest < 3.0 then 'pulse at ' || to_char(f.pulse_latest, 'FM0.0') end,
    case when f.open_dissatisfiers > 0 then
      f.open_dissatisfiers || case when f.open_dissatisfiers = 1 then ' open dissatisfier' else ' open dissatisfiers' end
      || case when t.overdue_dissatisfiers > 0 then ', ' || t.overdue_dissatisfiers || ' past due'
              when t.oldest_dissatisfier_days > 14 then ', oldest ' || t.oldest_dissatisfier_days || ' days' else '' end end,
    case when t.overdue_tasks > 0 then
      t.overdue_tasks || case when t.overdue_tasks = 1 then ' client task overdue' else ' client tasks overdue' end end,
    case when t.signoffs_waiting_long > 0 then
      t.signoffs_waiting_long || case when t.signoffs_waiting_long = 1 then ' sign-off' else ' sign-offs' end
      || ' waiting over 7 days' end
  ], null) as reasons
) r;

-- Health alone, as before: the portfolio's health columns.
create or replace view public.client_health with (security_invoker = true) as
select client_id, late_milestones, overdue_tasks, open_dissatisfiers, oldest_dissatisfier_days, overdue_dissatisfiers,
       signoffs_waiting, signoffs_waiting_long, oldest_signoff_wait_days, pulse_latest, pulse_previous, last_pulse_at,
       score, band, reasons, summary
  from public.portfolio;

-- The filters: the project managers and the current phases of the caller's clients
-- (a phase no client is in now would filter to nothing).
create or replace view public.portfolio_filter_options with (security_invoker = true) as
select 'pm'::text as kind, f.pm_id::text as value, f.pm_name as label
  from public.client_portfolio_facts f where f.pm_id is not null
union
select 'phase', f.current_phase, f.current_phase
  from public.client_portfolio_facts f where f.current_phase is not null;

-- ---------------------------------------------------------------- the staff home in one round trip

-- A page of the portfolio, filtered and sorted in the database over every
-- client the caller may see (security invoker: RLS applies), with the number of
-- matching clients and the filter options:
--   {"rows": [...portfolio columns...], "total": 2000, "pms": [{value, label}], "phases": [{value, label}]}
-- Sorts: health (worst first), name, go_live (soonest first), late (most late
-- milestones first); then name. p_limit null: every matching row (the CSV).
-- Only the sort and filter columns are computed for every client; the rest
-- only for the rows of the page.
create function public.portfolio_page(
  p_q text default '',
  p_show text default 'all',
  p_pm uuid default null,
  p_phase text default '',
  p_sort text default 'health',
  p_offset int default 0,
  p_limit int default 50
) returns jsonb
  language sql stable security invoker
  set search_path = ''
  as $$
  with visible as (
    select p.client_id, p.name, p.go_live_date, p.score, p.band, p.late_milestones, p.pm_id, p.pm_name,
           p.current_phase, p.staff_ids
      from public.portfolio p
  ),
  matching as (
    select v.* from visible v
     where (coalesce(p_q, '') = ''
            -- %, _ and \ typed in the search box are searched for as themselves.
            or v.name ilike '%' || replace(replace(replace(p_q, '\', '\\'), '%', '\%'), '_', '\_') || '%')
       and (coalesce(p_show, 'all') <> 'at_risk' or v.band in ('amber', 'red'))
       and (coalesce(p_show, 'all') <> 'mine' or v.staff_ids @> array[(select auth.uid())])
       and (p_pm is null or v.pm_id = p_pm)
       and (coalesce(p_phase, '') = '' or v.current_phase = p_phase)
  ),
  page as (
    select m.client_id, row_number() over (order by
        case when p_sort = 'late' then m.late_milestones end desc nulls last,
        case when p_sort = 'go_live' then m.go_live_date end asc nulls last,
        case when p_sort in ('name', 'go_live') then null else m.score end asc,
        m.name, m.client_id) as position
      from matching m
     order by position
     offset greatest(coalesce(p_offset, 0), 0)
     limit p_limit
  )
  select jsonb_build_object(
    'rows', coalesce((
      select jsonb_agg(to_jsonb(r) order by pg.position)
        from page pg
        cross join lateral (
          select p.client_id, p.slug, p.name, p.go_live_date, p.days_to_go_live, p.pm_id, p.pm_name, p.current_phase,
                 p.next_milestone, p.next_milestone_date, p.last_update_at, p.late_milestones, p.overdue_tasks,
                 p.open_dissatisfiers, p.oldest_dissatisfier_days, p.overdue_dissatisfiers, p.signoffs_waiting,
                 p.oldest_signoff_wait_days, p.pulse_latest, p.pulse_previous, p.last_pulse_at, p.score, p.band,
                 p.reasons, p.summary
            from public.portfolio p where p.client_id = pg.client_id
        ) r), '[]'::jsonb),
    'total', (select count(*) from matching),
    'pms', coalesce((select jsonb_agg(jsonb_build_object('value', o.pm_id, 'label', o.pm_name) order by o.pm_name, o.pm_id)
                       from (select distinct v.pm_id, v.pm_name from visible v where v.pm_id is not null) o), '[]'::jsonb),
    'phases', coalesce((select jsonb_agg(jsonb_build_object('value', o.current_phase, 'label', o.current_phase) order by o.current_phase)
                          from (select distinct v.current_phase from visible v where v.current_phase is not null) o), '[]'::jsonb)
  )
$$;

comment on function public.portfolio_page(text, text, uuid, text, text, int, int) is
  'The staff home in one call: a page of the portfolio filtered and sorted over every client the caller may see, the total, and the filter options.';

revoke all on function public.portfolio_page(text, text, uuid, text, text, int, int) from public, anon;
grant execute on function public.portfolio_page(text, text, uuid, text, text, int, int) to authenticated, service_role;
