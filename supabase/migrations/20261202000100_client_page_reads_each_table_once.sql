-- The client page reads each table once (issue 13, docs/decisions/0016).
--
-- client_page (migration 20261201002500) read people in eight places (the team,
-- the contacts, task owners, who moved a date, the relationship manager, update
-- authors, who must decide, who replied), milestones in three and requirement
-- documents in three. RLS is applied at every place a table is read, and the
-- people and milestone policies are the dearest to evaluate (the people policy
-- builds the set of people the caller may see; the milestone policy checks the
-- phase): with the claims of a contact, the function ran about twice as long as
-- the same SQL without RLS.
--
-- Now the rows that name a person are read first, the people they name are read
-- once (under RLS, as before) into a map by id, and the page is composed from
-- that map; the client's milestones and documents are read once each the same
-- way. The JSON is the same, key for key (the parity tests in
-- tests/security/client-page.test.ts compare it with the embedded select for
-- every actor): a person, milestone or document the caller may not see is still
-- null where it is named. Linked milestones and documents are always the same
-- client's (composite foreign keys on commitment_links; the client_updates
-- trigger checks its links).

create or replace function public.client_page(p_slug text, p_open boolean default false) returns jsonb
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
  v_staff jsonb;
  v_contacts jsonb;
  v_tasks jsonb;
  v_changes jsonb;
  v_transition jsonb;
  v_updates jsonb;
  v_replies jsonb;
  v_people jsonb;
  v_milestones jsonb;
  v_documents jsonb;
begin
  select * into v_client from public.clients where slug = p_slug;
  if not found then
    return null;
  end if;

  -- The rows that name people, in page order, with the ids still raw.
  select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') into v_staff from (
    select cs.role, cs.responsibilities, cs.person_id, cs.created_at
    from public.client_staff cs where cs.client_id = v_client.id) s;
  select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') into v_contacts from (
    select cc.role, cc.person_id, cc.created_at from public.client_contacts cc where cc.client_id = v_client.id) s;
  select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') into v_tasks from (
    select t.id, t.title, t.description, t.due_date, t.status, t.completed_at, t.milestone_id, t.updated_at, t.owner_id, t.created_at
    from public.client_tasks t where t.client_id = v_client.id) s;
  select coalesce(jsonb_agg(to_jsonb(s) order by s.changed_at desc, s.id desc), '[]') into v_changes from (
    select d.id, d.milestone_id, d.item_title, d.field, d.old_date, d.new_date, d.reason, d.side, d.changed_at, d.is_internal, d.changed_by
    from public.date_changes d where d.client_id = v_client.id) s;
  select to_jsonb(s) into v_transition from (
    select st.acknowledged_at, st.moved_commitments, st.relationship_manager_id
    from public.service_transitions st where st.client_id = v_client.id) s;
  select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at desc), '[]') into v_updates from (
    select u.id, u.title, u.body_markdown, u.is_internal, u.decision_needed, u.decision_due, u.decision_from,
      u.milestone_id, u.requirement_document_id, u.created_at, u.edited_at, u.author_id
    from public.client_updates u where u.client_id = v_client.id) s;
  select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at), '[]') into v_replies from (
    select ur.update_id, ur.person_id, ur.answer, ur.comment, ur.updated_at, ur.created_at
    from public.update_replies ur where ur.client_id = v_client.id) s;

  -- Everyone named above, read once under RLS: id -> the person.
  select coalesce(jsonb_object_agg(p.id, to_jsonb(p)), '{}') into v_people from (
    select id, full_name, title, email, phone, avatar_url from public.people
    where id in (
      select (e->>'person_id')::uuid from jsonb_array_elements(v_staff) e
      union select (e->>'person_id')::uuid from jsonb_array_elements(v_contacts) e
      union select (e->>'owner_id')::uuid from jsonb_array_elements(v_tasks) e
      union select (e->>'changed_by')::uuid from jsonb_array_elements(v_changes) e
      union select (v_transition->>'relationship_manager_id')::uuid
      union select (e->>'author_id')::uuid from jsonb_array_elements(v_updates) e
      union select (e->>'decision_from')::uuid from jsonb_array_elements(v_updates) e
      union select (e->>'person_id')::uuid from jsonb_array_elements(v_replies) e)) p;

  -- The client's milestones and documents, once each.
  select coalesce(jsonb_agg(to_jsonb(m)), '[]') into v_milestones from (
    select id, phase_id, title, description, planned_date, actual_date, risk_note, is_internal, position
    from public.milestones where client_id = v_client.id) m;
  select coalesce(jsonb_agg(to_jsonb(r)), '[]') into v_documents from (
    select id, title, area, due_date, created_at from public.requirement_documents where client_id = v_client.id) r;

  select to_jsonb(x) into v_page from (
    select
      v_client.id, v_client.slug, v_client.name, v_client.logo_url, v_client.primary_color, v_client.accent_color,
      v_client.welcome_text, v_client.go_live_date, v_client.service_takeover_date,
      (select to_jsonb(l) from (select content_type, updated_at from public.client_logos where client_id = v_client.id) l)
        as client_logos,
      (select coalesce(jsonb_agg(jsonb_build_object(
          'role', e->'role', 'responsibilities', e->'responsibilities',
          'people', v_people->(e->>'person_id')) order by n), '[]')
        from jsonb_array_elements(v_staff) with ordinality s(e, n)) as client_staff,
      (select coalesce(jsonb_agg(jsonb_build_object(
          'role', e->'role',
          'people', (v_people->(e->>'person_id')) - 'phone' - 'avatar_url') order by n), '[]')
        from jsonb_array_elements(v_contacts) with ordinality s(e, n)) as client_contacts,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select ph.id, ph.name, ph.position, ph.planned_start, ph.planned_end, ph.is_internal,
          (select coalesce(jsonb_agg(m - 'phase_id'
                   order by (m->>'planned_date')::date, (m->>'position')::int), '[]')
             from jsonb_array_elements(v_milestones) m where (m->>'phase_id')::uuid = ph.id) as milestones
        from public.phases ph where ph.client_id = v_client.id) s) as phases,
      (select coalesce(jsonb_agg((e - 'owner_id' - 'created_at') || jsonb_build_object('owner',
          case when v_people ? (e->>'owner_id')
            then jsonb_build_object('id', v_people->(e->>'owner_id')->'id', 'full_name', v_people->(e->>'owner_id')->'full_name') end)
          order by n), '[]')
        from jsonb_array_elements(v_tasks) with ordinality s(e, n)) as client_tasks,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select id, statement, measure, position, is_internal from public.success_criteria where client_id = v_client.id) s)
        as success_criteria,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select id, created_at, revoked_at from public.calendar_feeds where client_id = v_client.id order by created_at) s)
        as calendar_feeds,
      (select coalesce(jsonb_agg((e - 'changed_by') || jsonb_build_object('changer',
          case when v_people ? (e->>'changed_by')
            then jsonb_build_object('full_name', v_people->(e->>'changed_by')->'full_name') end)
          order by n), '[]')
        from jsonb_array_elements(v_changes) with ordinality s(e, n)) as date_changes,
      (select coalesce(jsonb_agg(d || jsonb_build_object(
          'requirement_versions', (select coalesce(jsonb_agg(to_jsonb(v) order by v.version), '[]') from (
              select rv.id, rv.version, rv.published_at,
                (select coalesce(jsonb_agg(jsonb_build_object('person_id', a.person_id)), '[]')
                   from public.requirement_version_approvers a where a.version_id = rv.id and a.client_id = v_client.id)
                  as requirement_version_approvers
              from public.requirement_versions rv where rv.document_id = (d->>'id')::uuid and rv.client_id = v_client.id) v),
          'requirement_approvers', (select coalesce(jsonb_agg(jsonb_build_object('person_id', a.person_id)), '[]')
             from public.requirement_approvers a where a.document_id = (d->>'id')::uuid and a.client_id = v_client.id),
          'signoffs', (select coalesce(jsonb_agg(jsonb_build_object('version_id', so.version_id, 'person_id', so.person_id, 'decision', so.decision)
                   order by so.created_at), '[]')
             from public.signoffs so where so.document_id = (d->>'id')::uuid and so.client_id = v_client.id))
          order by (d->>'created_at')::timestamptz, (d->>'id')::uuid), '[]')
        from jsonb_array_elements(v_documents) d) as requirement_documents,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cm.id, cm.promise, cm.promised_by, cm.promised_on, cm.due_date, cm.status, cm.dispute_comment,
          cm.confirmed_at, cm.disputed_at, cm.created_at,
          (select coalesce(jsonb_agg(to_jsonb(k)), '[]') from (
            select cl.id, cl.milestone_id, cl.requirement_document_id,
              (select jsonb_build_object('title', m->'title', 'planned_date', m->'planned_date', 'actual_date', m->'actual_date')
                 from jsonb_array_elements(v_milestones) m where (m->>'id')::uuid = cl.milestone_id) as milestones,
              (select jsonb_build_object('id', r->'id', 'title', r->'title')
                 from jsonb_array_elements(v_documents) r where (r->>'id')::uuid = cl.requirement_document_id) as requirement_documents
            from public.commitment_links cl where cl.commitment_id = cm.id order by cl.created_at) k) as commitment_links
        from public.commitments cm where cm.client_id = v_client.id order by cm.created_at) s) as commitments,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select id, label, position, client_value, confirmed_at from public.client_facts where client_id = v_client.id) s)
        as client_facts,
      case when v_transition is not null then jsonb_build_object(
        'acknowledged_at', v_transition->'acknowledged_at', 'moved_commitments', v_transition->'moved_commitments',
        'rm', case when v_people ? (v_transition->>'relationship_manager_id') then
          (v_people->(v_transition->>'relationship_manager_id')) - 'id' - 'avatar_url' end)
      end as service_transitions,
      (select coalesce(jsonb_agg(u || jsonb_build_object(
          'author', case when v_people ? (u->>'author_id') then jsonb_build_object('full_name', v_people->(u->>'author_id')->'full_name') end,
          'decider', case when v_people ? (u->>'decision_from') then jsonb_build_object('full_name', v_people->(u->>'decision_from')->'full_name') end,
          'milestone', (select jsonb_build_object('title', m->'title')
             from jsonb_array_elements(v_milestones) m where m->>'id' = u->>'milestone_id'),
          'document', (select jsonb_build_object('title', r->'title')
             from jsonb_array_elements(v_documents) r where r->>'id' = u->>'requirement_document_id'),
          'update_replies', (select coalesce(jsonb_agg((r - 'update_id' - 'created_at') || jsonb_build_object('person',
               case when v_people ? (r->>'person_id') then jsonb_build_object('full_name', v_people->(r->>'person_id')->'full_name') end)
               order by n), '[]')
             from jsonb_array_elements(v_replies) with ordinality s(r, n) where r->>'update_id' = u->>'id'))
          order by n), '[]')
        from jsonb_array_elements(v_updates) with ordinality s(u, n)) as client_updates
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
