-- The staff home's one call answers json instead of jsonb (issue 12 "Scale";
-- docs/decisions/0020-speed-targets-on-two-cores.md).
--
-- Same signature, body and answer as 20261202002000, except that the page is
-- built with json_agg / to_json / json_build_object. The function only
-- assembles rows and never reads inside what it built, and PostgREST sends the
-- answer out as text: jsonb's binary form (parsed, its keys sorted and
-- deduplicated, then printed again) was work nobody used. Called 150 times
-- each, alternately, as the authenticated role on the bench data (2,002
-- clients): ~2 ms less per call, for a PM's 50 clients (~9.9 -> ~7.7 ms) and
-- for the admin (~24 -> ~22 ms). tests/security/portfolio-page-parity.test.ts
-- still compares its answer with the function of 20261201002300.
--
-- A function's result type cannot be changed in place: dropped and created
-- again in this migration's transaction, with its grants and comment.
drop function public.portfolio_page(text, text, uuid, text, text, int, int);

create function public.portfolio_page(
  p_q text default '',
  p_show text default 'all',
  p_pm uuid default null,
  p_phase text default '',
  p_sort text default 'health',
  p_offset int default 0,
  p_limit int default 50
) returns json
  language sql stable security invoker
  set search_path = ''
  as $$
  with visible as materialized (
    -- One pass over the clients the caller may see: the sort and filter keys only.
    select p.client_id, p.name, p.go_live_date, p.score,
           case when p_sort = 'late' then p.late_milestones end as late_milestones,
           p.pm_id, p.pm_name, p.current_phase,
           coalesce(p_show, 'all') <> 'mine' or p.staff_ids @> array[(select auth.uid())] as shown
      from public.portfolio p
  ),
  matching as materialized (
    select v.client_id, v.name, v.go_live_date, v.score, v.late_milestones
      from visible v
     where v.shown
       and (coalesce(p_q, '') = ''
            -- %, _ and \ typed in the search box are searched for as themselves.
            or v.name ilike '%' || replace(replace(replace(p_q, '\', '\\'), '%', '\%'), '_', '\_') || '%')
       -- At risk is amber or red: a score under 75 (public.portfolio's band).
       and (coalesce(p_show, 'all') <> 'at_risk' or v.score < 75)
       and (p_pm is null or v.pm_id = p_pm)
       and (coalesce(p_phase, '') = '' or v.current_phase = p_phase)
  ),
  page as (
    select m.client_id, m.name, m.go_live_date, m.score, m.late_milestones
      from matching m
     order by case when p_sort = 'late' then m.late_milestones end desc nulls last,
              case when p_sort = 'go_live' then m.go_live_date end asc nulls last,
              case when p_sort in ('name', 'go_live') then null else m.score end asc,
              m.name, m.client_id
     offset greatest(coalesce(p_offset, 0), 0)
     limit p_limit
  )
  select json_build_object(
    'rows', coalesce((
      select json_agg(to_json(r) order by
               case when p_sort = 'late' then pg.late_milestones end desc nulls last,
               case when p_sort = 'go_live' then pg.go_live_date end asc nulls last,
               case when p_sort in ('name', 'go_live') then null else pg.score end asc,
               pg.name, pg.client_id)
        from page pg
        cross join lateral (
          select p.client_id, p.slug, p.name, p.go_live_date, p.days_to_go_live, p.pm_id, p.pm_name, p.current_phase,
                 p.next_milestone, p.next_milestone_date, p.last_update_at, p.late_milestones, p.overdue_tasks,
                 p.open_dissatisfiers, p.oldest_dissatisfier_days, p.overdue_dissatisfiers, p.signoffs_waiting,
                 p.oldest_signoff_wait_days, p.pulse_latest, p.pulse_previous, p.last_pulse_at, p.score, p.band,
                 p.reasons, p.summary
            from public.portfolio p where p.client_id = pg.client_id
        ) r), '[]'::json),
    'total', (select count(*) from matching),
    'pms', coalesce((select json_agg(json_build_object('value', o.pm_id, 'label', o.pm_name) order by o.pm_name, o.pm_id)
                       from (select distinct v.pm_id, v.pm_name from visible v where v.pm_id is not null) o), '[]'::json),
    'phases', coalesce((select json_agg(json_build_object('value', o.current_phase, 'label', o.current_phase) order by o.current_phase)
                          from (select distinct v.current_phase from visible v where v.current_phase is not null) o), '[]'::json)
  )
$$;

comment on function public.portfolio_page(text, text, uuid, text, text, int, int) is
  'The staff home in one call: a page of the portfolio filtered and sorted over every client the caller may see, the total, and the filter options.';

revoke all on function public.portfolio_page(text, text, uuid, text, text, int, int) from public, anon;
grant execute on function public.portfolio_page(text, text, uuid, text, text, int, int) to authenticated, service_role;
