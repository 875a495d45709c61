-- The staff list of a client's requirement documents in one SQL function
-- (issue 13, docs/decisions/0016).
--
-- /staff/clients/:slug/requirements used to make three PostgREST round trips:
-- the viewer, the requireClient guard (the client_access view) and the list's
-- embedded select (REQUIREMENT_LIST_SELECT in
-- app/domain/requirements/list-requirement-documents.server.ts). This function
-- returns the guard's client_access row and the list in exactly the JSON shape
-- of that select (documents oldest first, as the select orders them), so the
-- page makes two: the viewer and this call. A test compares it with the select.
--
-- SECURITY INVOKER with an empty search_path: every table is read under the
-- caller's RLS as before. Null when the caller cannot see the client (the
-- guard's 404), so nothing else is returned to them.

create function public.requirement_list(p_slug text) returns jsonb
  language plpgsql
  stable
  security invoker
  set search_path = ''
  as $$
declare
  v_client public.clients%rowtype;
  v_list jsonb;
begin
  select * into v_client from public.clients where slug = p_slug;
  if not found then
    return null;
  end if;

  select to_jsonb(x) into v_list from (
    select
      v_client.id, v_client.slug, v_client.name,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cc.role,
          (select to_jsonb(p) from (select id, full_name from public.people where id = cc.person_id) p) as people
        from public.client_contacts cc where cc.client_id = v_client.id order by cc.created_at) s) as client_contacts,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') from (
        select rd.id, rd.title, rd.area, rd.due_date, rd.created_at,
          (select coalesce(jsonb_agg(to_jsonb(v)), '[]') from (
            select rv.id, rv.version,
              (select coalesce(jsonb_agg(jsonb_build_object('person_id', a.person_id)), '[]')
                 from public.requirement_version_approvers a where a.version_id = rv.id) as requirement_version_approvers
            from public.requirement_versions rv where rv.document_id = rd.id and rv.client_id = v_client.id) v)
            as requirement_versions,
          (select coalesce(jsonb_agg(jsonb_build_object('person_id', ra.person_id)), '[]')
             from public.requirement_approvers ra where ra.document_id = rd.id and ra.client_id = v_client.id)
            as requirement_approvers,
          (select coalesce(jsonb_agg(to_jsonb(so)), '[]') from (
            select version_id, person_id, decision
            from public.signoffs where document_id = rd.id and client_id = v_client.id) so) as signoffs
        from public.requirement_documents rd where rd.client_id = v_client.id) s) as requirement_documents
  ) x;

  return jsonb_build_object(
    'client', v_list,
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a)
  );
end;
$$;

comment on function public.requirement_list(text) is
  'A client''s requirement documents for the staff list as the caller may see them (RLS), in the shape of the embedded select it replaces, with their client_access row.';

revoke all on function public.requirement_list(text) from public, anon;
grant execute on function public.requirement_list(text) to authenticated, service_role;
