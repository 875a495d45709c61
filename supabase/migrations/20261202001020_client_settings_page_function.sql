-- The staff settings page of a client in one SQL function (issue 13,
-- docs/decisions/0016): /staff/clients/:slug/settings made three PostgREST
-- round trips (the viewer, the requireClient guard, the settings select
-- SETTINGS_SELECT in app/domain/setup/get-client-settings.server.ts); with this
-- function, which returns the caller's client_access row and the settings in
-- exactly the JSON shape of that select, it makes two. A test compares them.
-- SECURITY INVOKER with an empty search_path: RLS decides as before; null when
-- the caller cannot see the client.

create function public.client_settings_page(p_slug text) returns jsonb
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
      select v_client.id, v_client.slug, v_client.name, v_client.primary_color, v_client.accent_color, v_client.welcome_text,
        v_client.go_live_date, v_client.service_takeover_date, v_client.updated_at,
        (select to_jsonb(l) from (select updated_at from public.client_logos where client_id = v_client.id) l) as client_logos) x),
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a)
  );
end;
$$;

comment on function public.client_settings_page(text) is
  'A client''s settings as the caller may see them (RLS), in the shape of the select it replaces, with their client_access row.';

revoke all on function public.client_settings_page(text) from public, anon;
grant execute on function public.client_settings_page(text) to authenticated, service_role;
