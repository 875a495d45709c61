-- Pulse schedules and one-click answers from the email (issue 10, the rest of items
-- 1-2; docs/decisions/0012-pulse-and-dissatisfiers.md).
--
--   pulse_recipients            who was asked which pulse, when, why, and until when the
--                               email's links work: the record the 7-day rule reads
--   clients.pulse_interval_days how often a running onboarding is asked (default 14)
--
-- A pulse is asked (app_private.ask_pulse) after each completed milestone (trigger),
-- every N days while the onboarding runs (public.ask_due_pulses, called by the worker's
-- scheduled job) and when the PM asks (public.request_pulse). Whoever asks, no contact
-- is asked twice in 7 days: each contact is locked (an advisory transaction lock, taken
-- in one order) before their last ask is read, so parallel asks serialise per person.
-- Each contact asked gets a 'pulse-request' email through the outbox in the same
-- transaction. The email's score links are signed when the worker renders it (the key
-- never enters the database): the row stores only the pulse, the person and the expiry.

-- ---------------------------------------------------------------- the per-client setting

alter table public.clients
  add column pulse_interval_days smallint not null default 14 check (pulse_interval_days between 1 and 90);
comment on column public.clients.pulse_interval_days is 'A running onboarding''s contacts are asked a pulse every this many days.';
-- Changed through set_pulse_interval only (the clients_update policy: the PM).
grant update (pulse_interval_days) on public.clients to authenticated;

-- ---------------------------------------------------------------- who was asked

create type public.pulse_reason as enum ('milestone', 'periodic', 'requested');

create table public.pulse_recipients (
  pulse_id uuid not null references public.pulses (id) on delete cascade,
  client_id uuid not null references public.clients (id) on delete cascade,
  person_id uuid not null references public.people (id) on delete cascade,
  reason public.pulse_reason not null,
  asked_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (pulse_id, person_id)
);
create index pulse_recipients_person_idx on public.pulse_recipients (person_id, asked_at desc);
create index pulse_recipients_client_idx on public.pulse_recipients (client_id, asked_at desc);
comment on table public.pulse_recipients is 'Who was asked which pulse, when and why: no contact is asked twice in 7 days.';

alter table public.pulse_recipients enable row level security;
revoke all on public.pulse_recipients from public, anon, authenticated;
grant select on public.pulse_recipients to authenticated;
grant all on public.pulse_recipients to service_role;
-- Staff of the client see who was asked; a contact sees when they were asked. Nobody
-- writes it but app_private.ask_pulse.
create policy pulse_recipients_select on public.pulse_recipients for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()))
  );

-- ---------------------------------------------------------------- asking

-- Asks the client's contacts for a pulse: those asked (by any client) in the last 7 days
-- are skipped; a pulse is created only if someone is asked. Returns
-- {"id": <pulse or null>, "asked": n, "skipped": n}. Security definer: it writes the
-- recipients and queues the emails; its callers decide who may ask.
create function app_private.ask_pulse(p_client uuid, p_reason public.pulse_reason, p_requested_by uuid, p_detail text default null)
  returns jsonb
  language plpgsql volatile security definer
  set search_path = ''
  as $$
declare
  v_client record;
  v_contact record;
  v_pulse uuid;
  v_asked int := 0;
  v_skipped int := 0;
  v_expires timestamptz := now() + interval '14 days';
  v_why text;
begin
  select id, name, slug, primary_color into v_client from public.clients where id = p_client;
  if v_client.id is null then
    return jsonb_build_object('id', null, 'asked', 0, 'skipped', 0);
  end if;
  v_why := case p_reason
    when 'milestone' then 'We have just completed "' || coalesce(p_detail, 'a milestone') || '".'
    when 'periodic' then 'We ask every few weeks while your onboarding runs.'
    else 'Your project manager would like to know how it is going.'
  end;
  for v_contact in
    select p.id, p.email, p.full_name
      from public.client_contacts cc join public.people p on p.id = cc.person_id
     where cc.client_id = p_client
     order by p.id
  loop
    -- One asker at a time per person (always taken in id order: no deadlock); the
    -- check below is a new statement, so it sees what an asker before us committed.
    perform pg_advisory_xact_lock(hashtextextended('pulse-contact:' || v_contact.id::text, 0));
    if exists (select 1 from public.pulse_recipients r
                where r.person_id = v_contact.id and r.asked_at > now() - interval '7 days') then
      v_skipped := v_skipped + 1;
      continue;
    end if;
    if v_pulse is null then
      insert into public.pulses (client_id, requested_by) values (p_client, p_requested_by) returning id into v_pulse;
    end if;
    insert into public.pulse_recipients (pulse_id, client_id, person_id, reason, expires_at)
    values (v_pulse, p_client, v_contact.id, p_reason, v_expires);
    perform app_private.enqueue_email(
      p_template        => 'pulse-request',
      p_recipient       => v_contact.email,
      p_props           => jsonb_build_object(
                             'recipientName', v_contact.full_name,
                             'clientName', v_client.name,
                             'primaryColor', v_client.primary_color,
                             'why', v_why,
                             'pulseId', v_pulse,
                             'personId', v_contact.id,
                             'expiresAt', v_expires,
                             'path', '/c/' || v_client.slug || '#feedback'),
      p_idempotency_key => 'pulse-request:' || v_pulse || ':' || v_contact.id,
      p_client_id       => p_client);
    v_asked := v_asked + 1;
  end loop;
  return jsonb_build_object('id', v_pulse, 'asked', v_asked, 'skipped', v_skipped);
end
$$;
revoke all on function app_private.ask_pulse(uuid, public.pulse_reason, uuid, text) from public;
grant execute on function app_private.ask_pulse(uuid, public.pulse_reason, uuid, text) to authenticated, service_role;

-- The PM (or an admin) asks now. Returns {"id", "asked", "skipped"} (was the pulse row).
drop function public.request_pulse(uuid);
create function public.request_pulse(p_client uuid)
  returns jsonb
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
begin
  if not (app_private.is_admin() or app_private.is_client_pm(p_client)) then
    raise exception 'Only the client''s project manager can ask for a pulse.' using errcode = '42501';
  end if;
  return app_private.ask_pulse(p_client, 'requested', (select auth.uid()));
end;
$$;
revoke all on function public.request_pulse(uuid) from public, anon;
grant execute on function public.request_pulse(uuid) to authenticated, service_role;

-- The PM sets how often the contacts are asked while the onboarding runs.
create function public.set_pulse_interval(p_client uuid, p_days integer)
  returns integer
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_days integer;
begin
  if p_days is null or p_days not between 1 and 90 then
    raise exception 'Choose between 1 and 90 days.' using errcode = '23514', hint = 'field:pulseIntervalDays';
  end if;
  update public.clients set pulse_interval_days = p_days where id = p_client returning pulse_interval_days into v_days;
  if v_days is null then
    raise exception 'Only the client''s project manager can change this.' using errcode = '42501';
  end if;
  return v_days;
end;
$$;
revoke all on function public.set_pulse_interval(uuid, integer) from public, anon;
grant execute on function public.set_pulse_interval(uuid, integer) to authenticated, service_role;

-- The scheduled job (service role only): asks every running onboarding whose last pulse
-- is at least its interval old (or, with none yet, that started that long ago).
-- "Running": its service takeover (or go-live) date has not passed. Returns how many
-- contacts were asked.
create function public.ask_due_pulses()
  returns integer
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_client uuid;
  v_asked integer := 0;
begin
  for v_client in
    select c.id from public.clients c
     where coalesce(c.service_takeover_date, c.go_live_date, 'infinity'::date) >= current_date
       and exists (select 1 from public.client_contacts cc where cc.client_id = c.id)
       and coalesce((select max(p.created_at) from public.pulses p where p.client_id = c.id), c.created_at)
           <= now() - make_interval(days => c.pulse_interval_days)
     order by c.id
  loop
    v_asked := v_asked + (app_private.ask_pulse(v_client, 'periodic', null) ->> 'asked')::int;
  end loop;
  return v_asked;
end;
$$;
revoke all on function public.ask_due_pulses() from public, anon, authenticated;
grant execute on function public.ask_due_pulses() to service_role;

-- ---------------------------------------------------------------- after each completed milestone

-- A client-visible milestone getting its actual date (done) asks for a pulse, whoever
-- marked it. Security definer through ask_pulse; the 7-day rule still applies.
create function app_private.milestone_completed() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
begin
  if old.actual_date is null and new.actual_date is not null and not new.is_internal then
    perform app_private.ask_pulse(new.client_id, 'milestone', (select auth.uid()), new.title);
  end if;
  return null;
end
$$;
revoke all on function app_private.milestone_completed() from public;
create trigger milestones_completed_pulse after update of actual_date on public.milestones
  for each row execute function app_private.milestone_completed();
