-- The staff workspace (issue 12) and client health (issue 10, "Health");
-- docs/decisions/0014-portfolio-and-health.md.
--
--   client_health        per client: the facts health is made of, a score 0-100,
--                        red/amber/green and the reasons in words
--   portfolio            per client: health plus phase, next milestone, go-live,
--                        PM, team, last update and the lifecycle facts
--   portfolio_filter_options  its project managers and phase names (the filters)
--   lifecycle_stages     clients by stage with the defection moments counted (leadership)
--   go_live_against_plan clients by how far their go-live lands from plan
--   staff_work_items     what is due from the signed-in project manager
--   client_audit_trail   sign-offs with evidence, slips, dissatisfiers and the
--                        commitment history of a client, one row per event
--
-- All are views WITH (security_invoker = true): every table they read is
-- read under the caller's own RLS. On top of that each keeps to the caller's
-- staff clients (or every client for an admin): a contact sees no row at all,
-- not even of their own client (health and the audit trail are staff matters).
--
-- Speed (2,000 clients, 100,000 milestones, 500,000 pulse answers): each fact is
-- one small index lookup per client, in a LATERAL subquery with OFFSET 0 so the
-- planner keeps it per client and drops the facts a query does not read.

-- ---------------------------------------------------------------- indexes

-- Open milestones of a client by date: late ones, the next one.
create index milestones_open_idx on public.milestones (client_id, planned_date, position) where actual_date is null;
-- Open dissatisfiers of a client.
create index dissatisfiers_open_idx on public.dissatisfiers (client_id, created_at) where status <> 'resolved';
-- The latest update of a client shown to the client.
create index client_updates_shared_idx on public.client_updates (client_id, created_at desc) where not is_internal;
-- Disputed commitments of a client.
create index commitments_status_idx on public.commitments (client_id, status);
-- Pulses with answers, newest first (pulse_answers is looked up by pulse_id).
create index pulse_answers_pulse_idx on public.pulse_answers (pulse_id, score);

-- ---------------------------------------------------------------- health

-- The rules, in points off 100 (the ADR says why):
--   late milestones (open, planned date passed)        10 each, at most 30
--   overdue client tasks (open, due date passed)         5 each, at most 15
--   open dissatisfiers                                  10 each, at most 30,
--     and 10 more when one is older than 14 days or past its due date
--   sign-offs waiting more than 7 days (per document)    5 each, at most 15
--   pulse (the mean score of the latest answered pulse) below 3.0: 20, below 2.0: 30
--   pulse trend against the previous answered pulse      fell by 1.0 or more: 20, by 0.5: 10
-- Green from 75, amber from 50, red below.
create view public.client_health with (security_invoker = true) as
select
  c.id as client_id,
  f.late_milestones,
  f.overdue_tasks,
  f.open_dissatisfiers,
  f.oldest_dissatisfier_days,
  f.overdue_dissatisfiers,
  f.signoffs_waiting,
  f.signoffs_waiting_long,
  f.oldest_signoff_wait_days,
  p.pulse_latest,
  p.pulse_previous,
  p.last_pulse_at,
  s.score,
  b.band,
  r.reasons,
  b.band || ': ' || coalesce(nullif(array_to_string(r.reasons, '; '), ''), 'on track') as summary
from public.clients c
cross join lateral (
  select
    (select count(*) from public.milestones m
      where m.client_id = c.id and m.actual_date is null and m.planned_date < current_date)::int as late_milestones,
    (select count(*) from public.client_tasks t
      where t.client_id = c.id and t.status = 'open' and t.due_date < current_date)::int as overdue_tasks,
    d.open_dissatisfiers,
    d.oldest_dissatisfier_days,
    d.overdue_dissatisfiers,
    w.signoffs_waiting,
    w.signoffs_waiting_long,
    w.oldest_signoff_wait_days
  from
    (select count(*)::int as open_dissatisfiers,
            (current_date - min(x.created_at)::date)::int as oldest_dissatisfier_days,
            count(*) filter (where x.due_date < current_date)::int as overdue_dissatisfiers
       from public.dissatisfiers x where x.client_id = c.id and x.status <> 'resolved') d,
    (select count(*)::int as signoffs_waiting,
            count(*) filter (where v.published_at < now() - interval '7 days')::int as signoffs_waiting_long,
            (current_date - min(v.published_at)::date)::int as oldest_signoff_wait_days
       from public.requirement_documents doc
       cross join lateral (
         select rv.id, rv.published_at from public.requirement_versions rv
          where rv.document_id = doc.id order by rv.version desc limit 1
       ) v
      where doc.client_id = c.id
        -- Waiting on the client: someone must still approve, and nobody asked for changes.
        and exists (select 1 from public.requirement_version_approvers a
                     where a.version_id = v.id
                       and not exists (select 1 from public.signoffs so
                                        where so.version_id = v.id and so.person_id = a.person_id))
        and not exists (select 1 from public.signoffs so
                         where so.version_id = v.id and so.decision = 'changes_requested')) w
  offset 0
) f
cross join lateral (
  -- The two latest pulses that have answers (pulses_client_idx, newest first, stops at two).
  select
    (select round(avg(a.score), 1) from public.pulse_answers a where a.pulse_id = lp.ids[1]) as pulse_latest,
    (select round(avg(a.score), 1) from public.pulse_answers a where a.pulse_id = lp.ids[2]) as pulse_previous,
    lp.last_pulse_at
  from (
    select array_agg(q.id order by q.created_at desc) as ids, max(q.created_at) as last_pulse_at
      from (select pl.id, pl.created_at from public.pulses pl
             where pl.client_id = c.id and exists (select 1 from public.pulse_answers a where a.pulse_id = pl.id)
             order by pl.created_at desc limit 2) q
  ) lp
  offset 0
) p
cross join lateral (
  select greatest(0, 100
    - least(30, 10 * f.late_milestones)
    - least(15, 5 * f.overdue_tasks)
    - least(30, 10 * f.open_dissatisfiers)
    - case when f.oldest_dissatisfier_days > 14 or f.overdue_dissatisfiers > 0 then 10 else 0 end
    - least(15, 5 * f.signoffs_waiting_long)
    - case when p.pulse_latest < 2.0 then 30 when p.pulse_latest < 3.0 then 20 else 0 end
    - case when p.pulse_previous - p.pulse_latest >= 1.0 then 20
           when p.pulse_previous - p.pulse_latest >= 0.5 then 10 else 0 end
  )::int as score
  offset 0
) s
cross join lateral (
  select case when s.score >= 75 then 'green' when s.score >= 50 then 'amber' else 'red' end as band
) b
cross join lateral (
  select array_remove(array[
    case when f.late_milestones > 0 then
      f.late_milestones || case when f.late_milestones = 1 then ' milestone late' else ' milestones late' end end,
    case when p.pulse_previous - p.pulse_latest >= 0.5 then
      'pulse fell from ' || to_char(p.pulse_previous, 'FM0.0') || ' to ' || to_char(p.pulse_latest, 'FM0.0')
         when p.pulse_latest < 3.0 then 'pulse at ' || to_char(p.pulse_latest, 'FM0.0') end,
    case when f.open_dissatisfiers > 0 then
      f.open_dissatisfiers || case when f.open_dissatisfiers = 1 then ' open dissatisfier' else ' open dissatisfiers' end
      || case when f.overdue_dissatisfiers > 0 then ', ' || f.overdue_dissatisfiers || ' past due'
              when f.oldest_dissatisfier_days > 14 then ', oldest ' || f.oldest_dissatisfier_days || ' days' else '' end end,
    case when f.overdue_tasks > 0 then
      f.overdue_tasks || case when f.overdue_tasks = 1 then ' client task overdue' else ' client tasks overdue' end end,
    case when f.signoffs_waiting_long > 0 then
      f.signoffs_waiting_long || case when f.signoffs_waiting_long = 1 then ' sign-off' else ' sign-offs' end
      || ' waiting over 7 days' end
  ], null) as reasons
  offset 0
) r
where (select app_private.is_admin()) or c.id in (select app_private.staff_client_ids());

comment on view public.client_health is
  'Health of each client the caller works on (admins: all), 0-100, red/amber/green, with the reasons in words. Staff only.';

-- ---------------------------------------------------------------- portfolio

create view public.portfolio with (security_invoker = true) as
select
  h.client_id,
  c.slug,
  c.name,
  c.created_at,
  c.go_live_date,
  c.service_takeover_date,
  (c.go_live_date - current_date) as days_to_go_live,
  pm.pm_id,
  pm.pm_name,
  (select coalesce(array_agg(cs.person_id), '{}') from public.client_staff cs where cs.client_id = c.id) as staff_ids,
  nm.next_milestone,
  nm.next_milestone_date,
  nm.current_phase,
  x.last_update_at,
  x.handoff_date,
  x.forecast_end,
  x.milestones_total,
  x.milestones_done,
  x.disputed_commitments,
  h.late_milestones,
  h.overdue_tasks,
  h.open_dissatisfiers,
  h.oldest_dissatisfier_days,
  h.overdue_dissatisfiers,
  h.signoffs_waiting,
  h.signoffs_waiting_long,
  h.oldest_signoff_wait_days,
  h.pulse_latest,
  h.pulse_previous,
  h.last_pulse_at,
  h.score,
  h.band,
  h.reasons,
  h.summary,
  -- Where the client is in its life with us (the lifecycle view).
  case
    when c.service_takeover_date <= current_date then 'service'
    when c.go_live_date <= current_date + 14
      or (x.milestones_total > 0 and x.milestones_done = x.milestones_total) then 'go_live'
    when (x.handoff_date is null or x.handoff_date > current_date) and x.milestones_done = 0 then 'handoff'
    else 'conversion'
  end as stage,
  -- The moments clients defect.
  (pm.pm_id is null or (x.last_update_at is null and c.created_at < now() - interval '7 days')) as flag_no_pm_introduced,
  coalesce(x.forecast_end > c.go_live_date, false) as flag_go_live_slipping,
  coalesce(h.pulse_previous - h.pulse_latest >= 0.5, false) as flag_pulse_falling,
  x.disputed_commitments > 0 as flag_disputed_commitment,
  -- Time to go-live against plan, in days from the handoff (or from when the client was added).
  c.go_live_date - coalesce(x.handoff_date, c.created_at::date) as planned_days,
  coalesce(x.forecast_end, c.go_live_date) - coalesce(x.handoff_date, c.created_at::date) as forecast_days
from public.client_health h
join public.clients c on c.id = h.client_id
cross join lateral (
  select
    (select max(u.created_at) from public.client_updates u where u.client_id = c.id and not u.is_internal) as last_update_at,
    (select hd.meeting_date from public.handoffs hd where hd.client_id = c.id) as handoff_date,
    (select max(coalesce(m.actual_date, m.planned_date)) from public.milestones m where m.client_id = c.id) as forecast_end,
    (select count(*) from public.milestones m where m.client_id = c.id)::int as milestones_total,
    (select count(*) from public.milestones m where m.client_id = c.id and m.actual_date is not null)::int as milestones_done,
    (select count(*) from public.commitments cm where cm.client_id = c.id and cm.status = 'disputed')::int as disputed_commitments
  offset 0
) x
left join lateral (
  select cs.person_id as pm_id, pe.full_name as pm_name
    from public.client_staff cs join public.people pe on pe.id = cs.person_id
   where cs.client_id = c.id and cs.role = 'project_manager'
   order by cs.created_at limit 1
) pm on true
left join lateral (
  select m.title as next_milestone, m.planned_date as next_milestone_date, ph.name as current_phase
    from public.milestones m join public.phases ph on ph.id = m.phase_id
   where m.client_id = c.id and m.actual_date is null
   order by m.planned_date, m.position limit 1
) nm on true;

comment on view public.portfolio is
  'The staff home: one row per client the caller works on (admins: all) with health, phase, next milestone, go-live and who runs it.';

-- What the portfolio can be filtered by: its project managers and its phase names.
create view public.portfolio_filter_options with (security_invoker = true) as
select 'pm'::text as kind, cs.person_id::text as value, pe.full_name as label
  from public.client_staff cs join public.people pe on pe.id = cs.person_id
 where cs.role = 'project_manager'
   and ((select app_private.is_admin()) or cs.client_id in (select app_private.staff_client_ids()))
union
select 'phase', ph.name, ph.name
  from public.phases ph
 where (select app_private.is_admin()) or ph.client_id in (select app_private.staff_client_ids());

-- ---------------------------------------------------------------- lifecycle (leadership)

-- Clients by stage, with how many show each defection moment.
create view public.lifecycle_stages with (security_invoker = true) as
select stage,
       count(*)::int as clients,
       count(*) filter (where flag_no_pm_introduced)::int as no_pm_introduced,
       count(*) filter (where flag_go_live_slipping)::int as go_live_slipping,
       count(*) filter (where flag_pulse_falling)::int as pulse_falling,
       count(*) filter (where flag_disputed_commitment)::int as disputed_commitment
  from public.portfolio
 group by stage;

-- Time to go-live against plan across clients: how many clients fall in each
-- band of (forecast or actual days) minus (planned days).
create view public.go_live_against_plan with (security_invoker = true) as
select b.position, b.label, count(p.client_id)::int as clients
  from (values (1, 'early or on time', -100000, 0), (2, '1-7 days late', 1, 7), (3, '8-30 days late', 8, 30),
               (4, '31-90 days late', 31, 90), (5, 'over 90 days late', 91, 100000)) as b(position, label, lo, hi)
  left join (select client_id, forecast_days - planned_days as slip from public.portfolio
              where planned_days is not null and forecast_days is not null) p
    on p.slip between b.lo and b.hi
 group by b.position, b.label;

-- ---------------------------------------------------------------- my work

-- What is due from the signed-in project manager, one row per item, on the
-- clients they run (their own PM role, whatever admin rights they hold).
create view public.staff_work_items with (security_invoker = true) as
with mine as (
  select cs.client_id from public.client_staff cs
   where cs.person_id = (select auth.uid()) and cs.role = 'project_manager'
)
select w.kind, w.client_id, cl.slug as client_slug, cl.name as client_name, w.item_id, w.title, w.due_date, w.since, w.detail
from (
select 'milestone'::text as kind, m.client_id, m.id::text as item_id, m.title as title,
       m.planned_date as due_date, null::timestamptz as since,
       case when m.planned_date < current_date then 'late' else 'due this week' end as detail
  from public.milestones m
 where m.client_id in (select client_id from mine) and m.actual_date is null
   and m.planned_date < current_date + 7
union all
select 'dissatisfier', d.client_id, d.id::text, d.summary, d.due_date, d.created_at,
       d.status::text || ', ' || d.severity::text || ' severity'
       || case when d.due_date < current_date then ', past due' else '' end
  from public.dissatisfiers d
 where d.client_id in (select client_id from mine) and d.status <> 'resolved'
   and (d.owner_id is null or d.owner_id = (select auth.uid()))
union all
select 'no_update', c.id, c.id::text, c.name, null::date, u.last_at,
       case when u.last_at is null then 'no update posted yet'
            else 'last update ' || (current_date - u.last_at::date) || ' days ago' end
  from public.clients c
  cross join lateral (select max(x.created_at) as last_at from public.client_updates x
                       where x.client_id = c.id and not x.is_internal) u
 where c.id in (select client_id from mine) and (u.last_at is null or u.last_at < now() - interval '7 days')
union all
select 'signoff', doc.client_id, doc.id::text, doc.title || ' (version ' || v.version || ')', doc.due_date, v.published_at,
       (select count(*) from public.requirement_version_approvers a
         where a.version_id = v.id
           and not exists (select 1 from public.signoffs so where so.version_id = v.id and so.person_id = a.person_id))
       || ' approver(s) still to sign'
  from public.requirement_documents doc
  cross join lateral (select rv.id, rv.version, rv.published_at from public.requirement_versions rv
                       where rv.document_id = doc.id order by rv.version desc limit 1) v
 where doc.client_id in (select client_id from mine)
   and exists (select 1 from public.requirement_version_approvers a
                where a.version_id = v.id
                  and not exists (select 1 from public.signoffs so where so.version_id = v.id and so.person_id = a.person_id))
   and not exists (select 1 from public.signoffs so where so.version_id = v.id and so.decision = 'changes_requested')
union all
select 'unlinked_commitment', cm.client_id, cm.id::text, cm.promise, cm.due_date, cm.created_at,
       'promised by ' || cm.promised_by || ', not linked to a milestone or a requirement'
  from public.commitments cm
 where cm.client_id in (select client_id from mine)
   and cm.status not in ('delivered', 'disputed')
   and not exists (select 1 from public.commitment_links l where l.commitment_id = cm.id)
) w
join public.clients cl on cl.id = w.client_id;

comment on view public.staff_work_items is 'What is due from the signed-in project manager on the clients they run.';

-- ---------------------------------------------------------------- audit trail

-- A staff matter too: a contact gets no row, even of their own client.
create view public.client_audit_trail with (security_invoker = true) as
select t.* from (
  select so.client_id, so.created_at as at, 'sign-off'::text as kind,
         doc.title || ' version ' || so.version as subject,
         so.person_name || ' <' || so.person_email || '>' as actor,
         so.decision::text || coalesce(': ' || so.comment, '') as detail,
         concat_ws('; ', 'sha256 ' || so.body_sha256, 'typed name ' || so.signature_name,
                   'consent ' || so.consent_text, 'ip ' || so.ip, 'user agent ' || so.user_agent) as evidence
    from public.signoffs so join public.requirement_documents doc on doc.id = so.document_id
  union all
  select dc.client_id, dc.changed_at, 'slip', dc.item_title, pe.full_name,
         dc.field || ' moved from ' || dc.old_date || ' to ' || dc.new_date || ' (' || dc.side::text || '): ' || dc.reason,
         case when dc.is_internal then 'internal' else 'shown to the client' end
    from public.date_changes dc left join public.people pe on pe.id = dc.changed_by
  union all
  select d.client_id, d.created_at, 'dissatisfier opened', d.summary, pe.full_name,
         d.source::text || ', ' || d.severity::text || ' severity, now ' || d.status::text, null
    from public.dissatisfiers d left join public.people pe on pe.id = coalesce(d.raised_by, d.opened_by)
  union all
  select d.client_id, d.resolved_at, 'dissatisfier resolved', d.summary, null, d.resolution, null
    from public.dissatisfiers d where d.resolved_at is not null
  union all
  select ce.client_id, ce.changed_at, 'commitment ' || ce.kind, ce.promise, pe.full_name,
         concat_ws(' ', ce.old_status::text || ' →', ce.new_status::text),
         nullif(ce.detail::text, '{}')
    from public.commitment_events ce left join public.people pe on pe.id = ce.changed_by
) t
where (select app_private.is_admin()) or t.client_id in (select app_private.staff_client_ids());

comment on view public.client_audit_trail is
  'Sign-offs with evidence, slips, dissatisfiers and commitment history, one row per event. Staff only.';

-- ---------------------------------------------------------------- grants

revoke all on public.client_health, public.portfolio, public.portfolio_filter_options, public.lifecycle_stages, public.go_live_against_plan,
  public.staff_work_items, public.client_audit_trail from public, anon, authenticated;
grant select on public.client_health, public.portfolio, public.portfolio_filter_options, public.lifecycle_stages, public.go_live_against_plan,
  public.staff_work_items, public.client_audit_trail to authenticated, service_role;
