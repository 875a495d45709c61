-- Each main page in one PostgREST round trip instead of two (issue 13: "round
-- trips per load of each main page: target 1"; docs/decisions/0020).
--
-- Every signed-in page starts with the session check (current_viewer), then
-- makes its own call. For the client's page, a requirement document's page and
-- the staff home both are now one call, signed_in_*, which answers
-- {viewer, live, page}: the viewer as current_viewer gives it (the app checks
-- it again by its own rule, app/lib/viewer.server.ts), whether the session is
-- live (the app signs the browser out when either says no), and the page only
-- for a live session: the caller's own
-- (auth.uid()), not signed out, younger than the app's session length
-- (p_session_hours, not repeated here). A signed-out or expired session reads
-- nothing and records no visit; asking with someone else's person or session
-- id reads no page. All SECURITY INVOKER, like the functions they call: RLS
-- decides what the viewer and the page contain, as before.

create function app_private.is_live_session(p_person_id uuid, p_session_id uuid, p_session_hours int) returns boolean
  language sql
  stable
  security invoker
  set search_path = ''
  as $$
    select p_person_id = (select auth.uid())
       and exists (
         select 1 from public.auth_sessions s
          where s.id = p_session_id
            and s.person_id = p_person_id
            and s.revoked_at is null
            and s.created_at > now() - make_interval(hours => p_session_hours))
  $$;

comment on function app_private.is_live_session(uuid, uuid, int) is
  'Whether this session is the caller''s own, not signed out and younger than p_session_hours (as the caller''s RLS lets them read it).';

-- The first half of every signed_in_* answer: {viewer, live}.
create function app_private.signed_in(p_person_id uuid, p_session_id uuid, p_session_hours int) returns jsonb
  language sql
  stable
  security invoker
  set search_path = ''
  as $$
    -- Materialised: a plain subquery is pulled up and current_viewer then runs
    -- once for each of the two places that read it (pg_stat_statements).
    with v as materialized (select public.current_viewer(p_person_id, p_session_id) as viewer)
    select jsonb_build_object('viewer', v.viewer,
             'live', v.viewer is not null and coalesce(app_private.is_live_session(p_person_id, p_session_id, p_session_hours), false))
      from v
  $$;

comment on function app_private.signed_in(uuid, uuid, int) is
  'The viewer as current_viewer gives it, and whether their session is live: the first half of every signed_in_* answer.';

revoke all on function app_private.is_live_session(uuid, uuid, int) from public, anon;
revoke all on function app_private.signed_in(uuid, uuid, int) from public, anon;
grant execute on function app_private.is_live_session(uuid, uuid, int) to authenticated, service_role;
grant execute on function app_private.signed_in(uuid, uuid, int) to authenticated, service_role;

-- Each page: its function's answer as `page`, read only for a live session.

create function public.signed_in_client_page(
  p_person_id uuid,
  p_session_id uuid,
  p_session_hours int,
  p_slug text,
  p_open boolean default false
) returns jsonb
  language plpgsql
  volatile
  security invoker
  set search_path = ''
  as $$
declare
  v_answer jsonb := app_private.signed_in(p_person_id, p_session_id, p_session_hours);
begin
  if not (v_answer->>'live')::boolean then
    return v_answer || '{"page": null}';
  end if;
  return v_answer || jsonb_build_object('page', public.client_page(p_slug, p_open));
end
$$;

create function public.signed_in_requirement_page(
  p_person_id uuid,
  p_session_id uuid,
  p_session_hours int,
  p_slug text,
  p_document_id uuid
) returns jsonb
  language plpgsql
  stable
  security invoker
  set search_path = ''
  as $$
declare
  v_answer jsonb := app_private.signed_in(p_person_id, p_session_id, p_session_hours);
begin
  if not (v_answer->>'live')::boolean then
    return v_answer || '{"page": null}';
  end if;
  return v_answer || jsonb_build_object('page', public.requirement_page(p_slug, p_document_id));
end
$$;

-- portfolio_page answers json (20261202002010): kept as json, the viewer beside it.
create function public.signed_in_portfolio_page(
  p_person_id uuid,
  p_session_id uuid,
  p_session_hours int,
  p_q text default '',
  p_show text default 'all',
  p_pm uuid default null,
  p_phase text default '',
  p_sort text default 'health',
  p_offset int default 0,
  p_limit int default 50
) returns json
  language plpgsql
  stable
  security invoker
  set search_path = ''
  as $$
declare
  v_answer jsonb := app_private.signed_in(p_person_id, p_session_id, p_session_hours);
begin
  if not (v_answer->>'live')::boolean then
    return (v_answer || '{"page": null}')::json;
  end if;
  return json_build_object('viewer', v_answer->'viewer', 'live', true,
    'page', public.portfolio_page(p_q, p_show, p_pm, p_phase, p_sort, p_offset, p_limit));
end
$$;

comment on function public.signed_in_client_page(uuid, uuid, int, text, boolean) is
  'The session check and the client''s page in one call: {viewer, live, page}; the page (and the visit, with p_open) only for the caller''s own live session.';
comment on function public.signed_in_requirement_page(uuid, uuid, int, text, uuid) is
  'The session check and a requirement document''s page in one call: {viewer, live, page}; the page only for the caller''s own live session.';
comment on function public.signed_in_portfolio_page(uuid, uuid, int, text, text, uuid, text, text, int, int) is
  'The session check and the staff home''s page in one call: {viewer, live, page}; the page only for the caller''s own live session.';

revoke all on function public.signed_in_client_page(uuid, uuid, int, text, boolean) from public, anon;
revoke all on function public.signed_in_requirement_page(uuid, uuid, int, text, uuid) from public, anon;
revoke all on function public.signed_in_portfolio_page(uuid, uuid, int, text, text, uuid, text, text, int, int) from public, anon;
grant execute on function public.signed_in_client_page(uuid, uuid, int, text, boolean) to authenticated, service_role;
grant execute on function public.signed_in_requirement_page(uuid, uuid, int, text, uuid) to authenticated, service_role;
grant execute on function public.signed_in_portfolio_page(uuid, uuid, int, text, text, uuid, text, text, int, int) to authenticated, service_role;
