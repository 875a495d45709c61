-- The staff plan editor in one SQL function (issue 13, docs/decisions/0016).
--
-- /staff/clients/:slug/plan used to make four PostgREST round trips: the viewer,
-- the requireClient guard (the client_access view), the plan's embedded select
-- (PLAN_SELECT in app/domain/timeline/get-plan-editor.server.ts) and the
-- timeline templates (TEMPLATES_SELECT). This function returns the guard's
-- client_access row, the plan in exactly the JSON shape of that select (phases
-- by position, tasks by due date with undated ones last, as the select orders
-- them) and the templates (built-in first, then by name), so the page makes two:
-- the viewer and this call. A test compares it with the selects.
--
-- SECURITY INVOKER with an empty search_path: every table is read under the
-- caller's RLS as before. Null when the caller cannot see the client (the
-- guard's 404), so nothing else is returned to them.

create function public.plan_editor(p_slug text) returns jsonb
  language plpgsql
  stable
  security invoker
  set search_path = ''
  as $$
declare
  v_client public.clients%rowtype;
  v_plan jsonb;
begin
  select * into v_client from public.clients where slug = p_slug;
  if not found then
    return null;
  end if;

  select to_jsonb(x) into v_plan from (
    select
      v_client.id, v_client.slug, v_client.name,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.position), '[]') from (
        select ph.id, ph.name, ph.position, ph.planned_start, ph.planned_end, ph.is_internal,
          (select coalesce(jsonb_agg(to_jsonb(m)), '[]') from (
            select id, phase_id, title, description, planned_date, actual_date, risk_note, is_internal, position
            from public.milestones where phase_id = ph.id and client_id = ph.client_id) m) as milestones
        from public.phases ph where ph.client_id = v_client.id) s) as phases,
      (select coalesce(jsonb_agg(to_jsonb(s) order by s.due_date nulls last), '[]') from (
        select id, title, description, due_date, owner_id, milestone_id, status
        from public.client_tasks where client_id = v_client.id) s) as client_tasks,
      (select coalesce(jsonb_agg(to_jsonb(s)), '[]') from (
        select cc.role,
          (select to_jsonb(p) from (select id, full_name from public.people where id = cc.person_id) p) as people
        from public.client_contacts cc where cc.client_id = v_client.id order by cc.created_at) s) as client_contacts
  ) x;

  return jsonb_build_object(
    'client', v_plan,
    'access', (select to_jsonb(a) from (
      select id, slug, name, is_admin, is_pm, is_staff, is_contact, is_creator, staff_role, contact_role
      from public.client_access where id = v_client.id) a),
    'templates', (select coalesce(jsonb_agg(to_jsonb(t) order by t.is_builtin desc, t.name), '[]') from (
      select id, name, description, is_builtin from public.timeline_templates) t)
  );
end;
$$;

comment on function public.plan_editor(text) is
  'The staff plan editor as the caller may see it (RLS): their client_access row, the plan in the shape of the embedded select it replaces, and the timeline templates.';

revoke all on function public.plan_editor(text) from public, anon;
grant execute on function public.plan_editor(text) to authenticated, service_role;
