-- Who is signed in, in one SQL function (issue 13, docs/decisions/0016): every
-- signed-in page starts with this lookup (app/lib/viewer.server.ts), and
-- PostgREST 12 spent ~3.5 ms of CPU building its three-embed select against
-- ~1 ms for a function call. Same rows, same JSON shape as that select (a test
-- compares them); SECURITY INVOKER, so RLS decides as before: a person reads
-- their own row, staff flag, client memberships and this session only.

create function public.current_viewer(p_person_id uuid, p_session_id uuid) returns jsonb
  language sql
  stable
  security invoker
  set search_path = ''
  as $$
    select to_jsonb(x) from (
      select p.id, p.email, p.full_name,
        (select to_jsonb(s) from (select is_admin from public.staff where person_id = p.id) s) as staff,
        (select coalesce(jsonb_agg(to_jsonb(c)), '[]') from (
          select cc.role,
            (select to_jsonb(k) from (select slug, name from public.clients where id = cc.client_id) k) as clients
          from public.client_contacts cc where cc.person_id = p.id order by cc.created_at) c) as client_contacts,
        (select coalesce(jsonb_agg(to_jsonb(a)), '[]') from (
          select created_at, revoked_at from public.auth_sessions where person_id = p.id and id = p_session_id) a) as auth_sessions
      from public.people p where p.id = p_person_id
    ) x
  $$;

comment on function public.current_viewer(uuid, uuid) is
  'The signed-in person, their staff flag, client memberships and the given session, as RLS lets them read it (null when absent).';

revoke all on function public.current_viewer(uuid, uuid) from public, anon;
grant execute on function public.current_viewer(uuid, uuid) to authenticated, service_role;
