-- Notification preferences, digests and one-click unsubscribe (issue 9;
-- docs/decisions/0013-digests-preferences-unsubscribe.md).
--
-- * notification_preferences: per contact, per client and per kind (updates,
--   sign-off requests, date changes): at once, in the digest only, or never.
--   Only a contact's own choices are stored; without one, the default for their
--   role applies (app_private.default_delivery).
-- * digest_settings: when a contact's digest goes: weekly on a day and hour in
--   their time zone, daily at an hour, or never. Default: decision makers weekly
--   (Monday 08:00 UTC), everyone else never (they opt in).
-- * digests: one row per recipient, client and period (e.g. "week 2026-W49"),
--   written with its outbox email in one statement: the unique key means one
--   digest per recipient per period, however often the scheduler fires and
--   however many workers run.
--
-- Feature RPCs that email contacts ask app_private.notification_delivery(...)
-- and enqueue an email only for "now"; "digest" items are picked up by the
-- digest (it reads the client's page as the recipient); "never" sends nothing.

create type public.notification_kind as enum ('updates', 'sign_off_requests', 'date_changes');
create type public.notification_delivery as enum ('now', 'digest', 'never');
create type public.digest_frequency as enum ('weekly', 'daily', 'never');

-- ---------------------------------------------------------------- tables

create table public.notification_preferences (
  client_id uuid not null,
  person_id uuid not null,
  kind public.notification_kind not null,
  delivery public.notification_delivery not null,
  updated_at timestamptz not null default now(),
  primary key (client_id, person_id, kind),
  foreign key (client_id, person_id) references public.client_contacts (client_id, person_id) on delete cascade
);
comment on table public.notification_preferences is
  'A contact''s own choice per kind of email (at once, digest only, never); without a row the default for their role applies.';

create table public.digest_settings (
  client_id uuid not null,
  person_id uuid not null,
  frequency public.digest_frequency not null,
  -- ISO day of the week (1 = Monday) for a weekly digest.
  weekday smallint not null default 1 check (weekday between 1 and 7),
  hour smallint not null default 8 check (hour between 0 and 23),
  time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64),
  updated_at timestamptz not null default now(),
  primary key (client_id, person_id),
  foreign key (client_id, person_id) references public.client_contacts (client_id, person_id) on delete cascade
);
comment on table public.digest_settings is 'When a contact''s digest goes (their time zone); without a row the default for their role applies.';

create table public.digests (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null,
  person_id uuid not null,
  -- The period in the recipient's time zone: "weekly:2026-W49" or "daily:2026-12-01".
  period_key text not null check (period_key ~ '^(weekly|daily):[0-9W-]{7,10}$'),
  -- What the digest covers: since the previous digest's end (or a period back) until it was made.
  period_start timestamptz not null,
  period_end timestamptz not null,
  outbox_id uuid references public.email_outbox (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (client_id, person_id, period_key),
  foreign key (client_id, person_id) references public.client_contacts (client_id, person_id) on delete cascade
);
create index digests_person_idx on public.digests (person_id, client_id, period_end desc);
comment on table public.digests is 'One digest per recipient, client and period; created with its outbox email by record_digest.';

-- ---------------------------------------------------------------- defaults and effective choices

-- The default by role: an approver gets sign-off requests (and updates) at once;
-- a decision maker gets everything in the digest; a viewer gets updates and
-- date changes at once and is not asked to sign.
create function app_private.default_delivery(p_role public.contact_role, p_kind public.notification_kind)
  returns public.notification_delivery
  language sql immutable
  set search_path = ''
  as $$
    select case
      when p_role = 'decision_maker' then 'digest'
      when p_role = 'approver' then 'now'
      when p_kind = 'sign_off_requests' then 'digest'
      else 'now'
    end::public.notification_delivery
  $$;

create function app_private.default_frequency(p_role public.contact_role) returns public.digest_frequency
  language sql immutable
  set search_path = ''
  as $$ select case when p_role = 'decision_maker' then 'weekly' else 'never' end::public.digest_frequency $$;

-- How one contact gets one kind of email about one client: their choice, else
-- their role's default; null for someone who is not a contact of the client.
-- Security definer: the RPC that causes an email (run by staff) asks it about
-- other people, whose preference rows it may not read.
create function app_private.notification_delivery(p_client uuid, p_person uuid, p_kind public.notification_kind)
  returns public.notification_delivery
  language sql stable security definer
  set search_path = ''
  as $$
    select coalesce(np.delivery, app_private.default_delivery(cc.role, p_kind))
      from public.client_contacts cc
      left join public.notification_preferences np
        on np.client_id = cc.client_id and np.person_id = cc.person_id and np.kind = p_kind
     where cc.client_id = p_client and cc.person_id = p_person
  $$;

revoke all on function app_private.default_delivery(public.contact_role, public.notification_kind),
  app_private.default_frequency(public.contact_role),
  app_private.notification_delivery(uuid, uuid, public.notification_kind) from public;
grant execute on function app_private.default_delivery(public.contact_role, public.notification_kind),
  app_private.default_frequency(public.contact_role),
  app_private.notification_delivery(uuid, uuid, public.notification_kind) to authenticated, service_role;

-- ---------------------------------------------------------------- RLS, grants, policies

alter table public.notification_preferences enable row level security;
alter table public.digest_settings enable row level security;
alter table public.digests enable row level security;

revoke all on public.notification_preferences, public.digest_settings, public.digests from public, anon, authenticated;
grant select, insert, update, delete on public.notification_preferences, public.digest_settings, public.digests to service_role;

-- Preferences and digest settings: a contact reads and writes their own; the
-- client's staff read them (to preview a contact's digest), never write them.
grant select on public.notification_preferences, public.digest_settings to authenticated;
grant insert (client_id, person_id, kind, delivery) on public.notification_preferences to authenticated;
grant update (delivery) on public.notification_preferences to authenticated;
grant insert (client_id, person_id, frequency, weekday, hour, time_zone) on public.digest_settings to authenticated;
grant update (frequency, weekday, hour, time_zone) on public.digest_settings to authenticated;

create policy notification_preferences_select on public.notification_preferences for select to authenticated
  using (person_id = (select auth.uid()) or client_id in (select app_private.staff_client_ids())
         or (select app_private.is_admin()));
create policy notification_preferences_insert on public.notification_preferences for insert to authenticated
  with check (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()));
create policy notification_preferences_update on public.notification_preferences for update to authenticated
  using (person_id = (select auth.uid()))
  with check (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()));

create policy digest_settings_select on public.digest_settings for select to authenticated
  using (person_id = (select auth.uid()) or client_id in (select app_private.staff_client_ids())
         or (select app_private.is_admin()));
create policy digest_settings_insert on public.digest_settings for insert to authenticated
  with check (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()));
create policy digest_settings_update on public.digest_settings for update to authenticated
  using (person_id = (select auth.uid()))
  with check (person_id = (select auth.uid()) and client_id in (select app_private.contact_client_ids()));

-- Digests: the recipient and the client's staff read when digests went; only the
-- digest job (service role, record_digest) writes.
grant select on public.digests to authenticated;
create policy digests_select on public.digests for select to authenticated
  using (person_id = (select auth.uid()) or client_id in (select app_private.staff_client_ids())
         or (select app_private.is_admin()));

create trigger notification_preferences_touch before update on public.notification_preferences
  for each row execute function app_private.touch_updated_at();
create trigger digest_settings_touch before update on public.digest_settings
  for each row execute function app_private.touch_updated_at();

-- ---------------------------------------------------------------- reading (security invoker: RLS applies)

-- One contact's effective settings for one client (their own, or any contact's
-- for the client's staff): each kind's delivery and whether it is the default,
-- and the digest schedule. Null when the caller may not see them.
create function public.notification_settings(p_client uuid, p_person uuid default null) returns jsonb
  language sql stable
  set search_path = ''
  as $$
    select jsonb_build_object(
      'personId', cc.person_id,
      'role', cc.role,
      'kinds', (
        select jsonb_object_agg(k.kind, jsonb_build_object(
          'delivery', coalesce(np.delivery, app_private.default_delivery(cc.role, k.kind)),
          'isDefault', np.delivery is null))
          from unnest(enum_range(null::public.notification_kind)) as k (kind)
          left join public.notification_preferences np
            on np.client_id = cc.client_id and np.person_id = cc.person_id and np.kind = k.kind),
      'digest', jsonb_build_object(
        'frequency', coalesce(ds.frequency, app_private.default_frequency(cc.role)),
        'weekday', coalesce(ds.weekday, 1),
        'hour', coalesce(ds.hour, 8),
        'timeZone', coalesce(ds.time_zone, 'UTC'),
        'isDefault', ds.client_id is null))
      from public.client_contacts cc
      left join public.digest_settings ds on ds.client_id = cc.client_id and ds.person_id = cc.person_id
     where cc.client_id = p_client and cc.person_id = coalesce(p_person, (select auth.uid()))
       and (cc.person_id = (select auth.uid()) or (select app_private.is_client_staff(p_client)))
  $$;

-- ---------------------------------------------------------------- changing (security invoker: RLS applies)

-- The signed-in contact saves all their choices for one client at once.
create function public.save_notification_settings(
  p_client uuid,
  p_updates public.notification_delivery,
  p_sign_off_requests public.notification_delivery,
  p_date_changes public.notification_delivery,
  p_frequency public.digest_frequency,
  p_weekday int default 1,
  p_hour int default 8,
  p_time_zone text default 'UTC'
) returns jsonb
  language plpgsql
  set search_path = ''
  as $$
declare
  me uuid := (select auth.uid());
begin
  if me is null or not app_private.is_client_contact(p_client) then
    raise exception 'Only the client''s contacts choose their notifications.' using errcode = '42501';
  end if;
  if p_weekday is null or p_weekday not between 1 and 7 then
    raise exception 'Choose a day of the week.' using errcode = '23514', hint = 'field:weekday';
  end if;
  if p_hour is null or p_hour not between 0 and 23 then
    raise exception 'Choose an hour.' using errcode = '23514', hint = 'field:hour';
  end if;
  if p_time_zone is null or not exists (select 1 from pg_catalog.pg_timezone_names where name = p_time_zone) then
    raise exception 'Choose a time zone from the list.' using errcode = '23514', hint = 'field:timeZone';
  end if;
  if p_frequency = 'never' and 'digest' in (p_updates, p_sign_off_requests, p_date_changes) then
    raise exception 'You chose "in the digest" for some emails: choose how often the digest comes, or pick another option for them.'
      using errcode = '23514', hint = 'field:frequency';
  end if;

  insert into public.notification_preferences (client_id, person_id, kind, delivery)
  values (p_client, me, 'updates', p_updates),
         (p_client, me, 'sign_off_requests', p_sign_off_requests),
         (p_client, me, 'date_changes', p_date_changes)
  on conflict (client_id, person_id, kind) do update set delivery = excluded.delivery;

  insert into public.digest_settings (client_id, person_id, frequency, weekday, hour, time_zone)
  values (p_client, me, p_frequency, p_weekday, p_hour, p_time_zone)
  on conflict (client_id, person_id) do update
    set frequency = excluded.frequency, weekday = excluded.weekday, hour = excluded.hour, time_zone = excluded.time_zone;

  return public.notification_settings(p_client);
end
$$;

-- What an unsubscribe link may do, for the signed-in person (the link's owner:
-- the app checks the link's signature and acts as that person). p_kind is a
-- notification kind or 'digest'.
--   'never'  stop that kind (for the digest: no digest, and nothing is kept for one)
--   'digest' for a notification kind: only in the digest (weekly if no digest was on)
--   'weekly' / 'daily' for the digest: change how often it comes
create function public.set_notification_choice(p_client uuid, p_kind text, p_choice text) returns jsonb
  language plpgsql
  set search_path = ''
  as $$
declare
  me uuid := (select auth.uid());
  r public.contact_role;
  s jsonb;
begin
  select role into r from public.client_contacts where client_id = p_client and person_id = me;
  if me is null or r is null then
    raise exception 'Only the client''s contacts choose their notifications.' using errcode = '42501';
  end if;
  s := public.notification_settings(p_client);
  if p_kind = 'digest' then
    if p_choice not in ('never', 'weekly', 'daily') then
      raise exception 'Choose weekly, daily or never.' using errcode = '23514', hint = 'field:choice';
    end if;
    insert into public.digest_settings (client_id, person_id, frequency, weekday, hour, time_zone)
    values (p_client, me, p_choice::public.digest_frequency, (s -> 'digest' ->> 'weekday')::int,
            (s -> 'digest' ->> 'hour')::int, s -> 'digest' ->> 'timeZone')
    on conflict (client_id, person_id) do update set frequency = excluded.frequency;
    if p_choice = 'never' then
      -- Kinds that were waiting for the digest are not sent at all now: say so by storing it.
      insert into public.notification_preferences (client_id, person_id, kind, delivery)
      select p_client, me, k.kind, 'never'
        from unnest(enum_range(null::public.notification_kind)) as k (kind)
       where s -> 'kinds' -> (k.kind::text) ->> 'delivery' = 'digest'
      on conflict (client_id, person_id, kind) do update set delivery = excluded.delivery;
    end if;
  elsif p_kind in ('updates', 'sign_off_requests', 'date_changes') then
    if p_choice not in ('never', 'digest') then
      raise exception 'Choose the digest or never.' using errcode = '23514', hint = 'field:choice';
    end if;
    insert into public.notification_preferences (client_id, person_id, kind, delivery)
    values (p_client, me, p_kind::public.notification_kind, p_choice::public.notification_delivery)
    on conflict (client_id, person_id, kind) do update set delivery = excluded.delivery;
    if p_choice = 'digest' and s -> 'digest' ->> 'frequency' = 'never' then
      insert into public.digest_settings (client_id, person_id, frequency, weekday, hour, time_zone)
      values (p_client, me, 'weekly', (s -> 'digest' ->> 'weekday')::int, (s -> 'digest' ->> 'hour')::int, s -> 'digest' ->> 'timeZone')
      on conflict (client_id, person_id) do update set frequency = 'weekly';
    end if;
  else
    raise exception 'Unknown kind of email.' using errcode = '22023', hint = 'field:kind';
  end if;
  return public.notification_settings(p_client);
end
$$;

revoke all on function public.notification_settings(uuid, uuid) from public, anon;
revoke all on function public.save_notification_settings(uuid, public.notification_delivery, public.notification_delivery,
  public.notification_delivery, public.digest_frequency, int, int, text) from public, anon;
revoke all on function public.set_notification_choice(uuid, text, text) from public, anon;
grant execute on function public.notification_settings(uuid, uuid) to authenticated, service_role;
grant execute on function public.save_notification_settings(uuid, public.notification_delivery, public.notification_delivery,
  public.notification_delivery, public.digest_frequency, int, int, text) to authenticated, service_role;
grant execute on function public.set_notification_choice(uuid, text, text) to authenticated, service_role;

-- ---------------------------------------------------------------- the digest job (service role only)

-- Whose digest is due at p_now: the local day and hour in their time zone have
-- come (weekly: their day, at or after their hour; daily: at or after their
-- hour) and no digest exists for this period. The period starts where the
-- previous digest ended (or one period back).
create function public.digests_due(p_now timestamptz default now())
  returns table (client_id uuid, person_id uuid, slug text, email text, period_key text, period_start timestamptz)
  language sql stable
  set search_path = ''
  as $$
    with settings as (
      select cc.client_id, cc.person_id, c.slug, p.email,
             coalesce(ds.frequency, app_private.default_frequency(cc.role)) as frequency,
             coalesce(ds.weekday, 1) as weekday, coalesce(ds.hour, 8) as hour,
             (p_now at time zone coalesce(ds.time_zone, 'UTC')) as local_now
        from public.client_contacts cc
        join public.clients c on c.id = cc.client_id
        join public.people p on p.id = cc.person_id
        left join public.digest_settings ds on ds.client_id = cc.client_id and ds.person_id = cc.person_id
    ), due as (
      select s.*,
             case s.frequency
               when 'weekly' then 'weekly:' || to_char(s.local_now, 'IYYY-"W"IW')
               else 'daily:' || to_char(s.local_now, 'YYYY-MM-DD')
             end as period_key
        from settings s
       where s.frequency <> 'never'
         and extract(hour from s.local_now) >= s.hour
         and (s.frequency = 'daily' or extract(isodow from s.local_now) = s.weekday)
    )
    select d.client_id, d.person_id, d.slug, d.email, d.period_key,
           coalesce((select max(x.period_end) from public.digests x where x.client_id = d.client_id and x.person_id = d.person_id),
                    p_now - case d.frequency when 'weekly' then interval '7 days' else interval '1 day' end)
      from due d
     where not exists (select 1 from public.digests x
                        where x.client_id = d.client_id and x.person_id = d.person_id and x.period_key = d.period_key)
     order by d.client_id, d.person_id
  $$;

-- Records one digest and queues its email, in one statement's worth of work:
-- the unique (client, person, period) key makes a second call for the same
-- period (a scheduler firing twice, two workers) add nothing. Returns the
-- outbox row's id when this call created the digest, null when it existed.
create function public.record_digest(
  p_client uuid, p_person uuid, p_period_key text, p_period_start timestamptz, p_period_end timestamptz, p_props jsonb
) returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  v_digest uuid;
  v_outbox uuid;
  v_email text;
begin
  insert into public.digests (client_id, person_id, period_key, period_start, period_end)
  values (p_client, p_person, p_period_key, p_period_start, p_period_end)
  on conflict (client_id, person_id, period_key) do nothing
  returning id into v_digest;
  if v_digest is null then
    return null;
  end if;
  select email into v_email from public.people where id = p_person;
  v_outbox := app_private.enqueue_email(
    p_template => 'digest',
    p_recipient => v_email,
    p_props => p_props,
    p_idempotency_key => 'digest:' || p_client || ':' || p_person || ':' || p_period_key,
    p_client_id => p_client);
  update public.digests set outbox_id = v_outbox where id = v_digest;
  return v_outbox;
end
$$;

revoke all on function public.digests_due(timestamptz) from public, anon, authenticated;
revoke all on function public.record_digest(uuid, uuid, text, timestamptz, timestamptz, jsonb) from public, anon, authenticated;
grant execute on function public.digests_due(timestamptz) to service_role;
grant execute on function public.record_digest(uuid, uuid, text, timestamptz, timestamptz, jsonb) to service_role;

-- ---------------------------------------------------------------- updates honour the preferences

-- As before (20261201000800), but each contact's email is queued only when they
-- chose (or their role defaults to) "at once" for updates; "digest" leaves the
-- update to their digest, "never" sends nothing. The props carry who the email
-- is for, so the email can say why it came and link to the preferences page
-- and a one-click unsubscribe (signed by the app when it renders).
create or replace function public.post_client_update(
  p_client uuid, p_title text, p_body_markdown text, p_is_internal boolean default false,
  p_decision_needed boolean default false, p_decision_due date default null, p_decision_from uuid default null,
  p_milestone uuid default null, p_requirement_document uuid default null, p_email jsonb default null
) returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  u public.client_updates;
  author_name text;
  client_row public.clients;
  contact record;
begin
  insert into public.client_updates (client_id, title, body_markdown, is_internal, decision_needed, decision_due,
    decision_from, milestone_id, requirement_document_id)
  values (p_client, btrim(p_title), p_body_markdown, coalesce(p_is_internal, false), coalesce(p_decision_needed, false),
    p_decision_due, p_decision_from, p_milestone, p_requirement_document)
  returning * into u;

  if p_email is not null and not u.is_internal then
    select full_name into author_name from public.people where id = u.author_id;
    select * into client_row from public.clients where id = u.client_id;
    for contact in
      select p.id, p.email, p.full_name
        from public.client_contacts cc join public.people p on p.id = cc.person_id
       where cc.client_id = u.client_id
         and app_private.notification_delivery(u.client_id, p.id, 'updates') = 'now'
       order by p.email
    loop
      perform app_private.enqueue_email(
        p_template => 'client-update',
        p_recipient => contact.email,
        p_props => jsonb_build_object(
          'brand', jsonb_build_object('name', p_email ->> 'providerName', 'primaryColor', client_row.primary_color),
          'clientName', client_row.name,
          'excerpt', coalesce(p_email ->> 'excerpt', ''),
          'personName', contact.full_name,
          'title', u.title,
          'authorName', author_name,
          'decisionNeeded', u.decision_needed,
          'decisionDue', u.decision_due,
          'askedOfYou', u.decision_from is not distinct from contact.id,
          'updateUrl', (p_email ->> 'clientPageUrl') || '/updates/' || u.id,
          'recipient', jsonb_build_object('clientId', u.client_id, 'personId', contact.id, 'clientSlug', client_row.slug,
                                       'kind', 'updates')),
        p_idempotency_key => 'client-update:' || u.id || ':' || contact.id,
        p_client_id => u.client_id);
    end loop;
  end if;
  return u.id;
end
$$;
