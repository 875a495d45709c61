-- The client's page in one SQL function (issue 13, docs/decisions/0016).
--
-- The page used to be one embedded PostgREST select over some thirty
-- relationships (PORTAL_SELECT in app/domain/portal/get-client-portal.server.ts)
-- plus a visit write and three pulse reads. PostgREST 12 spent about 60 ms of
-- CPU building that select on every request, against ~1 ms for a plain one:
-- it, not Postgres, capped the page at a few loads a second on two cores.
-- This function returns the same rows, in the same JSON shape (a test compares
-- it with the embedded select), so PostgREST only forwards one call.
--
-- SECURITY INVOKER: every table below is read under the caller's RLS exactly
-- as the embedded select was (a contact gets no internal rows, another
-- tenant's slug gives null). With p_open the visit is recorded in the same
-- transaction (record_client_visit, after the page is read) and the visit
-- before it is returned.

create function public.client_page(p_slug text, p_open boolean default false) returns jsonb
  language plpgsql
  volatile
  security invoker
  set search_path = ''
  as $$
declare
  v_client public.clients%rowtype;
  v_me uuid := auth.uid();
  v_previous timestamptz;
  v_page jsonb;
begin
  select * into v_client from public.clients where slug = p_slug;
  if not found then
    return null;
  end if;

  select to_jsonb(x) into v_page from (
    select
      v_client.id, v_client.slug, v_client.name, v_client.logo_url, v_client.primary_color, v_client.accent_color,
      v_client.welcome_text, v_client.go_live_date, v_client.service_takeover_date,
      (select to_jsonb(l) from (select content_type, updated_at from public.client_logos where client_id = v_client.id) l)
        as client_logos,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cs.role, cs.responsibilities,
          (select to_jsonb(p) from (select id, full_name, title, email, phone, avatar_url from public.people where id = cs.person_id) p) as people
        from public.client_staff cs where cs.client_id = v_client.id order by cs.created_at) s) as client_staff,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cc.role,
          (select to_jsonb(p) from (select id, full_name, title, email from public.people where id = cc.person_id) p) as people
        from public.client_contacts cc where cc.client_id = v_client.id order by cc.created_at) s) as client_contacts,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select ph.id, ph.name, ph.position, ph.planned_start, ph.planned_end, ph.is_internal,
          (select coalesce(jsonb_agg(to_jsonb(m) order by m.planned_date, m.position), '[]') from (
            select id, title, description, planned_date, actual_date, risk_note, is_internal, position
            from public.milestones where phase_id = ph.id) m) as milestones
        from public.phases ph where ph.client_id = v_client.id) s) as phases,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select t.id, t.title, t.description, t.due_date, t.status, t.completed_at, t.milestone_id, t.updated_at,
          (select to_jsonb(p) from (select id, full_name from public.people where id = t.owner_id) p) as owner
        from public.client_tasks t where t.client_id = v_client.id order by t.created_at) s) as client_tasks,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select id, statement, measure, position, is_internal from public.success_criteria where client_id = v_client.id) s)
        as success_criteria,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select id, created_at, revoked_at from public.calendar_feeds where client_id = v_client.id order by created_at) s)
        as calendar_feeds,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.changed_at desc, s.id desc), '[]') from (
        select d.id, d.milestone_id, d.item_title, d.field, d.old_date, d.new_date, d.reason, d.side, d.changed_at, d.is_internal,
          (select to_jsonb(p) from (select full_name from public.people where id = d.changed_by) p) as changer
        from public.date_changes d where d.client_id = v_client.id) s) as date_changes,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at, s.id), '[]') from (
        select rd.id, rd.title, rd.area, rd.due_date, rd.created_at,
          (select coalesce(jsonb_agg(to_jsonb(v) order by v.version), '[]') from (
            select rv.id, rv.version, rv.published_at,
              (select coalesce(jsonb_agg(jsonb_build_object('person_id', a.person_id)), '[]')
                 from public.requirement_version_approvers a where a.version_id = rv.id and a.client_id = v_client.id)
                as requirement_version_approvers
            from public.requirement_versions rv where rv.document_id = rd.id and rv.client_id = v_client.id) v)
            as requirement_versions,
          (select coalesce(jsonb_agg(jsonb_build_object('person_id', a.person_id)), '[]')
             from public.requirement_approvers a where a.document_id = rd.id and a.client_id = v_client.id)
            as requirement_approvers,
          (select coalesce(jsonb_agg(jsonb_build_object('version_id', so.version_id, 'person_id', so.person_id, 'decision', so.decision)
                   order by so.created_at), '[]')
             from public.signoffs so where so.document_id = rd.id and so.client_id = v_client.id)
            as signoffs
        from public.requirement_documents rd where rd.client_id = v_client.id) s) as requirement_documents,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cm.id, cm.promise, cm.promised_by, cm.promised_on, cm.due_date, cm.status, cm.dispute_comment,
          cm.confirmed_at, cm.disputed_at, cm.created_at,
          (select coalesce(jsonb_agg(to_jsonb(k)), '[]') from (
            select cl.id, cl.milestone_id, cl.requirement_document_id,
              (select to_jsonb(m) from (select title, planned_date, actual_date from public.milestones where id = cl.milestone_id) m)
                as milestones,
              (select to_jsonb(r) from (select id, title from public.requirement_documents where id = cl.requirement_document_id) r)
                as requirement_documents
            from public.commitment_links cl where cl.commitment_id = cm.id order by cl.created_at) k) as commitment_links
        from public.commitments cm where cm.client_id = v_client.id order by cm.created_at) s) as commitments,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select id, label, position, client_value, confirmed_at from public.client_facts where client_id = v_client.id) s)
        as client_facts,
      (select to_jsonb(s) from (
        select st.acknowledged_at, st.moved_commitments,
          (select to_jsonb(p) from (select full_name, title, email, phone from public.people where id = st.relationship_manager_id) p) as rm
        from public.service_transitions st where st.client_id = v_client.id) s) as service_transitions,
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
        from public.client_updates u where u.client_id = v_client.id order by u.created_at desc) s) as client_updates
  ) x;

  if p_open then
    v_previous := public.record_client_visit(p_slug);
  end if;

  return jsonb_build_object(
    'client', v_page,
    'previous_visit', v_previous,
    -- The pulse section: the latest pulse asked of this client, the caller's own
    -- answers, and "you told us, we did" (the caller's own resolved concerns).
    'latest_pulse', (select to_jsonb(x) from (
        select id, created_at from public.pulses where client_id = v_client.id order by created_at desc limit 1) x),
    'my_answers', (select coalesce(jsonb_agg(to_jsonb(x)), '[]') from (
        select pulse_id, score, comment from public.pulse_answers where client_id = v_client.id and person_id = v_me) x),
    'heard', (select coalesce(jsonb_agg(to_jsonb(x) order by x.resolved_at desc), '[]') from (
        select d.id, d.summary, d.resolution, d.resolved_at,
          (select to_jsonb(c) from (select body from public.concerns where id = d.concern_id) c) as concerns
        from public.dissatisfiers d
        where d.client_id = v_client.id and d.raised_by = v_me and d.status = 'resolved') x)
  );
end;
$$;

comment on function public.client_page(text, boolean) is
  'The client''s page as the caller may see it (RLS), in the shape of the embedded select it replaces; with p_open, records the visit and returns the one before.';

revoke all on function public.client_page(text, boolean) from public, anon;
grant execute on function public.client_page(text, boolean) to authenticated, service_role;
