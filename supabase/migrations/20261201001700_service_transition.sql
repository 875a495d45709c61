-- Issue 11, the rest of the handoff (docs/decisions/0010-handoff-ledger.md):
--
--   1. respond_to_commitment without p_origin / p_provider_name. The worker puts
--      the email's link on the configured origin and names the configured
--      provider whatever the row holds (emails/registry.ts, onOurOrigin), so the
--      parameters were ignored; the RPC now stores a path.
--   2. A disputed commitment opens a dissatisfier (the pulse register has
--      landed): the dispute is recorded as the contact's concern, linked to the
--      commitment, and the concern opens its dissatisfier and emails the PM and
--      the relationship manager (app_private.concern_raised, 20261201001200).
--      A trigger, so it holds whatever door the dispute comes through.
--   3. Each commitment has an owner on the provider's side (null: the PM).
--   4. The transition to ongoing service: the PM writes a transition note (open
--      items, open commitments, open concerns, the client's preferences) naming
--      the incoming relationship manager; the relationship manager acknowledges
--      it; acknowledging moves every open commitment and every open dissatisfier
--      to them, in the same transaction, and the client's page then shows who
--      their day-to-day contact is. Tables by audience (ADR 0010):
--        service_transitions       who takes over, when, what moved: the
--                                  client's staff; its contacts once acknowledged
--        service_transition_notes  the note itself: the client's staff only

-- ---------------------------------------------------------------- 1 + 2. the client's answer to a commitment

-- A concern may be about a commitment (a dispute); the composite key keeps it inside one client.
-- No grant: only the trigger below links a concern to a commitment.
alter table public.concerns add column commitment_id uuid;
alter table public.concerns add constraint concerns_commitment_fkey
  foreign key (commitment_id, client_id) references public.commitments (id, client_id) on delete set null (commitment_id);
create index concerns_commitment_idx on public.concerns (commitment_id) where commitment_id is not null;
comment on column public.concerns.commitment_id is 'Set when the concern is a dispute of this commitment ("that''s not what we agreed").';

-- A commitment becoming disputed (not a changed comment on a dispute already open)
-- raises the contact's concern, which opens the dissatisfier and emails the PM and
-- the relationship manager. Security definer: written by the database, whoever
-- disputed, through the RPC or a direct update.
create function app_private.commitment_disputed() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
begin
  insert into public.concerns (client_id, person_id, body, commitment_id)
  values (new.client_id, new.disputed_by,
          left('Not what we agreed: “' || new.promise || '”. ' || coalesce(new.dispute_comment, ''), 4000),
          new.id);
  return null;
end
$$;
create trigger commitments_disputed after update of status on public.commitments
  for each row when (new.status = 'disputed' and old.status is distinct from 'disputed' and new.disputed_by is not null)
  execute function app_private.commitment_disputed();
revoke all on function app_private.commitment_disputed() from public;

drop function public.respond_to_commitment(uuid, public.commitment_status, text, text, text);

-- A contact's answer to a commitment, in one transaction (house rule 14, ADR 0008):
-- the update (guard_commitment and log_commitment still decide, stamp and log; a
-- new dispute raises its concern and dissatisfier, above) and, for a dispute, one
-- email in the outbox for each of the client's project managers and sales leads,
-- keyed by the dispute's history row and the recipient. A dispute repeating the
-- recorded one (same comment) changes and queues nothing. The email's link is a
-- path: the worker puts it on the configured origin.
create function public.respond_to_commitment(
  p_commitment uuid,
  p_status public.commitment_status,
  p_comment text default null
) returns integer
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_row public.commitments;
  v_comment text := nullif(btrim(coalesce(p_comment, '')), '');
  v_event bigint;
  v_client record;
  v_disputer text;
  v_staff record;
  v_sent integer := 0;
begin
  if p_status not in ('confirmed_by_client', 'disputed') then
    raise exception 'You can confirm a commitment or say it is not what was agreed; nothing else.' using errcode = '42501';
  end if;

  select * into v_row from public.commitments where id = p_commitment for update;
  if not found then
    raise exception 'That commitment no longer exists, or it is not yours to answer.' using errcode = 'PT404';
  end if;

  if p_status = 'confirmed_by_client' then
    update public.commitments set status = 'confirmed_by_client' where id = p_commitment;
    return 0;
  end if;

  -- The same dispute again (a double submit): already recorded, already emailed.
  if v_row.status = 'disputed' and v_row.dispute_comment is not distinct from v_comment
     and app_private.is_client_contact(v_row.client_id) then
    return 0;
  end if;

  update public.commitments set status = 'disputed', dispute_comment = p_comment where id = p_commitment
  returning * into v_row;
  if not found then
    raise exception 'That commitment no longer exists, or it is not yours to answer.' using errcode = 'PT404';
  end if;

  select id into v_event from public.commitment_events
   where commitment_id = p_commitment and kind = 'disputed'
   order by id desc limit 1;

  select c.id, c.name, c.slug, c.primary_color into v_client from public.clients c where c.id = v_row.client_id;
  select p.full_name into v_disputer from public.people p where p.id = v_row.disputed_by;

  for v_staff in
    select distinct p.id, p.full_name, p.email
      from public.client_staff s join public.people p on p.id = s.person_id
     where s.client_id = v_row.client_id and s.role in ('project_manager', 'sales')
  loop
    perform app_private.enqueue_email(
      p_template        => 'commitment-disputed',
      p_recipient       => v_staff.email,
      p_props           => jsonb_build_object(
        'recipientName', v_staff.full_name,
        'clientName', v_client.name,
        -- The name is the configured provider's, set by the worker.
        'brand', jsonb_build_object('name', '', 'primaryColor', v_client.primary_color),
        'promise', v_row.promise,
        'promisedBy', v_row.promised_by,
        'disputedBy', coalesce(v_disputer, 'Your client'),
        'comment', v_row.dispute_comment,
        'handoffUrl', '/staff/clients/' || v_client.slug || '/handoff'),
      p_idempotency_key => 'commitment-disputed:' || v_event || ':' || v_staff.id,
      p_client_id       => v_row.client_id);
    v_sent := v_sent + 1;
  end loop;
  return v_sent;
end;
$$;
revoke all on function public.respond_to_commitment(uuid, public.commitment_status, text) from public, anon;
grant execute on function public.respond_to_commitment(uuid, public.commitment_status, text) to authenticated, service_role;

-- ---------------------------------------------------------------- 3. who on our side owns a commitment

alter table public.commitments add column owner_id uuid references public.people (id) on delete set null;
create index commitments_owner_idx on public.commitments (owner_id) where owner_id is not null;
comment on column public.commitments.owner_id is 'Who on the provider''s team answers for it now (null: the project manager). Moves at the transition to service.';
grant update (owner_id) on public.commitments to authenticated;

-- Only the client's staff choose the owner, and only someone on the client's team.
-- (guard_commitment, which predates the column, does not look at it.)
create function app_private.guard_commitment_owner() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if new.owner_id is not distinct from (case when tg_op = 'UPDATE' then old.owner_id end) then
    return new;
  end if;
  if current_user = 'authenticated' and not app_private.is_client_staff(new.client_id) then
    raise exception 'Only the client''s team can choose who owns a commitment.' using errcode = '42501';
  end if;
  if new.owner_id is not null and not exists (
       select 1 from public.client_staff where client_id = new.client_id and person_id = new.owner_id) then
    raise exception 'The owner must be on the client''s team.' using errcode = '23514', hint = 'field:ownerId';
  end if;
  return new;
end
$$;
create trigger commitments_owner_guard before insert or update of owner_id on public.commitments
  for each row execute function app_private.guard_commitment_owner();

-- The history says who owns it now (names, as the other events do).
create function app_private.log_commitment_owner() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
begin
  insert into public.commitment_events (client_id, commitment_id, promise, kind, old_status, new_status, detail, changed_by)
  values (new.client_id, new.id, new.promise, 'edited', old.status, new.status,
          jsonb_build_object('owner', jsonb_build_array(
            (select full_name from public.people where id = old.owner_id),
            (select full_name from public.people where id = new.owner_id))),
          (select auth.uid()));
  return null;
end
$$;
create trigger commitments_owner_log after update of owner_id on public.commitments
  for each row when (new.owner_id is distinct from old.owner_id)
  execute function app_private.log_commitment_owner();
revoke all on function app_private.guard_commitment_owner(), app_private.log_commitment_owner() from public;

-- ---------------------------------------------------------------- 4. the transition to ongoing service

create table public.service_transitions (
  client_id uuid primary key references public.clients (id) on delete cascade,
  -- The incoming relationship manager (on the client's team with that role when named).
  relationship_manager_id uuid references public.people (id) on delete set null,
  written_by uuid references public.people (id) on delete set null default auth.uid(),
  written_at timestamptz not null default now(),
  acknowledged_by uuid references public.people (id) on delete set null,
  acknowledged_at timestamptz,
  -- What moved to the relationship manager when they acknowledged it.
  moved_commitments integer not null default 0 check (moved_commitments >= 0),
  moved_concerns integer not null default 0 check (moved_concerns >= 0),
  check (acknowledged_by is null or acknowledged_at is not null)
);
create index service_transitions_rm_idx on public.service_transitions (relationship_manager_id);
comment on table public.service_transitions is
  'The move from onboarding to ongoing service: who takes over and when they acknowledged it. The client sees it once acknowledged.';

create table public.service_transition_notes (
  client_id uuid primary key references public.service_transitions (client_id) on delete cascade,
  open_items text check (length(open_items) <= 4000),
  open_commitments text check (length(open_commitments) <= 4000),
  open_concerns text check (length(open_concerns) <= 4000),
  client_preferences text check (length(client_preferences) <= 4000),
  updated_at timestamptz not null default now()
);
comment on table public.service_transition_notes is
  'The PM''s transition note to the relationship manager. Staff only: never shown to the client.';

-- Who may write what, whatever the door:
--   * the client's PM (or an admin) writes the transition and names a relationship
--     manager of the client's team; rewriting it before acknowledgement resets the author;
--   * only the named relationship manager acknowledges it; acknowledging moves every
--     open commitment (not delivered) and every open dissatisfier (not resolved) to
--     them, as the caller (RLS and the other guards still apply), and counts them;
--   * an acknowledged transition is history: nothing changes it (PT409).
create function app_private.guard_service_transition() returns trigger
  language plpgsql
  set search_path = ''
  as $$
declare
  me uuid := (select auth.uid());
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if tg_op = 'UPDATE' and old.acknowledged_at is not null then
    raise exception 'The relationship manager has already taken over: the transition is on record.' using errcode = 'PT409';
  end if;
  if tg_op = 'UPDATE' and new.client_id is distinct from old.client_id then
    raise exception 'A transition cannot move to another client.' using errcode = '42501';
  end if;

  if tg_op = 'UPDATE' and new.acknowledged_at is not null then
    if me is distinct from old.relationship_manager_id then
      raise exception 'Only the relationship manager named in the transition note can acknowledge it.' using errcode = '42501';
    end if;
    if new.relationship_manager_id is distinct from old.relationship_manager_id then
      raise exception 'Acknowledge the transition as it was written.' using errcode = '42501';
    end if;
    if not exists (select 1 from public.client_staff
                    where client_id = old.client_id and person_id = me and role = 'relationship_manager') then
      raise exception 'You are no longer this client''s relationship manager.' using errcode = '42501';
    end if;
    new.acknowledged_at := now();
    new.acknowledged_by := me;
    with moved as (
      update public.commitments set owner_id = me
       where client_id = old.client_id and status <> 'delivered' and owner_id is distinct from me
      returning 1)
    select count(*) into new.moved_commitments from moved;
    with moved as (
      update public.dissatisfiers set owner_id = me
       where client_id = old.client_id and status <> 'resolved' and owner_id is distinct from me
      returning 1)
    select count(*) into new.moved_concerns from moved;
    return new;
  end if;

  -- Writing (or rewriting) the transition.
  if not app_private.is_client_pm(new.client_id) then
    raise exception 'Only the client''s project manager can write the transition note.' using errcode = '42501';
  end if;
  if new.relationship_manager_id is null or not exists (
       select 1 from public.client_staff
        where client_id = new.client_id and person_id = new.relationship_manager_id and role = 'relationship_manager') then
    raise exception 'Choose the client''s relationship manager (add one to the team first).'
      using errcode = '23514', hint = 'field:relationshipManagerId';
  end if;
  new.written_by := me;
  new.written_at := now();
  new.acknowledged_at := null;
  new.acknowledged_by := null;
  new.moved_commitments := 0;
  new.moved_concerns := 0;
  return new;
end
$$;
create trigger service_transitions_guard before insert or update on public.service_transitions
  for each row execute function app_private.guard_service_transition();

-- The note follows its transition: no change once acknowledged.
create function app_private.guard_service_transition_note() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if current_user = 'authenticated' and exists (
       select 1 from public.service_transitions where client_id = new.client_id and acknowledged_at is not null) then
    raise exception 'The relationship manager has already taken over: the transition is on record.' using errcode = 'PT409';
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger service_transition_notes_guard before insert or update on public.service_transition_notes
  for each row execute function app_private.guard_service_transition_note();
revoke all on function app_private.guard_service_transition(), app_private.guard_service_transition_note() from public;

alter table public.service_transitions enable row level security;
alter table public.service_transition_notes enable row level security;
revoke all on public.service_transitions, public.service_transition_notes from public, anon, authenticated;
grant select, insert, update, delete on public.service_transitions, public.service_transition_notes to service_role;

grant select on public.service_transitions to authenticated;
grant insert (client_id, relationship_manager_id), update (relationship_manager_id, acknowledged_at)
  on public.service_transitions to authenticated;
-- The client's staff see it; its contacts once the relationship manager has taken over.
create policy service_transitions_select on public.service_transitions for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (acknowledged_at is not null and client_id in (select app_private.contact_client_ids()))
  );
create policy service_transitions_insert on public.service_transitions for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
-- The PM rewrites it, the named relationship manager acknowledges it (the guard decides which).
create policy service_transitions_update on public.service_transitions for update to authenticated
  using ((select app_private.is_client_pm(client_id)) or relationship_manager_id = (select auth.uid()))
  with check ((select app_private.is_client_staff(client_id)));

grant select on public.service_transition_notes to authenticated;
grant insert (client_id, open_items, open_commitments, open_concerns, client_preferences),
  update (open_items, open_commitments, open_concerns, client_preferences)
  on public.service_transition_notes to authenticated;
create policy service_transition_notes_select on public.service_transition_notes for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids()));
create policy service_transition_notes_insert on public.service_transition_notes for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy service_transition_notes_update on public.service_transition_notes for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));

-- The PM writes (or rewrites) the transition note, naming the incoming relationship
-- manager: the transition and its note in one transaction. Refused once acknowledged.
create function public.write_transition_note(
  p_client uuid,
  p_relationship_manager uuid,
  p_open_items text default null,
  p_open_commitments text default null,
  p_open_concerns text default null,
  p_client_preferences text default null
) returns void
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
begin
  insert into public.service_transitions as t (client_id, relationship_manager_id)
  values (p_client, p_relationship_manager)
  on conflict (client_id) do update set relationship_manager_id = excluded.relationship_manager_id;
  insert into public.service_transition_notes as n (client_id, open_items, open_commitments, open_concerns, client_preferences)
  values (p_client, nullif(btrim(p_open_items), ''), nullif(btrim(p_open_commitments), ''),
          nullif(btrim(p_open_concerns), ''), nullif(btrim(p_client_preferences), ''))
  on conflict (client_id) do update
    set open_items = excluded.open_items, open_commitments = excluded.open_commitments,
        open_concerns = excluded.open_concerns, client_preferences = excluded.client_preferences;
end
$$;
revoke all on function public.write_transition_note(uuid, uuid, text, text, text, text) from public, anon;
grant execute on function public.write_transition_note(uuid, uuid, text, text, text, text) to authenticated, service_role;

-- The named relationship manager takes over: open commitments and open dissatisfiers
-- move to them (the guard above), once. Returns what moved.
create function public.acknowledge_transition(p_client uuid)
  returns public.service_transitions
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
declare
  v_row public.service_transitions;
begin
  update public.service_transitions set acknowledged_at = now()
   where client_id = p_client and acknowledged_at is null
  returning * into v_row;
  if found then
    return v_row;
  end if;
  if exists (select 1 from public.service_transitions where client_id = p_client and acknowledged_at is not null) then
    raise exception 'The relationship manager has already taken over: the transition is on record.' using errcode = 'PT409';
  end if;
  raise exception 'There is no transition note for you to acknowledge.' using errcode = 'PT404';
end
$$;
revoke all on function public.acknowledge_transition(uuid) from public, anon;
grant execute on function public.acknowledge_transition(uuid) to authenticated, service_role;
