-- Tenancy and access: clients (the companies being onboarded), people (provider
-- staff and client contacts) and who may see what.
--
-- Rules enforced here, with Row Level Security as the only boundary:
--   * a client contact sees their own client, its team and its other contacts;
--   * staff see the clients they are assigned to; admins see every client;
--   * anon sees nothing.
-- Helper functions are SECURITY DEFINER (so policies do not recurse through
-- RLS), live in app_private (not exposed by PostgREST) and pin search_path.

create schema if not exists app_private;
revoke all on schema app_private from public;
grant usage on schema app_private to authenticated, service_role;
alter default privileges in schema app_private revoke execute on functions from public;

create type public.staff_role as enum ('project_manager', 'service_team', 'relationship_manager', 'sales');
create type public.contact_role as enum ('viewer', 'approver', 'decision_maker');

-- ---------------------------------------------------------------- tables

create table public.people (
  id uuid primary key default gen_random_uuid(),
  email text not null unique
    check (email = lower(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' and length(email) <= 254),
  full_name text not null check (length(btrim(full_name)) between 1 and 200),
  title text check (length(title) <= 120),
  phone text check (length(phone) <= 40),
  avatar_url text check (avatar_url ~ '^(https?://|/)' and length(avatar_url) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.people is 'Everyone who can sign in: provider staff and client contacts.';

create table public.staff (
  person_id uuid primary key references public.people (id) on delete cascade,
  is_admin boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.staff is 'People of the provider company. Admins see and manage every client.';

create table public.clients (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  logo_url text check (logo_url ~ '^(https?://|/)' and length(logo_url) <= 2000),
  primary_color text not null default '#1d3557' check (primary_color ~ '^#[0-9a-fA-F]{6}$'),
  accent_color text not null default '#e9c46a' check (accent_color ~ '^#[0-9a-fA-F]{6}$'),
  welcome_text text check (length(welcome_text) <= 4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.clients is 'A company being onboarded: one tenant, with its brand.';

create table public.client_staff (
  client_id uuid not null references public.clients (id) on delete cascade,
  person_id uuid not null references public.staff (person_id) on delete cascade,
  role public.staff_role not null,
  responsibilities text check (length(responsibilities) <= 1000),
  created_at timestamptz not null default now(),
  primary key (client_id, person_id)
);
create index client_staff_person_idx on public.client_staff (person_id);
comment on table public.client_staff is 'Which staff work on which client, and as what.';

create table public.client_contacts (
  client_id uuid not null references public.clients (id) on delete cascade,
  person_id uuid not null references public.people (id) on delete cascade,
  role public.contact_role not null,
  created_at timestamptz not null default now(),
  primary key (client_id, person_id)
);
create index client_contacts_person_idx on public.client_contacts (person_id);
comment on table public.client_contacts is 'People at a client, with their role in the onboarding.';

-- Sign-in bookkeeping for rate limits and single-use codes. Only the sign-in
-- job (service role) reads or writes it.
create table public.auth_events (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('code_requested', 'code_failed', 'code_used')),
  email text not null check (length(email) <= 254),
  ip text check (length(ip) <= 64),
  code_hash text unique,
  created_at timestamptz not null default now(),
  check ((kind = 'code_used') = (code_hash is not null))
);
create index auth_events_recent_idx on public.auth_events (email, kind, created_at desc);
create index auth_events_ip_idx on public.auth_events (ip, kind, created_at desc);

-- ---------------------------------------------------------------- integrity

create function app_private.touch_updated_at() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger people_touch before update on public.people
  for each row execute function app_private.touch_updated_at();
create trigger clients_touch before update on public.clients
  for each row execute function app_private.touch_updated_at();

-- A person is staff or a client contact, never both: the two sides see
-- different things, and one account must not mix them.
create function app_private.check_person_side() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  if tg_table_name = 'staff' and exists (select 1 from public.client_contacts where person_id = new.person_id) then
    raise exception 'this person is a client contact and cannot also be staff' using errcode = '23514';
  end if;
  if tg_table_name = 'client_contacts' and exists (select 1 from public.staff where person_id = new.person_id) then
    raise exception 'this person is staff and cannot also be a client contact' using errcode = '23514';
  end if;
  return new;
end
$$;

create trigger staff_side before insert or update on public.staff
  for each row execute function app_private.check_person_side();
create trigger client_contacts_side before insert or update on public.client_contacts
  for each row execute function app_private.check_person_side();

-- ---------------------------------------------------------------- access helpers

create function app_private.is_staff() returns boolean
  language sql stable security definer
  set search_path = ''
  as $$ select exists (select 1 from public.staff where person_id = (select auth.uid())) $$;

create function app_private.is_admin() returns boolean
  language sql stable security definer
  set search_path = ''
  as $$ select exists (select 1 from public.staff where person_id = (select auth.uid()) and is_admin) $$;

-- Staff who work on this client (any role), or an admin.
create function app_private.is_client_staff(target_client uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select exists (select 1 from public.staff where person_id = (select auth.uid()) and is_admin)
        or exists (select 1 from public.client_staff
                   where client_id = target_client and person_id = (select auth.uid()))
  $$;

-- The client's project manager, or an admin: may change the client and its people.
create function app_private.is_client_pm(target_client uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select exists (select 1 from public.staff where person_id = (select auth.uid()) and is_admin)
        or exists (select 1 from public.client_staff
                   where client_id = target_client and person_id = (select auth.uid())
                     and role = 'project_manager')
  $$;

create function app_private.is_client_contact(target_client uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select exists (select 1 from public.client_contacts
                   where client_id = target_client and person_id = (select auth.uid()))
  $$;

create function app_private.can_see_client(target_client uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$ select app_private.is_client_staff(target_client) or app_private.is_client_contact(target_client) $$;

-- Who may see a person: themselves; staff see all staff and the contacts of
-- their clients; a contact sees the team and the other contacts of their client.
create function app_private.can_see_person(target_person uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select target_person = (select auth.uid())
      or (
        exists (select 1 from public.staff where person_id = (select auth.uid()))
        and (
          exists (select 1 from public.staff where person_id = target_person)
          or exists (select 1 from public.staff where person_id = (select auth.uid()) and is_admin)
          or exists (select 1 from public.client_contacts cc
                     join public.client_staff cs on cs.client_id = cc.client_id
                     where cc.person_id = target_person and cs.person_id = (select auth.uid()))
        )
      )
      or exists (
        select 1 from public.client_contacts me
        where me.person_id = (select auth.uid())
          and (
            exists (select 1 from public.client_staff cs where cs.client_id = me.client_id and cs.person_id = target_person)
            or exists (select 1 from public.client_contacts cc where cc.client_id = me.client_id and cc.person_id = target_person)
          )
      )
  $$;

revoke all on all functions in schema app_private from public;
grant execute on function
  app_private.is_staff(), app_private.is_admin(), app_private.is_client_staff(uuid),
  app_private.is_client_pm(uuid), app_private.is_client_contact(uuid),
  app_private.can_see_client(uuid), app_private.can_see_person(uuid)
  to authenticated, service_role;

-- ---------------------------------------------------------------- RLS, grants, policies

alter table public.people enable row level security;
alter table public.staff enable row level security;
alter table public.clients enable row level security;
alter table public.client_staff enable row level security;
alter table public.client_contacts enable row level security;
alter table public.auth_events enable row level security;

revoke all on public.people, public.staff, public.clients, public.client_staff,
  public.client_contacts, public.auth_events from anon, authenticated;
grant all on public.people, public.staff, public.clients, public.client_staff,
  public.client_contacts, public.auth_events to service_role;
grant usage, select on sequence public.auth_events_id_seq to service_role;

-- people
grant select, insert, delete on public.people to authenticated;
grant update (full_name, title, phone, avatar_url) on public.people to authenticated;
create policy people_select on public.people for select to authenticated
  using ((select app_private.can_see_person(id)));
create policy people_insert on public.people for insert to authenticated
  with check ((select app_private.is_staff()));
create policy people_update on public.people for update to authenticated
  using (id = (select auth.uid()) or (select app_private.is_admin()))
  with check (id = (select auth.uid()) or (select app_private.is_admin()));
create policy people_delete on public.people for delete to authenticated
  using ((select app_private.is_admin()));

-- staff
grant select, insert, update, delete on public.staff to authenticated;
create policy staff_select on public.staff for select to authenticated
  using ((select app_private.is_staff()));
create policy staff_insert on public.staff for insert to authenticated
  with check ((select app_private.is_admin()));
create policy staff_update on public.staff for update to authenticated
  using ((select app_private.is_admin())) with check ((select app_private.is_admin()));
create policy staff_delete on public.staff for delete to authenticated
  using ((select app_private.is_admin()));

-- clients
grant select, insert, delete on public.clients to authenticated;
grant update (name, logo_url, primary_color, accent_color, welcome_text) on public.clients to authenticated;
create policy clients_select on public.clients for select to authenticated
  using ((select app_private.can_see_client(id)));
create policy clients_insert on public.clients for insert to authenticated
  with check ((select app_private.is_admin()));
create policy clients_update on public.clients for update to authenticated
  using ((select app_private.is_client_pm(id))) with check ((select app_private.is_client_pm(id)));
create policy clients_delete on public.clients for delete to authenticated
  using ((select app_private.is_admin()));

-- client_staff
grant select, insert, update, delete on public.client_staff to authenticated;
create policy client_staff_select on public.client_staff for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy client_staff_insert on public.client_staff for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy client_staff_update on public.client_staff for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));
create policy client_staff_delete on public.client_staff for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- client_contacts
grant select, insert, update, delete on public.client_contacts to authenticated;
create policy client_contacts_select on public.client_contacts for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy client_contacts_insert on public.client_contacts for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy client_contacts_update on public.client_contacts for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));
create policy client_contacts_delete on public.client_contacts for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- auth_events: the sign-in job only. Nobody else is granted anything; the
-- policy states the intent (service_role bypasses RLS anyway).
create policy auth_events_service on public.auth_events for all to service_role
  using (true) with check (true);
