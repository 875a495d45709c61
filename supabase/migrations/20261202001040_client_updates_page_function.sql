-- The staff updates page of a client in one SQL function (issue 13,
-- docs/decisions/0016): /staff/clients/:slug/updates made three PostgREST round
-- trips (the viewer, the requireClient guard, the page's embedded select
-- UPDATES_PAGE_SELECT in app/domain/updates/list-client-updates.server.ts).
-- This function returns the caller's client_access row and the page's rows in
-- exactly the JSON shape of that select (the updates as client_page gives them),
-- so the page makes two. A test compares them.
-- SECURITY INVOKER with an empty search_path: RLS decides as before (a contact
-- calling it gets no internal update or milestone); null when the caller cannot
-- see the client.

create function public.client_updates_page(p_slug text) returns jsonb
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
      select v_client.id, v_client.slug, v_client.name,
        (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
          select cc.role,
            (select to_jsonb(p) from (select id, full_name from public.people where id = cc.person_id) p) as people
          from public.client_contacts cc where cc.client_id = v_client.id order by cc.created_at) s) as client_contacts,
        (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
          select ph.is_internal,
            (select coalesce(jsonb_agg(to_jsonb(m)), '[]') from (
              select id, title, planned_date, is_internal
              from public.milestones where phase_id = ph.id and client_id = ph.client_id) m) as milestones
          from public.phases ph where ph.client_id = v_client.id) s) as phases,
        (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
          select id, title, created_at from public.requirement_documents where client_id = v_client.id) s) as requirement_documents,
        (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
          select u.id, u.title, u.body_markdown, u.is_internal, u.decision_needed, u.decision_due, u.decision_from,
            u.milestone_id, u.requirement_document_id, u.created_at, u.edited_at, u.author_id,
            (select to_jsonb(p) from (select full_name from public.people where id = u.author_id) p) as author,
            (select to_jsonb(p) from (select full_name from public.people where id = u.decision_from) p) as decider,
            (select to_jsonb(m) from (select title from public.milestones where id = u.milestone_id) m) as milestone,
            (select to_jsonb(r) from (select title from public.requirement_documents where id = u.requirement_document_id) r) as document,
            (select coalesce(jsonb_agg(to_jsonb(r)), '[]') from (
              select ur.person_id, ur.answer, ur.comment, ur.updated_at,
                (select to_jsonb(p) from (select full_name from public.people where id = ur.person_id) p) as person
              from public.update_replies ur where ur.update_id = u.id order by ur.created_at) r) as update_replies
          from public.client_updates u where u.client_id = v_client.id order by u.created_at desc) s) as client_updates) x),
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a)
  );
end;
$$;

comment on function public.client_updates_page(text) is
  'A client''s updates with replies, and what a new update may link to, as the caller may see them (RLS), in the shape of the select it replaces, with their client_access row.';

revoke all on function public.client_updates_page(text) from public, anon;
grant execute on function public.client_updates_page(text) to authenticated, service_role;
