-- The staff home's one call, cheaper per client (issue 12 "Scale";
-- docs/decisions/0014-portfolio-and-health.md, follow-up of 2026-12-02).
--
-- Same signature, same answer (tests/security/portfolio-page-parity.test.ts
-- compares it with the function of 20261201002300 for every actor), under the
-- caller's RLS as before. What an admin's call (2,002 clients) spent its time on,
-- by EXPLAIN (ANALYZE, BUFFERS) as the authenticated role:
--   * health computed three times per client: the sort and filter step read
--     `score` and `band` from public.portfolio, and the view's band is a CASE
--     over its score, so the planner inlined the whole score expression (four
--     width_bucket() binary searches, date and numeric arithmetic) twice more.
--     Now only `score` is read for every client: "at risk" is `score < 75`,
--     which is exactly band amber or red (green is 75 and over); band and the
--     words are still computed by the view, for the page's rows only.
--   * `late_milestones` for every client although only the "late" sort uses it.
--   * every visible client numbered by row_number() over a full sort before the
--     page was cut; now ORDER BY ... OFFSET ... LIMIT, a top-N sort.
--   * the staff ids of every client carried through the materialised step for
--     the "mine" filter; now one boolean.
create or replace function public.portfolio_page(
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
  select jsonb_build_object(
    'rows', coalesce((
      select jsonb_agg(to_jsonb(r) order by
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
