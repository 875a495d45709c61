-- The feedback pulse and the dissatisfier register (issue 10, items 1-3;
-- docs/decisions/0012-pulse-and-dissatisfiers.md).
--
--   pulses               a request for a pulse, per client (the PM asks for one now)
--   pulse_answers        one per pulse per contact: score 1-5, optional comment
--   concerns             raised by a contact at any time
--   dissatisfiers        the register: summary, source (answer, concern, call, meeting),
--                        severity, owner, due date, status, a resolution shared with the client
--   dissatisfier_notes   internal triage notes: staff only, in a table of their own so
--                        no column grant or view can leak them to a contact
--
-- Every change is one SECURITY INVOKER RPC under RLS (ADR 0007). What must happen
-- whatever door a write comes through is done by triggers: an answer or a concern
-- opens its dissatisfier (a SECURITY DEFINER trigger in app_private, since a contact
-- holds no write on the register), and every new dissatisfier emails the PM and
-- the relationship manager through the outbox, in the same transaction.

create type public.dissatisfier_status as enum ('open', 'in_progress', 'resolved');
create type public.dissatisfier_source as enum ('low_score', 'score_drop', 'concern', 'call', 'meeting');
create type public.dissatisfier_severity as enum ('low', 'medium', 'high');

-- ---------------------------------------------------------------- tables

create table public.pulses (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  requested_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now()
);
create index pulses_client_idx on public.pulses (client_id, created_at desc);
comment on table public.pulses is 'A request for a pulse (score 1-5 and a comment) from the contacts of one client.';

create table public.pulse_answers (
  id uuid primary key default gen_random_uuid(),
  pulse_id uuid not null references public.pulses (id) on delete cascade,
  client_id uuid not null references public.clients (id) on delete cascade,
  person_id uuid not null references public.people (id) on delete cascade,
  score smallint not null check (score between 1 and 5),
  comment text check (length(comment) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (pulse_id, person_id)
);
create index pulse_answers_client_idx on public.pulse_answers (client_id, person_id, created_at desc);
comment on table public.pulse_answers is 'One answer per pulse per contact; answering again changes it.';

create table public.concerns (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  person_id uuid not null references public.people (id) on delete cascade,
  body text not null check (length(btrim(body)) between 1 and 4000),
  created_at timestamptz not null default now()
);
create index concerns_client_idx on public.concerns (client_id, person_id);
comment on table public.concerns is 'Something a contact told us is wrong, without being asked.';

create table public.dissatisfiers (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  summary text not null check (length(btrim(summary)) between 1 and 500),
  source public.dissatisfier_source not null,
  answer_id uuid references public.pulse_answers (id) on delete set null,
  concern_id uuid references public.concerns (id) on delete set null,
  -- The contact whose answer or concern opened it (null when the PM opened it by hand).
  raised_by uuid references public.people (id) on delete set null,
  severity public.dissatisfier_severity not null default 'medium',
  owner_id uuid references public.staff (person_id) on delete set null,
  due_date date,
  status public.dissatisfier_status not null default 'open',
  resolution text check (length(resolution) <= 4000),
  opened_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  resolved_at timestamptz,
  check ((status = 'resolved') = (resolved_at is not null)),
  check (status <> 'resolved' or length(btrim(resolution)) > 0)
);
-- One dissatisfier per answer and per concern, whatever the races.
create unique index dissatisfiers_answer_key on public.dissatisfiers (answer_id) where answer_id is not null;
create unique index dissatisfiers_concern_key on public.dissatisfiers (concern_id) where concern_id is not null;
create index dissatisfiers_client_idx on public.dissatisfiers (client_id, status, due_date);
comment on table public.dissatisfiers is 'The dissatisfier register: trouble heard early, owned and resolved.';

create table public.dissatisfier_notes (
  dissatisfier_id uuid primary key references public.dissatisfiers (id) on delete cascade,
  client_id uuid not null references public.clients (id) on delete cascade,
  notes text not null default '' check (length(notes) <= 8000),
  updated_at timestamptz not null default now()
);
create index dissatisfier_notes_client_idx on public.dissatisfier_notes (client_id);
comment on table public.dissatisfier_notes is 'Internal triage notes on a dissatisfier: staff only.';

-- ---------------------------------------------------------------- grants and policies

alter table public.pulses enable row level security;
alter table public.pulse_answers enable row level security;
alter table public.concerns enable row level security;
alter table public.dissatisfiers enable row level security;
alter table public.dissatisfier_notes enable row level security;

revoke all on public.pulses, public.pulse_answers, public.concerns, public.dissatisfiers, public.dissatisfier_notes
  from public, anon, authenticated;
grant select on public.pulses, public.pulse_answers, public.concerns, public.dissatisfiers, public.dissatisfier_notes
  to authenticated;
grant insert (client_id) on public.pulses to authenticated;
grant insert (pulse_id, client_id, person_id, score, comment), update (score, comment) on public.pulse_answers to authenticated;
grant insert (client_id, person_id, body) on public.concerns to authenticated;
grant insert (client_id, summary, source, severity, due_date, owner_id),
  update (status, severity, owner_id, due_date, resolution) on public.dissatisfiers to authenticated;
grant update (notes) on public.dissatisfier_notes to authenticated;
grant all on public.pulses, public.pulse_answers, public.concerns, public.dissatisfiers, public.dissatisfier_notes
  to service_role;

-- Everyone on the client sees that a pulse was asked; the PM (or an admin) asks.
create policy pulses_select on public.pulses for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));
create policy pulses_insert on public.pulses for insert to authenticated
  with check (app_private.is_client_pm(client_id));

-- Staff see every answer of their clients; a contact sees, gives and changes only their own.
create policy pulse_answers_select on public.pulse_answers for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()))
  );
create policy pulse_answers_insert on public.pulse_answers for insert to authenticated
  with check (
    person_id = (select auth.uid())
    and client_id in (select app_private.contact_client_ids())
    and exists (select 1 from public.pulses p where p.id = pulse_id and p.client_id = pulse_answers.client_id)
  );
create policy pulse_answers_update on public.pulse_answers for update to authenticated
  using (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()))
  with check (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()));

create policy concerns_select on public.concerns for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()))
  );
create policy concerns_insert on public.concerns for insert to authenticated
  with check (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()));

-- A contact sees the dissatisfiers their own answer or concern opened (for "You told
-- us, we did"); never one the PM opened, never another contact's. The PM opens one
-- by hand (from a call or a meeting); the client's staff change them.
create policy dissatisfiers_select on public.dissatisfiers for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (raised_by = (select auth.uid()) and client_id in (select app_private.contact_client_ids()))
  );
create policy dissatisfiers_insert on public.dissatisfiers for insert to authenticated
  with check (source in ('call', 'meeting') and app_private.is_client_pm(client_id));
create policy dissatisfiers_update on public.dissatisfiers for update to authenticated
  using (app_private.is_client_staff(client_id))
  with check (app_private.is_client_staff(client_id));

create policy dissatisfier_notes_select on public.dissatisfier_notes for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids()));
create policy dissatisfier_notes_update on public.dissatisfier_notes for update to authenticated
  using (app_private.is_client_staff(client_id))
  with check (app_private.is_client_staff(client_id));

-- ---------------------------------------------------------------- integrity triggers

create function app_private.prepare_dissatisfier() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if new.owner_id is not null and not exists (
       select 1 from public.client_staff where client_id = new.client_id and person_id = new.owner_id) then
    raise exception 'The owner must be on the client''s team.' using errcode = '23514', hint = 'field:ownerId';
  end if;
  new.resolution := nullif(btrim(coalesce(new.resolution, '')), '');
  if new.status = 'resolved' and new.resolution is null then
    raise exception 'Write what was done: the client sees it.' using errcode = '23514', hint = 'field:resolution';
  end if;
  if tg_op = 'INSERT' and new.owner_id is null then
    new.owner_id := (select person_id from public.client_staff
                      where client_id = new.client_id and role = 'project_manager' order by created_at limit 1);
  end if;
  if tg_op = 'UPDATE' then
    new.resolved_at := case when new.status = 'resolved' then coalesce(old.resolved_at, now()) end;
    new.updated_at := now();
  else
    new.resolved_at := case when new.status = 'resolved' then now() end;
  end if;
  return new;
end
$$;
create trigger dissatisfiers_prepare before insert or update on public.dissatisfiers
  for each row execute function app_private.prepare_dissatisfier();

create function app_private.touch_pulse_answer() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.updated_at := now();
  return new;
end
$$;
create trigger pulse_answers_touch before update on public.pulse_answers
  for each row execute function app_private.touch_pulse_answer();

create function app_private.touch_dissatisfier_notes() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.updated_at := now();
  return new;
end
$$;
create trigger dissatisfier_notes_touch before update on public.dissatisfier_notes
  for each row execute function app_private.touch_dissatisfier_notes();

-- ---------------------------------------------------------------- a new dissatisfier: notes row, and its emails

-- Every new dissatisfier, whoever opened it, gets its (empty) triage notes and an
-- email to each of the client's project managers and relationship managers at once.
-- Security definer: the emails go through app_private.enqueue_email, and the notes
-- row is not something a caller inserts.
create function app_private.dissatisfier_opened() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
declare
  v_client record;
  v_raiser text;
  v_staff record;
  v_reason text;
  v_detail text;
  v_answer record;
begin
  insert into public.dissatisfier_notes (dissatisfier_id, client_id) values (new.id, new.client_id);
  select c.name, c.slug, c.primary_color into v_client from public.clients c where c.id = new.client_id;
  select full_name into v_raiser from public.people where id = new.raised_by;
  select score, comment into v_answer from public.pulse_answers where id = new.answer_id;
  v_reason := case new.source
    when 'low_score' then 'A contact scored the onboarding ' || v_answer.score || ' out of 5.'
    when 'score_drop' then 'A contact''s pulse score fell to ' || v_answer.score || ' out of 5.'
    when 'concern' then 'A contact raised a concern.'
    else 'A dissatisfier was opened from a ' || new.source::text || '.'
  end;
  v_detail := case when new.source = 'concern' then (select body from public.concerns where id = new.concern_id)
                   else v_answer.comment end;
  for v_staff in
    select distinct p.id, p.email, p.full_name
      from public.client_staff cs join public.people p on p.id = cs.person_id
     where cs.client_id = new.client_id and cs.role in ('project_manager', 'relationship_manager')
  loop
    perform app_private.enqueue_email(
      p_template        => 'dissatisfier-opened',
      p_recipient       => v_staff.email,
      p_props           => jsonb_build_object(
                             'recipientName', v_staff.full_name,
                             'clientName', v_client.name,
                             'primaryColor', v_client.primary_color,
                             'reason', v_reason,
                             'summary', new.summary,
                             'detail', v_detail,
                             'raisedBy', v_raiser,
                             'dueDate', new.due_date,
                             'path', '/staff/clients/' || v_client.slug || '/feedback'),
      p_idempotency_key => 'dissatisfier-opened:' || new.id || ':' || v_staff.id,
      p_client_id       => new.client_id);
  end loop;
  return null;
end
$$;
create trigger dissatisfiers_opened after insert on public.dissatisfiers
  for each row execute function app_private.dissatisfier_opened();

-- ---------------------------------------------------------------- answers and concerns open dissatisfiers

-- An answer of 1 or 2, or 2 or more below the same contact's answer to the previous
-- pulse, opens a dissatisfier (one per answer: a changed answer that still qualifies
-- keeps the one it has). Security definer: the contact holds no write on the register.
create function app_private.pulse_answer_changed() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
declare
  v_previous smallint;
  v_asked timestamptz;
begin
  select created_at into v_asked from public.pulses where id = new.pulse_id;
  select a.score into v_previous
    from public.pulse_answers a join public.pulses p on p.id = a.pulse_id
   where a.client_id = new.client_id and a.person_id = new.person_id and a.pulse_id <> new.pulse_id
     and p.created_at < v_asked
   order by p.created_at desc
   limit 1;
  if new.score <= 2 then
    insert into public.dissatisfiers (client_id, summary, source, answer_id, raised_by, severity, due_date, opened_by)
    values (new.client_id, left('Pulse score ' || new.score || ' of 5' || coalesce(': ' || new.comment, ''), 500), 'low_score',
            new.id, new.person_id, case when new.score = 1 then 'high' else 'medium' end::public.dissatisfier_severity,
            current_date + 2, new.person_id)
    on conflict do nothing;
  elsif v_previous is not null and v_previous - new.score >= 2 then
    insert into public.dissatisfiers (client_id, summary, source, answer_id, raised_by, severity, due_date, opened_by)
    values (new.client_id, left('Pulse fell from ' || v_previous || ' to ' || new.score || coalesce(': ' || new.comment, ''), 500),
            'score_drop', new.id, new.person_id, 'medium', current_date + 3, new.person_id)
    on conflict do nothing;
  end if;
  return null;
end
$$;
create trigger pulse_answers_changed after insert or update of score on public.pulse_answers
  for each row execute function app_private.pulse_answer_changed();

create function app_private.concern_raised() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
begin
  insert into public.dissatisfiers (client_id, summary, source, concern_id, raised_by, severity, due_date, opened_by)
  values (new.client_id, left(new.body, 500), 'concern', new.id, new.person_id, 'medium', current_date + 2, new.person_id);
  return null;
end
$$;
create trigger concerns_raised after insert on public.concerns
  for each row execute function app_private.concern_raised();

revoke all on function app_private.prepare_dissatisfier(), app_private.touch_pulse_answer(),
  app_private.touch_dissatisfier_notes(), app_private.dissatisfier_opened(), app_private.pulse_answer_changed(),
  app_private.concern_raised() from public;

-- ---------------------------------------------------------------- the RPCs (SECURITY INVOKER: RLS decides)

-- A contact answers a pulse of their client: one answer per pulse per contact (a
-- second call changes it). Returns the answer.
create function public.answer_pulse(p_pulse uuid, p_score integer, p_comment text default null)
  returns public.pulse_answers
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_client uuid;
  v_answer public.pulse_answers;
  v_comment text := nullif(btrim(coalesce(p_comment, '')), '');
begin
  select client_id into v_client from public.pulses where id = p_pulse;
  if v_client is null or not app_private.is_client_contact(v_client) then
    raise exception 'There is no such pulse for you to answer.' using errcode = 'PT404';
  end if;
  if p_score is null or p_score not between 1 and 5 then
    raise exception 'Choose a score from 1 to 5.' using errcode = '23514', hint = 'field:score';
  end if;
  if length(v_comment) > 2000 then
    raise exception 'Keep the comment under 2000 characters.' using errcode = '23514', hint = 'field:comment';
  end if;
  insert into public.pulse_answers (pulse_id, client_id, person_id, score, comment)
  values (p_pulse, v_client, (select auth.uid()), p_score, v_comment)
  on conflict (pulse_id, person_id) do update set score = excluded.score, comment = excluded.comment
  returning * into v_answer;
  return v_answer;
end;
$$;

-- A contact tells us something is wrong; a dissatisfier opens at once (trigger).
create function public.raise_concern(p_client uuid, p_body text)
  returns public.concerns
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_body text := btrim(coalesce(p_body, ''));
  v_concern public.concerns;
begin
  if not app_private.is_client_contact(p_client) then
    raise exception 'There is no such client for you to write to.' using errcode = 'PT404';
  end if;
  if length(v_body) = 0 or length(v_body) > 4000 then
    raise exception 'Tell us what is wrong, in up to 4000 characters.' using errcode = '23514', hint = 'field:body';
  end if;
  insert into public.concerns (client_id, person_id, body) values (p_client, (select auth.uid()), v_body)
  returning * into v_concern;
  return v_concern;
end;
$$;

-- The PM (or an admin) asks the client's contacts for a pulse now.
create function public.request_pulse(p_client uuid)
  returns public.pulses
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_pulse public.pulses;
begin
  insert into public.pulses (client_id) values (p_client) returning * into v_pulse;
  return v_pulse;
end;
$$;

-- The PM (or an admin) opens a dissatisfier by hand, from a call or a meeting.
create function public.open_dissatisfier(
  p_client uuid,
  p_summary text,
  p_source public.dissatisfier_source,
  p_severity public.dissatisfier_severity default 'medium',
  p_due_date date default null,
  p_owner uuid default null
) returns uuid
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_id uuid;
begin
  if p_source is null or p_source not in ('call', 'meeting') then
    raise exception 'Say whether it came from a call or a meeting.' using errcode = '23514', hint = 'field:source';
  end if;
  if length(btrim(coalesce(p_summary, ''))) = 0 or length(p_summary) > 500 then
    raise exception 'Write a summary of up to 500 characters.' using errcode = '23514', hint = 'field:summary';
  end if;
  insert into public.dissatisfiers (client_id, summary, source, severity, due_date, owner_id)
  values (p_client, btrim(p_summary), p_source, coalesce(p_severity, 'medium'), p_due_date, p_owner)
  returning id into v_id;
  return v_id;
end;
$$;

-- Staff of the client change a dissatisfier and its triage notes, in one transaction.
create function public.update_dissatisfier(
  p_id uuid,
  p_status public.dissatisfier_status,
  p_severity public.dissatisfier_severity,
  p_owner uuid,
  p_due_date date,
  p_triage_notes text,
  p_resolution text
) returns public.dissatisfiers
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_row public.dissatisfiers;
begin
  if length(p_triage_notes) > 8000 then
    raise exception 'Keep the notes under 8000 characters.' using errcode = '23514', hint = 'field:triageNotes';
  end if;
  update public.dissatisfiers
     set status = coalesce(p_status, status), severity = coalesce(p_severity, severity),
         owner_id = p_owner, due_date = p_due_date, resolution = p_resolution
   where id = p_id
  returning * into v_row;
  if v_row.id is null then
    raise exception 'There is no such dissatisfier, or it is not yours to change.' using errcode = 'PT404';
  end if;
  update public.dissatisfier_notes set notes = coalesce(p_triage_notes, '') where dissatisfier_id = p_id;
  return v_row;
end;
$$;

revoke all on function public.answer_pulse(uuid, integer, text), public.raise_concern(uuid, text),
  public.request_pulse(uuid),
  public.open_dissatisfier(uuid, text, public.dissatisfier_source, public.dissatisfier_severity, date, uuid),
  public.update_dissatisfier(uuid, public.dissatisfier_status, public.dissatisfier_severity, uuid, date, text, text)
  from public, anon;
grant execute on function public.answer_pulse(uuid, integer, text), public.raise_concern(uuid, text),
  public.request_pulse(uuid),
  public.open_dissatisfier(uuid, text, public.dissatisfier_source, public.dissatisfier_severity, date, uuid),
  public.update_dissatisfier(uuid, public.dissatisfier_status, public.dissatisfier_severity, uuid, date, text, text)
  to authenticated, service_role;
