-- The leadership lifecycle view in one SQL function (issue 13,
-- docs/decisions/0016): /staff/lifecycle made four PostgREST round trips (the
-- viewer and three reads in app/domain/portfolio/get-lifecycle.server.ts: the
-- lifecycle_stages and go_live_against_plan views and the flagged clients of the
-- portfolio view). This function returns each of those reads in exactly the JSON
-- shape of its select (the slip bands by position; the flagged clients by score,
-- then name, at most 101, as that select asks), so the page makes two. A test
-- compares them.
-- SECURITY INVOKER with an empty search_path: the views are security invoker,
-- so RLS decides as before (the page is for admins; anyone else would count only
-- their own clients).

create function public.lifecycle_page() returns jsonb
  language sql
  stable
  security invoker
  set search_path = ''
  as $$
    select jsonb_build_object(
      'stages', (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (select * from public.lifecycle_stages) s),
      'slips', (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select position, label, clients from public.go_live_against_plan) s),
      'flagged', (select coalesce(jsonb_agg(to_jsonb(s) order by s.score, s.name), '[]') from (
        select slug, name, stage, current_phase, score, band, summary,
          flag_no_pm_introduced, flag_go_live_slipping, flag_pulse_falling, flag_disputed_commitment
        from public.portfolio
        where flag_no_pm_introduced is true or flag_go_live_slipping is true or flag_pulse_falling is true or flag_disputed_commitment is true
        order by score, name
        limit 101) s)
    )
  $$;

comment on function public.lifecycle_page() is
  'The lifecycle view (clients by stage, go-live against plan, flagged clients) as the caller may see it (RLS), in the shape of the selects it replaces.';

revoke all on function public.lifecycle_page() from public, anon;
grant execute on function public.lifecycle_page() to authenticated, service_role;
