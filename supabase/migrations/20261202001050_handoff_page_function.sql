-- The staff handoff page of a client in one SQL function (issue 13,
-- docs/decisions/0016): /staff/clients/:slug/handoff made three PostgREST round
-- trips (the viewer, the requireClient guard, the page's embedded select
-- HANDOFF_SELECT in app/domain/handoff/get-handoff.server.ts, some twenty
-- relationships). This function returns the caller's client_access row and the
-- page's rows in exactly the JSON shape of that select, in its order
-- (commitments, notes, documents and open dissatisfiers oldest first, facts,
-- criteria and phases by position; resolved dissatisfiers left out), so the page
-- makes two. A test compares them.
-- SECURITY INVOKER with an empty search_path: RLS decides as before (a contact
-- gets none of the staff's side); null when the caller cannot see the client.

create function public.handoff_page(p_slug text) returns jsonb
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
          select cs.role, cs.person_id,
            (select to_jsonb(p) from (select full_name from public.people where id = cs.person_id) p) as people
          from public.client_staff cs where cs.client_id = v_client.id order by cs.created_at) s) as client_staff,
        (select to_jsonb(h) from (
          select meeting_date, attendees, summary, updated_at from public.handoffs where client_id = v_client.id) h) as handoffs,
        (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') from (
          select c.id, c.promise, c.promised_by, c.promised_on, c.source, c.due_date, c.status, c.dispute_comment,
            c.confirmed_at, c.disputed_at, c.created_at, c.owner_id,
            (select to_jsonb(p) from (select full_name from public.people where id = c.confirmed_by) p) as confirmer,
            (select to_jsonb(p) from (select full_name from public.people where id = c.disputed_by) p) as disputer,
            (select coalesce(jsonb_agg(to_jsonb(l)), '[]') from (
              select cl.id, cl.milestone_id, cl.requirement_document_id,
                (select to_jsonb(m) from (
                  select title, actual_date from public.milestones where id = cl.milestone_id and client_id = cl.client_id) m) as milestones,
                (select to_jsonb(r) from (
                  select title from public.requirement_documents where id = cl.requirement_document_id and client_id = cl.client_id) r)
                  as requirement_documents
              from public.commitment_links cl where cl.commitment_id = c.id and cl.client_id = c.client_id) l) as commitment_links,
            (select coalesce(jsonb_agg(to_jsonb(e)), '[]') from (
              select ce.id, ce.kind, ce.old_status, ce.new_status, ce.detail, ce.changed_at,
                (select to_jsonb(p) from (select full_name from public.people where id = ce.changed_by) p) as changer
              from public.commitment_events ce where ce.commitment_id = c.id) e) as commitment_events
          from public.commitments c where c.client_id = v_client.id) s) as commitments,
        (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
          select f.id, f.label, f.position, f.client_value, f.confirmed_at,
            (select to_jsonb(p) from (select full_name from public.people where id = f.confirmed_by) p) as confirmer,
            (select coalesce(jsonb_agg(to_jsonb(n)), '[]') from (
              select seller_value, note from public.client_fact_seller_notes where fact_id = f.id and client_id = f.client_id) n)
              as client_fact_seller_notes
          from public.client_facts f where f.client_id = v_client.id) s) as client_facts,
        (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') from (
          select n.id, n.kind, n.body, n.created_at,
            (select to_jsonb(p) from (select full_name from public.people where id = n.created_by) p) as author
          from public.handoff_internal_notes n where n.client_id = v_client.id) s) as handoff_internal_notes,
        (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
          select id, statement, measure, position, is_internal from public.success_criteria where client_id = v_client.id) s)
          as success_criteria,
        (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
          select ph.name, ph.position,
            (select coalesce(jsonb_agg(to_jsonb(m)), '[]') from (
              select id, title, planned_date from public.milestones where phase_id = ph.id and client_id = ph.client_id) m) as milestones
          from public.phases ph where ph.client_id = v_client.id) s) as phases,
        (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') from (
          select id, title, created_at from public.requirement_documents where client_id = v_client.id) s) as requirement_documents,
        (select to_jsonb(t) from (
          select st.relationship_manager_id, st.written_at, st.acknowledged_at, st.moved_commitments, st.moved_concerns,
            (select to_jsonb(p) from (select full_name from public.people where id = st.relationship_manager_id) p) as rm,
            (select to_jsonb(p) from (select full_name from public.people where id = st.written_by) p) as writer,
            (select to_jsonb(p) from (select full_name from public.people where id = st.acknowledged_by) p) as acknowledger,
            (select to_jsonb(n) from (
              select open_items, open_commitments, open_concerns, client_preferences
              from public.service_transition_notes where client_id = st.client_id) n) as service_transition_notes
          from public.service_transitions st where st.client_id = v_client.id) t) as service_transitions,
        (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') from (
          select id, summary, status, owner_id, due_date, created_at
          from public.dissatisfiers where client_id = v_client.id and status <> 'resolved') s) as dissatisfiers) x),
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a)
  );
end;
$$;

comment on function public.handoff_page(text) is
  'A client''s handoff page as the caller may see it (RLS), in the shape of the embedded select it replaces, with their client_access row.';

revoke all on function public.handoff_page(text) from public, anon;
grant execute on function public.handoff_page(text) to authenticated, service_role;
