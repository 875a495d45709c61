-- The requirement document page in one SQL function (issue 13, docs/decisions/0016):
-- the same rows, in the same JSON shape, as the embedded select REQUIREMENT_SELECT
-- in app/domain/requirements/get-requirement-document.server.ts, which PostgREST
-- 12 spent tens of milliseconds of CPU building on every request. SECURITY
-- INVOKER: every table is read under the caller's RLS (drafts reach the
-- client's staff only; a contact sees only published versions). Null when the
-- caller cannot see the client; requirement_documents is empty when the
-- document is not there for them. A test compares it with the select. It also
-- returns the caller's row of the client_access view (what they may do there),
-- so the page needs no separate guard call.

create function public.requirement_page(p_slug text, p_document_id uuid) returns jsonb
  language plpgsql
  stable
  security invoker
  set search_path = ''
  as $$
declare
  v_client public.clients%rowtype;
  v_page jsonb;
begin
  select * into v_client from public.clients where slug = p_slug;
  if not found then
    return null;
  end if;

  select to_jsonb(x) into v_page from (
    select
      v_client.id, v_client.slug, v_client.name, v_client.logo_url, v_client.primary_color, v_client.accent_color,
      (select to_jsonb(l) from (select updated_at from public.client_logos where client_id = v_client.id) l) as client_logos,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cs.role,
          (select to_jsonb(p) from (select full_name, email from public.people where id = cs.person_id) p) as people
        from public.client_staff cs where cs.client_id = v_client.id order by cs.created_at) s) as client_staff,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cc.role,
          (select to_jsonb(p) from (select id, full_name, email from public.people where id = cc.person_id) p) as people
        from public.client_contacts cc where cc.client_id = v_client.id order by cc.created_at) s) as client_contacts,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select rd.id, rd.title, rd.area, rd.due_date, rd.updated_at,
          (select coalesce(jsonb_agg(to_jsonb(d)), '[]') from (
            select body_markdown from public.requirement_drafts where document_id = rd.id and client_id = v_client.id) d)
            as requirement_drafts,
          (select coalesce(jsonb_agg(to_jsonb(v) order by v.version), '[]') from (
            select rv.id, rv.version, rv.body_markdown, rv.body_sha256, rv.change_note, rv.published_at,
              (select to_jsonb(p) from (select full_name from public.people where id = rv.published_by) p) as publisher,
              (select coalesce(jsonb_agg(jsonb_build_object('person_id', a.person_id)), '[]')
                 from public.requirement_version_approvers a where a.version_id = rv.id) as requirement_version_approvers
            from public.requirement_versions rv where rv.document_id = rd.id and rv.client_id = v_client.id) v)
            as requirement_versions,
          (select coalesce(jsonb_agg(to_jsonb(a)), '[]') from (
            select ra.person_id,
              (select to_jsonb(p) from (select id, full_name, email from public.people where id = ra.person_id) p) as people
            from public.requirement_approvers ra where ra.document_id = rd.id and ra.client_id = v_client.id
            order by ra.created_at) a) as requirement_approvers,
          (select coalesce(jsonb_agg(to_jsonb(so) order by so.created_at, so.id), '[]') from (
            select id, version_id, version, person_id, person_name, person_email, decision, comment,
              signature_name, consent_text, body_sha256, ip, user_agent, created_at
            from public.signoffs where document_id = rd.id and client_id = v_client.id) so) as signoffs
        from public.requirement_documents rd where rd.client_id = v_client.id and rd.id = p_document_id) s)
        as requirement_documents
  ) x;
  return jsonb_build_object(
    'client', v_page,
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a)
  );
end;
$$;

comment on function public.requirement_page(text, uuid) is
  'One requirement document''s page as the caller may see it (RLS), in the shape of the embedded select it replaces.';

revoke all on function public.requirement_page(text, uuid) from public, anon;
grant execute on function public.requirement_page(text, uuid) to authenticated, service_role;
