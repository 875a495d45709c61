-- Opening the client's page in one PostgREST round trip instead of two (issue 13:
-- "round trips per load of each main page: target 1"; docs/decisions/0020).
--
-- Every signed-in page starts with the session check (current_viewer), then
-- makes its own call. For the client's page both are now one call: the
-- viewer, and the page only when the session is the caller's own and still
-- live, so a signed-out or expired session reads nothing and records no visit.
-- The app still checks the viewer it gets back by the same rule
-- (app/lib/viewer.server.ts) and signs the browser out when it fails; the
-- session's length is the app's (p_session_hours), not repeated here.
--
-- SECURITY INVOKER like the two functions it calls: RLS decides what the
-- viewer and the page contain, as before. The page is read as the caller
-- (auth.uid()); asking with someone else's person or session id reads no page.

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
  v_viewer jsonb := public.current_viewer(p_person_id, p_session_id);
begin
  if v_viewer is null
     or p_person_id is distinct from (select auth.uid())
     or not exists (
       select 1 from public.auth_sessions s
        where s.id = p_session_id
          and s.person_id = p_person_id
          and s.revoked_at is null
          and s.created_at > now() - make_interval(hours => p_session_hours)) then
    return jsonb_build_object('viewer', v_viewer, 'page', null);
  end if;
  return jsonb_build_object('viewer', v_viewer, 'page', public.client_page(p_slug, p_open));
end
$$;

comment on function public.signed_in_client_page(uuid, uuid, int, text, boolean) is
  'The session check and the client''s page in one call: {viewer, page}; the page (and the visit, with p_open) only for the caller''s own live session.';

revoke all on function public.signed_in_client_page(uuid, uuid, int, text, boolean) from public, anon;
grant execute on function public.signed_in_client_page(uuid, uuid, int, text, boolean) to authenticated, service_role;
