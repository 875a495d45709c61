-- The client portal: timeline (phases, milestones), the slip log of planned-date
-- changes, tasks the client owns, success criteria, calendar feeds, logos and
-- timeline templates.
--
-- Visibility: staff of the client (and admins) see everything; the client's
-- contacts see the client-visible rows (is_internal = false). Only the client's
-- project manager (or an admin) changes the plan. Contacts may mark their
-- client's tasks done and nothing else.

create type public.slip_side as enum ('provider', 'client', 'third_party');
create type public.task_status as enum ('open', 'done');

-- ---------------------------------------------------------------- clients: dates and creator

alter table public.clients
  add column go_live_date date,
  add column service_takeover_date date,
  add column created_by uuid references public.people (id) on delete set null default auth.uid();

grant update (go_live_date, service_takeover_date) on public.clients to authenticated;

-- Let PostgREST embed a team member's person directly (contacts cannot read the staff table).
alter table public.client_staff
  add constraint client_staff_person_people_fkey foreign key (person_id) references public.people (id) on delete cascade;

-- Staff may create clients (not only admins); the creator assigns the team.
drop policy clients_insert on public.clients;
create policy clients_insert on public.clients for insert to authenticated
  with check ((select app_private.is_staff()) and created_by = (select auth.uid()));

-- The creator may set a new client up until it has a project manager; from
-- then on the PM (or an admin) decides, so a removed creator stays removed.
create function app_private.is_client_creator(target_client uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select exists (select 1 from public.clients
                   where id = target_client and created_by = (select auth.uid())
                     and exists (select 1 from public.staff where person_id = (select auth.uid())))
       and not exists (select 1 from public.client_staff
                       where client_id = target_client and role = 'project_manager')
  $$;
revoke all on function app_private.is_client_creator(uuid) from public;
grant execute on function app_private.is_client_creator(uuid) to authenticated, service_role;

drop policy client_staff_insert on public.client_staff;
create policy client_staff_insert on public.client_staff for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)) or (select app_private.is_client_creator(client_id)));

-- ---------------------------------------------------------------- success criteria

create table public.success_criteria (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  statement text not null check (length(btrim(statement)) between 1 and 500),
  measure text check (length(measure) <= 500),
  position integer not null default 0,
  is_internal boolean not null default false,
  created_at timestamptz not null default now()
);
create index success_criteria_client_idx on public.success_criteria (client_id, position);
comment on table public.success_criteria is 'What success looks like for this client, written at setup; measurable where possible.';

-- ---------------------------------------------------------------- timeline

create table public.phases (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  position integer not null default 0,
  planned_start date not null,
  planned_end date not null,
  is_internal boolean not null default false,
  -- Set together with a planned-date change; written to the slip log and cleared by a trigger.
  change_reason text check (length(change_reason) <= 1000),
  change_side public.slip_side,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (planned_end >= planned_start),
  unique (id, client_id)
);
create index phases_client_idx on public.phases (client_id, position);

create table public.milestones (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  phase_id uuid not null,
  title text not null check (length(btrim(title)) between 1 and 200),
  description text check (length(description) <= 2000),
  planned_date date not null,
  actual_date date,
  risk_note text check (length(risk_note) <= 1000),
  is_internal boolean not null default false,
  position integer not null default 0,
  change_reason text check (length(change_reason) <= 1000),
  change_side public.slip_side,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (phase_id, client_id) references public.phases (id, client_id) on delete cascade
);
create index milestones_client_idx on public.milestones (client_id, planned_date);
create index milestones_phase_idx on public.milestones (phase_id);

-- The slip log: every change to a planned date, with its reason and the side it
-- depended on. Written only by the trigger below; nobody may edit or delete it.
create table public.date_changes (
  id bigint generated always as identity primary key,
  client_id uuid not null references public.clients (id) on delete cascade,
  phase_id uuid references public.phases (id) on delete set null,
  milestone_id uuid references public.milestones (id) on delete set null,
  item_title text not null,
  field text not null check (field in ('planned_date', 'planned_start', 'planned_end')),
  old_date date not null,
  new_date date not null,
  reason text not null check (length(btrim(reason)) between 3 and 1000),
  side public.slip_side not null,
  is_internal boolean not null default false,
  changed_by uuid references public.people (id) on delete set null,
  changed_at timestamptz not null default now()
);
create index date_changes_client_idx on public.date_changes (client_id, changed_at desc);

create function app_private.log_planned_date_change() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  reason text := nullif(btrim(coalesce(new.change_reason, '')), '');
  changed boolean := false;
  internal boolean := new.is_internal;
begin
  if tg_table_name = 'milestones' then
    changed := new.planned_date is distinct from old.planned_date;
    internal := internal or exists (select 1 from public.phases where id = new.phase_id and is_internal);
  else
    changed := new.planned_start is distinct from old.planned_start or new.planned_end is distinct from old.planned_end;
  end if;

  if changed then
    if reason is null or length(reason) < 3 or new.change_side is null then
      raise exception 'A planned date change needs a reason and the side it depended on (provider, client or third party).'
        using errcode = '23514';
    end if;
    if tg_table_name = 'milestones' then
      insert into public.date_changes (client_id, milestone_id, item_title, field, old_date, new_date, reason, side, is_internal, changed_by)
      values (new.client_id, new.id, new.title, 'planned_date', old.planned_date, new.planned_date, reason, new.change_side, internal, (select auth.uid()));
    else
      if new.planned_start is distinct from old.planned_start then
        insert into public.date_changes (client_id, phase_id, item_title, field, old_date, new_date, reason, side, is_internal, changed_by)
        values (new.client_id, new.id, new.name, 'planned_start', old.planned_start, new.planned_start, reason, new.change_side, internal, (select auth.uid()));
      end if;
      if new.planned_end is distinct from old.planned_end then
        insert into public.date_changes (client_id, phase_id, item_title, field, old_date, new_date, reason, side, is_internal, changed_by)
        values (new.client_id, new.id, new.name, 'planned_end', old.planned_end, new.planned_end, reason, new.change_side, internal, (select auth.uid()));
      end if;
    end if;
  end if;

  new.change_reason := null;
  new.change_side := null;
  new.updated_at := now();
  return new;
end
$$;

create trigger phases_log_dates before update on public.phases
  for each row execute function app_private.log_planned_date_change();
create trigger milestones_log_dates before update on public.milestones
  for each row execute function app_private.log_planned_date_change();

-- A new row starts its history clean.
create function app_private.clear_change_note() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.change_reason := null;
  new.change_side := null;
  return new;
end
$$;
create trigger phases_clear_note before insert on public.phases
  for each row execute function app_private.clear_change_note();
create trigger milestones_clear_note before insert on public.milestones
  for each row execute function app_private.clear_change_note();

-- ---------------------------------------------------------------- client tasks

create table public.client_tasks (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  title text not null check (length(btrim(title)) between 1 and 200),
  description text check (length(description) <= 2000),
  due_date date,
  owner_id uuid references public.people (id) on delete set null,
  milestone_id uuid references public.milestones (id) on delete set null,
  status public.task_status not null default 'open',
  completed_at timestamptz,
  completed_by uuid references public.people (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index client_tasks_client_idx on public.client_tasks (client_id, status, due_date);
comment on table public.client_tasks is 'What we need from the client: tasks a client contact owns.';

-- Contacts may only tick a task done (or reopen it); the owner must be a contact
-- of the same client; completion is stamped by the database, not the browser.
create function app_private.guard_client_task() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  -- Outsiders get the same refusal as RLS gives, before any check that could
  -- reveal who or what belongs to this client.
  if (select auth.uid()) is not null and not app_private.can_see_client(new.client_id) then
    raise exception 'new row violates row-level security policy for table "client_tasks"' using errcode = '42501';
  end if;
  if new.owner_id is not null and not exists (
    select 1 from public.client_contacts where client_id = new.client_id and person_id = new.owner_id
  ) then
    raise exception 'The owner of a client task must be a contact of that client.' using errcode = '23514';
  end if;
  if new.milestone_id is not null and not exists (
    select 1 from public.milestones where id = new.milestone_id and client_id = new.client_id
  ) then
    raise exception 'The milestone belongs to another client.' using errcode = '23514';
  end if;
  if tg_op = 'UPDATE' then
    if not app_private.is_client_pm(old.client_id) and (
      new.title is distinct from old.title or new.description is distinct from old.description
      or new.due_date is distinct from old.due_date or new.owner_id is distinct from old.owner_id
      or new.milestone_id is distinct from old.milestone_id or new.client_id is distinct from old.client_id
    ) then
      raise exception 'Only the project manager can change a task; you can mark it done.' using errcode = '42501';
    end if;
    new.updated_at := now();
  end if;
  if new.status = 'done' and (tg_op = 'INSERT' or old.status is distinct from 'done') then
    new.completed_at := now();
    new.completed_by := (select auth.uid());
  elsif new.status = 'open' then
    new.completed_at := null;
    new.completed_by := null;
  end if;
  return new;
end
$$;
create trigger client_tasks_guard before insert or update on public.client_tasks
  for each row execute function app_private.guard_client_task();

-- ---------------------------------------------------------------- calendar feeds

-- A secret, revocable ICS URL per person and client. Only the token's SHA-256 is
-- stored; the URL is shown once, when created.
create table public.calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null default auth.uid() references public.people (id) on delete cascade,
  client_id uuid not null references public.clients (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index calendar_feeds_person_idx on public.calendar_feeds (person_id, client_id);

-- ---------------------------------------------------------------- logos

create table public.client_logos (
  client_id uuid primary key references public.clients (id) on delete cascade,
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
  data_base64 text not null check (length(data_base64) <= 350000),
  updated_at timestamptz not null default now()
);
create trigger client_logos_touch before update on public.client_logos
  for each row execute function app_private.touch_updated_at();

-- ---------------------------------------------------------------- timeline templates

create table public.timeline_templates (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(btrim(name)) between 1 and 120),
  description text check (length(description) <= 1000),
  -- [{ "name", "start_offset_days", "duration_days", "milestones": [{ "title", "offset_days" }] }]
  phases jsonb not null check (jsonb_typeof(phases) = 'array'),
  is_builtin boolean not null default false,
  created_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now()
);

-- ---------------------------------------------------------------- RLS, grants, policies

alter table public.success_criteria enable row level security;
alter table public.phases enable row level security;
alter table public.milestones enable row level security;
alter table public.date_changes enable row level security;
alter table public.client_tasks enable row level security;
alter table public.calendar_feeds enable row level security;
alter table public.client_logos enable row level security;
alter table public.timeline_templates enable row level security;

revoke all on public.success_criteria, public.phases, public.milestones, public.date_changes, public.client_tasks,
  public.calendar_feeds, public.client_logos, public.timeline_templates from anon, authenticated;
grant all on public.success_criteria, public.phases, public.milestones, public.date_changes, public.client_tasks,
  public.calendar_feeds, public.client_logos, public.timeline_templates to service_role;
grant usage, select on sequence public.date_changes_id_seq to service_role;

-- Client-visible rows: the client's staff see all; its contacts see what is not internal.
create function app_private.can_see_item(target_client uuid, internal boolean) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select app_private.is_client_staff(target_client)
        or (not internal and app_private.is_client_contact(target_client))
  $$;
revoke all on function app_private.can_see_item(uuid, boolean) from public;
grant execute on function app_private.can_see_item(uuid, boolean) to authenticated, service_role;

-- success_criteria
grant select, insert, update, delete on public.success_criteria to authenticated;
create policy success_criteria_select on public.success_criteria for select to authenticated
  using ((select app_private.can_see_item(client_id, is_internal)));
create policy success_criteria_insert on public.success_criteria for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)) or (select app_private.is_client_creator(client_id)));
create policy success_criteria_update on public.success_criteria for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));
create policy success_criteria_delete on public.success_criteria for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- phases
grant select, insert, delete on public.phases to authenticated;
grant update (name, position, planned_start, planned_end, is_internal, change_reason, change_side) on public.phases to authenticated;
create policy phases_select on public.phases for select to authenticated
  using ((select app_private.can_see_item(client_id, is_internal)));
create policy phases_insert on public.phases for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy phases_update on public.phases for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));
create policy phases_delete on public.phases for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- milestones: hidden from contacts when the milestone or its phase is internal
grant select, insert, delete on public.milestones to authenticated;
grant update (phase_id, title, description, planned_date, actual_date, risk_note, is_internal, position, change_reason, change_side)
  on public.milestones to authenticated;
create policy milestones_select on public.milestones for select to authenticated
  using (
    (select app_private.is_client_staff(client_id))
    or (not is_internal
        and (select app_private.is_client_contact(client_id))
        and exists (select 1 from public.phases p where p.id = phase_id and not p.is_internal))
  );
create policy milestones_insert on public.milestones for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy milestones_update on public.milestones for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));
create policy milestones_delete on public.milestones for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- date_changes: read-only for everyone; the trigger writes it. A contact sees a
-- slip only while they can still see its item (a milestone or phase made
-- internal later takes its history with it).
grant select on public.date_changes to authenticated;
create policy date_changes_select on public.date_changes for select to authenticated
  using (
    (select app_private.is_client_staff(client_id))
    or (not is_internal
        and (select app_private.is_client_contact(client_id))
        and (milestone_id is null or exists (select 1 from public.milestones m where m.id = milestone_id))
        and (phase_id is null or exists (select 1 from public.phases ph where ph.id = phase_id)))
  );

-- client_tasks
grant select, insert, delete on public.client_tasks to authenticated;
grant update (title, description, due_date, owner_id, milestone_id, status) on public.client_tasks to authenticated;
create policy client_tasks_select on public.client_tasks for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy client_tasks_insert on public.client_tasks for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy client_tasks_update on public.client_tasks for update to authenticated
  using ((select app_private.can_see_client(client_id))) with check ((select app_private.can_see_client(client_id)));
create policy client_tasks_delete on public.client_tasks for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- calendar_feeds: each person their own
grant select, insert on public.calendar_feeds to authenticated;
grant update (revoked_at) on public.calendar_feeds to authenticated;
create policy calendar_feeds_select on public.calendar_feeds for select to authenticated
  using (person_id = (select auth.uid()));
create policy calendar_feeds_insert on public.calendar_feeds for insert to authenticated
  with check (person_id = (select auth.uid()) and (select app_private.can_see_client(client_id)));
-- Updating means revoking: a revoked feed cannot be brought back.
create policy calendar_feeds_update on public.calendar_feeds for update to authenticated
  using (person_id = (select auth.uid()) and revoked_at is null)
  with check (person_id = (select auth.uid()) and revoked_at is not null);

-- client_logos
grant select, insert, update, delete on public.client_logos to authenticated;
create policy client_logos_select on public.client_logos for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy client_logos_insert on public.client_logos for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)) or (select app_private.is_client_creator(client_id)));
create policy client_logos_update on public.client_logos for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));
create policy client_logos_delete on public.client_logos for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- timeline_templates: staff only; built-in ones are read-only
grant select, insert, update, delete on public.timeline_templates to authenticated;
create policy timeline_templates_select on public.timeline_templates for select to authenticated
  using ((select app_private.is_staff()));
create policy timeline_templates_insert on public.timeline_templates for insert to authenticated
  with check ((select app_private.is_staff()) and not is_builtin and created_by = (select auth.uid()));
create policy timeline_templates_update on public.timeline_templates for update to authenticated
  using ((select app_private.is_staff()) and not is_builtin and (created_by = (select auth.uid()) or (select app_private.is_admin())))
  with check ((select app_private.is_staff()) and not is_builtin and (created_by = (select auth.uid()) or (select app_private.is_admin())));
create policy timeline_templates_delete on public.timeline_templates for delete to authenticated
  using ((select app_private.is_staff()) and not is_builtin and (created_by = (select auth.uid()) or (select app_private.is_admin())));

-- ---------------------------------------------------------------- RPCs (security invoker: RLS applies)

-- Create a client with its brand, success criteria, logo and project manager in
-- one transaction. The creator's right to set it up ends when the PM is assigned,
-- which is the last step here.
create function public.create_client(
  p_slug text, p_name text, p_primary_color text, p_accent_color text, p_welcome_text text,
  p_go_live_date date, p_service_takeover_date date, p_project_manager uuid,
  p_success_criteria jsonb default '[]'::jsonb, p_logo_content_type text default null, p_logo_base64 text default null
) returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  new_id uuid := gen_random_uuid();
begin
  insert into public.clients (id, slug, name, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date, created_by)
  values (new_id, p_slug, p_name, p_primary_color, p_accent_color, nullif(btrim(p_welcome_text), ''), p_go_live_date,
          p_service_takeover_date, (select auth.uid()));
  insert into public.success_criteria (client_id, statement, measure, position)
  select new_id, c.value ->> 'statement', nullif(btrim(c.value ->> 'measure'), ''), (c.ordinality - 1)::int
  from jsonb_array_elements(coalesce(p_success_criteria, '[]'::jsonb)) with ordinality as c(value, ordinality);
  if p_logo_base64 is not null then
    insert into public.client_logos (client_id, content_type, data_base64) values (new_id, p_logo_content_type, p_logo_base64);
  end if;
  insert into public.client_staff (client_id, person_id, role)
  values (new_id, p_project_manager, 'project_manager');
  return new_id;
end
$$;

-- Invite a contact: a new person plus their role at the client, in one transaction.
create function public.invite_contact(p_client uuid, p_email text, p_full_name text, p_role public.contact_role,
  p_title text default null, p_phone text default null) returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  new_id uuid := gen_random_uuid();
begin
  if not app_private.is_client_pm(p_client) and not app_private.is_client_creator(p_client) then
    raise exception 'Only the project manager can invite contacts.' using errcode = '42501';
  end if;
  insert into public.people (id, email, full_name, title, phone)
  values (new_id, lower(btrim(p_email)), btrim(p_full_name), nullif(btrim(p_title), ''), nullif(btrim(p_phone), ''));
  insert into public.client_contacts (client_id, person_id, role) values (p_client, new_id, p_role);
  return new_id;
end
$$;

-- Lay out a timeline from a template, starting on a given date.
create function public.apply_timeline_template(p_client uuid, p_template uuid, p_start date) returns integer
  language plpgsql
  set search_path = ''
  as $$
declare
  tpl jsonb;
  phase jsonb;
  ms jsonb;
  phase_id uuid;
  phase_start date;
  pos integer := coalesce((select max(position) + 1 from public.phases where client_id = p_client), 0);
  created integer := 0;
begin
  select phases into tpl from public.timeline_templates where id = p_template;
  if tpl is null then
    raise exception 'No such template.' using errcode = 'P0002';
  end if;
  for phase in select * from jsonb_array_elements(tpl) loop
    phase_id := gen_random_uuid();
    phase_start := p_start + coalesce((phase ->> 'start_offset_days')::int, 0);
    insert into public.phases (id, client_id, name, position, planned_start, planned_end)
    values (phase_id, p_client, phase ->> 'name', pos, phase_start,
            phase_start + greatest(coalesce((phase ->> 'duration_days')::int, 1) - 1, 0));
    pos := pos + 1;
    created := created + 1;
    for ms in select * from jsonb_array_elements(coalesce(phase -> 'milestones', '[]'::jsonb)) loop
      insert into public.milestones (client_id, phase_id, title, planned_date, position)
      values (p_client, phase_id, ms ->> 'title', phase_start + coalesce((ms ->> 'offset_days')::int, 0), created);
    end loop;
  end loop;
  return created;
end
$$;

-- Save a client's timeline as a new template (dates become offsets from its first day).
create function public.save_timeline_as_template(p_client uuid, p_name text, p_description text default null) returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  first_day date := (select min(planned_start) from public.phases where client_id = p_client);
  new_id uuid := gen_random_uuid();
begin
  if not app_private.is_client_pm(p_client) then
    raise exception 'Only the project manager can save this timeline as a template.' using errcode = '42501';
  end if;
  if first_day is null then
    raise exception 'This client has no timeline to save.' using errcode = 'P0002';
  end if;
  insert into public.timeline_templates (id, name, description, phases, created_by)
  select new_id, btrim(p_name), nullif(btrim(p_description), ''),
    coalesce(jsonb_agg(jsonb_build_object(
      'name', p.name,
      'start_offset_days', p.planned_start - first_day,
      'duration_days', p.planned_end - p.planned_start + 1,
      'milestones', coalesce((
        select jsonb_agg(jsonb_build_object('title', m.title, 'offset_days', m.planned_date - p.planned_start)
                         order by m.planned_date, m.position)
        from public.milestones m where m.phase_id = p.id), '[]'::jsonb)
    ) order by p.position, p.planned_start), '[]'::jsonb),
    (select auth.uid())
  from public.phases p where p.client_id = p_client;
  return new_id;
end
$$;

revoke all on function public.create_client(text, text, text, text, text, date, date, uuid, jsonb, text, text) from public, anon;
revoke all on function public.invite_contact(uuid, text, text, public.contact_role, text, text) from public, anon;
revoke all on function public.apply_timeline_template(uuid, uuid, date) from public, anon;
revoke all on function public.save_timeline_as_template(uuid, text, text) from public, anon;
grant execute on function public.create_client(text, text, text, text, text, date, date, uuid, jsonb, text, text) to authenticated, service_role;
grant execute on function public.invite_contact(uuid, text, text, public.contact_role, text, text) to authenticated, service_role;
grant execute on function public.apply_timeline_template(uuid, uuid, date) to authenticated, service_role;
grant execute on function public.save_timeline_as_template(uuid, text, text) to authenticated, service_role;
