-- The staff team page of a client in one SQL function (issue 13,
-- docs/decisions/0016): /staff/clients/:slug/team made three PostgREST round
-- trips, four for those who manage the team (the viewer, the requireClient
-- guard, the team's select TEAM_SELECT in app/domain/setup/get-client-team.server.ts
-- and, for managers, every staff member as STAFF_SELECT in list-staff.server.ts).
-- This function returns the caller's client_access row, the team in exactly the
-- JSON shape of that select and the staff list as that select gives it (under
-- RLS: staff read staff; the app offers it only to those who manage the team),
-- so the page makes two. A test compares them.
-- SECURITY INVOKER with an empty search_path: RLS decides as before; null when
-- the caller cannot see the client.

create function public.client_team_page(p_slug text) returns jsonb
  language plpgsql
  stable
  security invoker
  set search_path = ''
  as $$
declare
  v_client public.clients%rowtype;
begin
  select * into v_client from public.clients where slug = p_slug;
  if not found then
    return null;
  end if;

  return jsonb_build_object(
    'client', (select to_jsonb(x) from (
      select v_client.id, v_client.slug, v_client.name, v_client.primary_color, v_client.accent_color,
        (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
          select cs.role, cs.responsibilities,
            (select to_jsonb(p) from (select id, full_name, email, title from public.people where id = cs.person_id) p) as people
          from public.client_staff cs where cs.client_id = v_client.id order by cs.created_at) s) as client_staff,
        (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
          select cc.role,
            (select to_jsonb(p) from (select id, full_name, email, title, phone from public.people where id = cc.person_id) p) as people
          from public.client_contacts cc where cc.client_id = v_client.id order by cc.created_at) s) as client_contacts) x),
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a),
    'staff', (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
      select st.person_id,
        (select to_jsonb(p) from (select full_name, email from public.people where id = st.person_id) p) as people
      from public.staff st) s)
  );
end;
$$;

comment on function public.client_team_page(text) is
  'A client''s team and contacts as the caller may see them (RLS), in the shape of the select it replaces, with every staff member they may read and their client_access row.';

revoke all on function public.client_team_page(text) from public, anon;
grant execute on function public.client_team_page(text) to authenticated, service_role;
