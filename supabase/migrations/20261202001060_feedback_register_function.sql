-- The staff feedback page (the dissatisfier register and the pulse) of a client
-- in one SQL function (issue 13, docs/decisions/0016): /staff/clients/:slug/feedback
-- made eight PostgREST round trips (the viewer, the requireClient guard and six
-- reads in app/domain/pulse/register.server.ts: the dissatisfiers, their triage
-- notes, the team, the last twenty pulses with answers, every answer's score and
-- the pulse interval). This function returns the caller's client_access row and
-- each of those reads in exactly the JSON shape of its select (the pulses newest
-- first, at most twenty, as that select asks), so the page makes two. A test
-- compares them.
-- SECURITY INVOKER with an empty search_path: RLS decides as before; null when
-- the caller cannot see the client.

create function public.feedback_register(p_slug text) returns jsonb
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
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a),
    'dissatisfiers', (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
      select d.id, d.summary, d.source, d.severity, d.status, d.owner_id, d.due_date, d.resolution, d.created_at, d.resolved_at,
        (select to_jsonb(p) from (select full_name from public.people where id = d.raised_by) p) as raiser,
        (select to_jsonb(c) from (select body from public.concerns where id = d.concern_id) c) as concerns,
        (select to_jsonb(pa) from (select score, comment from public.pulse_answers where id = d.answer_id) pa) as pulse_answers
      from public.dissatisfiers d where d.client_id = v_client.id) s),
    'notes', (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
      select dissatisfier_id, notes from public.dissatisfier_notes where client_id = v_client.id) s),
    'team', (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
      select cs.person_id,
        (select to_jsonb(p) from (select full_name from public.people where id = cs.person_id) p) as people
      from public.client_staff cs where cs.client_id = v_client.id) s),
    'pulses', (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at desc), '[]') from (
      select pu.id, pu.created_at,
        (select coalesce(jsonb_agg(to_jsonb(a)), '[]') from (
          select pa.score, pa.comment,
            (select to_jsonb(p) from (select full_name from public.people where id = pa.person_id) p) as people
          from public.pulse_answers pa where pa.pulse_id = pu.id) a) as pulse_answers
      from public.pulses pu where pu.client_id = v_client.id order by pu.created_at desc limit 20) s),
    'answers', (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
      select pa.pulse_id, pa.score,
        (select to_jsonb(p) from (select created_at from public.pulses where id = pa.pulse_id) p) as pulses
      from public.pulse_answers pa where pa.client_id = v_client.id) s),
    'setting', jsonb_build_object('pulse_interval_days', v_client.pulse_interval_days)
  );
end;
$$;

comment on function public.feedback_register(text) is
  'A client''s dissatisfier register and pulses as the caller may see them (RLS), in the shape of the selects it replaces, with their client_access row.';

revoke all on function public.feedback_register(text) from public, anon;
grant execute on function public.feedback_register(text) to authenticated, service_role;
