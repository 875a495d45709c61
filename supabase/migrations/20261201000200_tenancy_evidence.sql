-- Tenancy and evidence holes found by an outside attack through PostgREST (issue 7,
-- items 7, 8 and 11).
--
-- 7. A contact belongs to exactly one client. A PM could attach another client's
--    contact to their own client (and then read their email and phone, and give
--    them access); the foreign key also told a prober whether a person id existed
--    (23503 against 201). The insert policy now admits only a person who exists, is
--    not staff and is not a contact of any other client, and refuses everything
--    else with the same 42501 before any constraint is checked. Nobody changes the
--    person of a contact row (only its client, for an admin's move, and its role).
-- 8. Sign-off evidence comes only from what the server vouches for. The request's
--    address and user agent travel in the short-lived JWT the app server mints for
--    the signing request (claim "portal_request": {ip, ua}); a trigger writes them
--    into the row and ignores whatever the caller put in those columns. The
--    signer's name and email were already taken from `people` at signing; a person
--    can no longer rename themselves to the name of someone they can see (so the
--    typed name cannot be made to match someone else's).
-- 11. A slip (date_changes) hidden because its item was internal stays hidden when
--    the item is deleted: visibility is recorded on the slip (item_hidden), kept in
--    step by triggers when an item's is_internal (or a milestone's phase) changes,
--    and never relaxed by a deletion.

-- ---------------------------------------------------------------- 7. one client per contact

-- Whether the caller may attach this person as a contact of this client: the
-- client's PM (or an admin), and a person who exists, is not staff and belongs to
-- no other client. A missing person and another client's contact get the same
-- answer (false, so 42501), so the policy tells a prober nothing.
create function app_private.can_attach_contact(target_client uuid, target_person uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select app_private.is_client_pm(target_client)
       and exists (select 1 from public.people where id = target_person)
       and not exists (select 1 from public.staff where person_id = target_person)
       and not exists (select 1 from public.client_contacts
                       where person_id = target_person and client_id <> target_client)
  $$;
revoke all on function app_private.can_attach_contact(uuid, uuid) from public;
grant execute on function app_private.can_attach_contact(uuid, uuid) to authenticated, service_role;

drop policy client_contacts_insert on public.client_contacts;
create policy client_contacts_insert on public.client_contacts for insert to authenticated
  with check ((select app_private.can_attach_contact(client_id, person_id)));

-- A contact row's person never changes through the API (that would attach
-- someone else); an admin may still move a contact to another client, and the PM
-- changes their role.
revoke update on public.client_contacts from authenticated;
grant update (client_id, role) on public.client_contacts to authenticated;

-- ---------------------------------------------------------------- 8. evidence the server vouches for

-- The request evidence the app server put in the JWT it minted: {ip, ua}, or
-- nulls when the token carries none. Never read from the row the caller sent.
create function app_private.request_evidence(out ip text, out user_agent text)
  language plpgsql stable
  set search_path = ''
  as $$
declare
  claims jsonb := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
  evidence jsonb := claims -> 'portal_request';
begin
  if jsonb_typeof(evidence) = 'object' then
    ip := left(nullif(btrim(evidence ->> 'ip'), ''), 64);
    user_agent := left(nullif(btrim(evidence ->> 'ua'), ''), 500);
  end if;
end
$$;
revoke all on function app_private.request_evidence() from public;
grant execute on function app_private.request_evidence() to authenticated, service_role;

-- Runs before signoffs_prepare (triggers fire in name order); that trigger fills
-- the signer, version, hash and time and leaves ip and user_agent alone.
create function app_private.signoff_request_evidence() returns trigger
  language plpgsql
  set search_path = ''
  as $$
declare
  e record;
begin
  select * into e from app_private.request_evidence();
  new.ip := e.ip;
  new.user_agent := e.user_agent;
  return new;
end
$$;
create trigger signoffs_evidence before insert on public.signoffs
  for each row execute function app_private.signoff_request_evidence();

comment on column public.signoffs.ip is
  'The address the app server saw for the signing request, from the JWT it minted (claim portal_request.ip); never from the caller.';
comment on column public.signoffs.user_agent is
  'The browser the app server saw for the signing request, from the JWT it minted (claim portal_request.ua); never from the caller.';
comment on column public.signoffs.person_name is 'The signer''s name in the portal at the moment of signing.';
comment on column public.signoffs.person_email is 'The signer''s email in the portal at the moment of signing (people cannot change their own email).';

-- A person renaming themselves cannot take the name of anyone they can see
-- (their client's contacts and team, for a contact): the typed signature must
-- match the signer's own name, and that name must not pass for someone else's.
-- Admins correcting someone else's name are not limited.
create function app_private.name_key(name text) returns text
  language sql immutable
  set search_path = ''
  as $$ select regexp_replace(lower(btrim(name)), '[[:space:]]+', ' ', 'g') $$;
revoke all on function app_private.name_key(text) from public;
grant execute on function app_private.name_key(text) to authenticated, service_role;

create function app_private.check_own_name() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  -- Compared trimmed, in any case and with runs of white space as one space (a
  -- page shows "Jane  Doe" as "Jane Doe").
  if new.id = (select auth.uid())
     and app_private.name_key(new.full_name) is distinct from app_private.name_key(old.full_name)
     and exists (
       select 1 from public.people p
       where p.id <> new.id
         and app_private.name_key(p.full_name) = app_private.name_key(new.full_name)
         and app_private.can_see_person(p.id)
     ) then
    raise exception 'That name belongs to someone else in this portal: use your own name.' using errcode = '23514';
  end if;
  return new;
end
$$;
revoke all on function app_private.check_own_name() from public;
create trigger people_own_name before update of full_name on public.people
  for each row execute function app_private.check_own_name();

-- ---------------------------------------------------------------- 11. slips stay hidden

alter table public.date_changes add column item_hidden boolean not null default false;
comment on column public.date_changes.item_hidden is
  'The slip''s item (milestone, its phase, or phase) is internal: hidden from contacts. Kept in step when the item changes; a deleted item leaves it as it was.';

update public.date_changes d set item_hidden = true
  from public.milestones m join public.phases p on p.id = m.phase_id
  where d.milestone_id = m.id and (m.is_internal or p.is_internal);
update public.date_changes d set item_hidden = true
  from public.phases p
  where d.phase_id = p.id and p.is_internal;

create function app_private.sync_slip_visibility() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  if tg_table_name = 'milestones' then
    update public.date_changes d
      set item_hidden = new.is_internal or coalesce((select p.is_internal from public.phases p where p.id = new.phase_id), false)
      where d.milestone_id = new.id;
  else
    update public.date_changes d set item_hidden = new.is_internal where d.phase_id = new.id;
    update public.date_changes d set item_hidden = new.is_internal or m.is_internal
      from public.milestones m
      where m.phase_id = new.id and d.milestone_id = m.id;
  end if;
  return null;
end
$$;
revoke all on function app_private.sync_slip_visibility() from public;
create trigger milestones_slip_visibility after update of is_internal, phase_id on public.milestones
  for each row when (old.is_internal is distinct from new.is_internal or old.phase_id is distinct from new.phase_id)
  execute function app_private.sync_slip_visibility();
create trigger phases_slip_visibility after update of is_internal on public.phases
  for each row when (old.is_internal is distinct from new.is_internal)
  execute function app_private.sync_slip_visibility();

-- A contact sees a slip that was not internal when recorded and whose item is
-- not internal now (or was not when it was deleted).
drop policy date_changes_select on public.date_changes;
create policy date_changes_select on public.date_changes for select to authenticated
  using (
    (select app_private.is_client_staff(client_id))
    or (not is_internal and not item_hidden and (select app_private.is_client_contact(client_id)))
  );
