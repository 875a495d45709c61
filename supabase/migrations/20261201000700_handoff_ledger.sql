-- Sales-to-delivery handoff (issue 11): the handoff record, the commitments
-- ledger with its append-only history, links from commitments to what delivers
-- them, key client facts (seller-noted and client-confirmed kept apart) and
-- staff-only internal notes.
--
-- Visibility, enforced here (RLS is the boundary):
--   * handoffs, internal notes and the seller's notes on facts: the client's
--     staff (and admins) only. A contact gets nothing, not even through PostgREST.
--   * commitments, their links and their history: the client's staff and
--     contacts (a link to an internal milestone is hidden with the milestone).
--   * client facts (label + what the client confirmed): staff and contacts.
-- Writes:
--   * the client's staff write the handoff, commitments, facts and notes (the
--     sales lead is staff on the client's team with role 'sales');
--   * the client's PM (or an admin) links commitments to milestones and
--     requirement documents;
--   * a contact may only confirm a commitment or dispute it with a comment
--     (status + dispute_comment, checked by a trigger), and answer a fact
--     (client_value, stamped by a trigger);
--   * commitment_events is written by triggers only: no grant for anyone.
-- Status follows delivery (see docs/decisions/0010-handoff-ledger.md): linked
-- means planned; delivered when every linked milestone is done (actual date set)
-- and every linked requirement document's current version is approved.

create type public.commitment_status as enum
  ('captured', 'confirmed_by_client', 'planned', 'delivered', 'at_risk', 'disputed');
create type public.internal_note_kind as enum ('temperament', 'red_flag', 'sensitivity', 'history');

-- milestones(id, client_id) for the composite foreign key below (a link never crosses clients).
alter table public.milestones add constraint milestones_id_client_key unique (id, client_id);

-- ---------------------------------------------------------------- tables

create table public.handoffs (
  client_id uuid primary key references public.clients (id) on delete cascade,
  meeting_date date,
  attendees text check (length(attendees) <= 2000),
  summary text check (length(summary) <= 4000),
  updated_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.handoffs is 'The sales-to-delivery handoff of a client: when it happened and who attended. Staff only.';

create table public.commitments (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  promise text not null check (length(btrim(promise)) between 3 and 1000),
  promised_by text not null check (length(btrim(promised_by)) between 1 and 200),
  promised_on date,
  source text check (length(source) <= 500),
  due_date date,
  status public.commitment_status not null default 'captured',
  dispute_comment text check (length(dispute_comment) <= 2000),
  confirmed_by uuid references public.people (id) on delete set null,
  confirmed_at timestamptz,
  disputed_by uuid references public.people (id) on delete set null,
  disputed_at timestamptz,
  created_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, client_id)
);
create index commitments_client_idx on public.commitments (client_id, created_at);
comment on table public.commitments is 'What sales promised the client: each promise, who made it, when and where, and how delivery stands.';

create table public.commitment_links (
  id uuid primary key default gen_random_uuid(),
  commitment_id uuid not null,
  client_id uuid not null,
  milestone_id uuid,
  requirement_document_id uuid,
  created_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  check ((milestone_id is null) <> (requirement_document_id is null)),
  foreign key (commitment_id, client_id) references public.commitments (id, client_id) on delete cascade,
  foreign key (milestone_id, client_id) references public.milestones (id, client_id) on delete cascade,
  foreign key (requirement_document_id, client_id) references public.requirement_documents (id, client_id) on delete cascade,
  unique (commitment_id, milestone_id),
  unique (commitment_id, requirement_document_id)
);
create index commitment_links_commitment_idx on public.commitment_links (commitment_id);
create index commitment_links_milestone_idx on public.commitment_links (milestone_id) where milestone_id is not null;
create index commitment_links_document_idx on public.commitment_links (requirement_document_id) where requirement_document_id is not null;
comment on table public.commitment_links is 'Where a commitment is delivered: a milestone or a requirement document of the same client.';

-- The history of every commitment, like the slip log: written by triggers only.
create table public.commitment_events (
  id bigint generated always as identity primary key,
  client_id uuid not null references public.clients (id) on delete cascade,
  commitment_id uuid references public.commitments (id) on delete set null,
  promise text not null,
  kind text not null check (kind in ('created', 'edited', 'status', 'confirmed', 'disputed', 'linked', 'unlinked', 'deleted')),
  old_status public.commitment_status,
  new_status public.commitment_status,
  detail jsonb not null default '{}'::jsonb,
  changed_by uuid references public.people (id) on delete set null,
  changed_at timestamptz not null default now()
);
create index commitment_events_commitment_idx on public.commitment_events (commitment_id, changed_at);
create index commitment_events_client_idx on public.commitment_events (client_id, changed_at desc);

-- Key facts about the client (head count, systems, dates, constraints). The
-- label and the client's own answer are visible to the client; the seller's
-- version lives apart, in client_fact_seller_notes (staff only).
create table public.client_facts (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  label text not null check (length(btrim(label)) between 1 and 200),
  position integer not null default 0,
  client_value text check (length(client_value) <= 2000),
  confirmed_by uuid references public.people (id) on delete set null,
  confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, client_id)
);
create index client_facts_client_idx on public.client_facts (client_id, position);

create table public.client_fact_seller_notes (
  fact_id uuid primary key,
  client_id uuid not null,
  seller_value text check (length(seller_value) <= 2000),
  note text check (length(note) <= 2000),
  noted_by uuid references public.people (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now(),
  foreign key (fact_id, client_id) references public.client_facts (id, client_id) on delete cascade
);
comment on table public.client_fact_seller_notes is 'What the seller noted about a client fact. Staff only: never shown to the client.';

create table public.handoff_internal_notes (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  kind public.internal_note_kind not null,
  body text not null check (length(btrim(body)) between 1 and 4000),
  created_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index handoff_internal_notes_client_idx on public.handoff_internal_notes (client_id, created_at);
comment on table public.handoff_internal_notes is 'Internal — never shown to the client: temperament, red flags, sensitivities, history.';

-- ---------------------------------------------------------------- integrity

create trigger handoffs_touch before update on public.handoffs
  for each row execute function app_private.touch_updated_at();
create trigger client_fact_seller_notes_touch before update on public.client_fact_seller_notes
  for each row execute function app_private.touch_updated_at();
create trigger handoff_internal_notes_touch before update on public.handoff_internal_notes
  for each row execute function app_private.touch_updated_at();

create function app_private.stamp_handoff() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.updated_by := (select auth.uid());
  return new;
end
$$;
create trigger handoffs_stamp before insert or update on public.handoffs
  for each row execute function app_private.stamp_handoff();

-- Is a requirement document's current version approved by every required approver?
-- (The same rule as app/domain/requirements/status.ts.)
create function app_private.requirement_is_approved(target_document uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    with latest as (
      select id from public.requirement_versions where document_id = target_document order by version desc limit 1
    )
    select exists (select 1 from latest)
       and exists (select 1 from public.requirement_approvers where document_id = target_document)
       and not exists (
         select 1 from public.requirement_approvers ra
         where ra.document_id = target_document
           and not exists (select 1 from public.signoffs s, latest
                           where s.version_id = latest.id and s.person_id = ra.person_id and s.decision = 'approved'))
       and not exists (select 1 from public.signoffs s, latest where s.version_id = latest.id and s.decision = 'changes_requested')
  $$;

-- How delivery of a commitment stands, from its links: null (no link),
-- 'planned' (linked) or 'delivered' (every linked item done).
create function app_private.commitment_progress(target uuid) returns public.commitment_status
  language sql stable security definer
  set search_path = ''
  as $$
    select case
      when not exists (select 1 from public.commitment_links where commitment_id = target) then null
      when not exists (
        select 1 from public.commitment_links l
        left join public.milestones m on m.id = l.milestone_id
        where l.commitment_id = target
          and ((l.milestone_id is not null and m.actual_date is null)
            or (l.requirement_document_id is not null and not app_private.requirement_is_approved(l.requirement_document_id)))
      ) then 'delivered'::public.commitment_status
      else 'planned'::public.commitment_status
    end
  $$;

-- Brings a commitment's status in line with its links. A dispute stays until
-- staff resolve it; at risk gives way only to delivered. Runs as the owner, so
-- the guard below does not apply (the change is logged under the person whose
-- action caused it).
create function app_private.sync_commitment_status(target uuid) returns void
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  c public.commitments;
  progress public.commitment_status := app_private.commitment_progress(target);
  next public.commitment_status;
begin
  select * into c from public.commitments where id = target;
  if c.id is null or c.status = 'disputed' then
    return;
  end if;
  next := c.status;
  if progress = 'delivered' then
    next := 'delivered';
  elsif progress = 'planned' and c.status in ('captured', 'confirmed_by_client', 'delivered') then
    next := 'planned';
  elsif progress is null and c.status in ('planned', 'delivered') then
    next := case when c.confirmed_at is not null then 'confirmed_by_client'::public.commitment_status else 'captured'::public.commitment_status end;
  end if;
  if next is distinct from c.status then
    update public.commitments set status = next where id = target;
  end if;
end
$$;

-- Who may change what on a commitment. Applies to signed-in callers
-- (current_user authenticated); the owner's sync above and the service role
-- (seeding) pass.
--   * Outsiders get the refusal RLS gives, before any other check.
--   * A contact may only confirm (status confirmed_by_client) or dispute
--     (status disputed, with a comment); the database stamps who and when.
--   * Staff may change everything else, but never speak for the client: they
--     cannot set confirmed_by_client or disputed, nor the stamps.
create function app_private.guard_commitment() returns trigger
  language plpgsql
  set search_path = ''
  as $$
declare
  me uuid := (select auth.uid());
  progress public.commitment_status;
begin
  if current_user <> 'authenticated' then
    if tg_op = 'UPDATE' then
      new.updated_at := now();
    end if;
    return new;
  end if;
  if not app_private.can_see_client(new.client_id) then
    raise exception 'new row violates row-level security policy for table "commitments"' using errcode = '42501';
  end if;

  if tg_op = 'INSERT' then
    if new.status in ('confirmed_by_client', 'disputed') then
      raise exception 'Only the client can confirm or dispute a commitment.' using errcode = '42501';
    end if;
    if new.status in ('planned', 'delivered') then
      new.status := 'captured';
    end if;
    new.dispute_comment := null;
    new.confirmed_by := null;
    new.confirmed_at := null;
    new.disputed_by := null;
    new.disputed_at := null;
    new.created_by := me;
    new.created_at := now();
    new.updated_at := now();
    return new;
  end if;

  if new.client_id is distinct from old.client_id then
    raise exception 'A commitment cannot move to another client.' using errcode = '42501';
  end if;

  if app_private.is_client_staff(old.client_id) then
    if new.status is distinct from old.status and new.status in ('confirmed_by_client', 'disputed') then
      raise exception 'Only the client can confirm or dispute a commitment.' using errcode = '42501';
    end if;
    if new.dispute_comment is distinct from old.dispute_comment or new.confirmed_by is distinct from old.confirmed_by
       or new.confirmed_at is distinct from old.confirmed_at or new.disputed_by is distinct from old.disputed_by
       or new.disputed_at is distinct from old.disputed_at or new.created_by is distinct from old.created_by
       or new.created_at is distinct from old.created_at then
      raise exception 'The client''s confirmation or dispute cannot be changed.' using errcode = '42501';
    end if;
    -- Staff set a status by hand only to flag a risk; any other choice (and
    -- resolving a dispute) hands the status back to the links.
    if new.status is distinct from old.status and new.status in ('captured', 'planned', 'delivered') then
      progress := app_private.commitment_progress(old.id);
      new.status := coalesce(progress,
        case when old.confirmed_at is not null then 'confirmed_by_client'::public.commitment_status else 'captured'::public.commitment_status end);
    end if;
    new.updated_at := now();
    return new;
  end if;

  -- A contact of the client.
  if new.promise is distinct from old.promise or new.promised_by is distinct from old.promised_by
     or new.promised_on is distinct from old.promised_on or new.source is distinct from old.source
     or new.due_date is distinct from old.due_date or new.confirmed_by is distinct from old.confirmed_by
     or new.confirmed_at is distinct from old.confirmed_at or new.disputed_by is distinct from old.disputed_by
     or new.disputed_at is distinct from old.disputed_at or new.created_by is distinct from old.created_by
     or new.created_at is distinct from old.created_at then
    raise exception 'You can confirm a commitment or say it is not what was agreed; nothing else.' using errcode = '42501';
  end if;
  if new.status = 'confirmed_by_client' then
    progress := app_private.commitment_progress(old.id);
    new.status := coalesce(progress, 'confirmed_by_client');
    new.confirmed_by := me;
    new.confirmed_at := now();
    new.dispute_comment := null;
  elsif new.status = 'disputed' then
    new.dispute_comment := nullif(btrim(coalesce(new.dispute_comment, '')), '');
    if new.dispute_comment is null or length(new.dispute_comment) < 3 then
      raise exception 'Say what was agreed instead.' using errcode = '23514', hint = 'field:comment';
    end if;
    new.disputed_by := me;
    new.disputed_at := now();
  else
    raise exception 'You can confirm a commitment or say it is not what was agreed; nothing else.' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger commitments_guard before insert or update on public.commitments
  for each row execute function app_private.guard_commitment();

-- The history: one row per change, written here only.
create function app_private.log_commitment() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  changes jsonb := '{}'::jsonb;
  kind text;
begin
  if tg_op = 'INSERT' then
    insert into public.commitment_events (client_id, commitment_id, promise, kind, new_status, detail, changed_by)
    values (new.client_id, new.id, new.promise, 'created', new.status,
            jsonb_strip_nulls(jsonb_build_object('promised_by', new.promised_by, 'promised_on', new.promised_on,
              'source', new.source, 'due_date', new.due_date)), (select auth.uid()));
    return new;
  elsif tg_op = 'DELETE' then
    -- The client itself is being deleted: its history goes with it.
    if not exists (select 1 from public.clients where id = old.client_id) then
      return old;
    end if;
    insert into public.commitment_events (client_id, commitment_id, promise, kind, old_status, changed_by)
    values (old.client_id, null, old.promise, 'deleted', old.status, (select auth.uid()));
    return old;
  end if;

  if new.promise is distinct from old.promise then changes := changes || jsonb_build_object('promise', jsonb_build_array(old.promise, new.promise)); end if;
  if new.promised_by is distinct from old.promised_by then changes := changes || jsonb_build_object('promised_by', jsonb_build_array(old.promised_by, new.promised_by)); end if;
  if new.promised_on is distinct from old.promised_on then changes := changes || jsonb_build_object('promised_on', jsonb_build_array(old.promised_on, new.promised_on)); end if;
  if new.source is distinct from old.source then changes := changes || jsonb_build_object('source', jsonb_build_array(old.source, new.source)); end if;
  if new.due_date is distinct from old.due_date then changes := changes || jsonb_build_object('due_date', jsonb_build_array(old.due_date, new.due_date)); end if;

  if new.disputed_at is distinct from old.disputed_at and new.disputed_at is not null then
    kind := 'disputed';
    changes := changes || jsonb_build_object('comment', new.dispute_comment);
  elsif new.confirmed_at is distinct from old.confirmed_at and new.confirmed_at is not null then
    kind := 'confirmed';
  elsif new.status is distinct from old.status then
    kind := 'status';
  elsif changes <> '{}'::jsonb then
    kind := 'edited';
  else
    return new;
  end if;
  insert into public.commitment_events (client_id, commitment_id, promise, kind, old_status, new_status, detail, changed_by)
  values (new.client_id, new.id, new.promise, kind, old.status, new.status, changes, (select auth.uid()));
  return new;
end
$$;
create trigger commitments_log after insert or update or delete on public.commitments
  for each row execute function app_private.log_commitment();

-- A link changes what delivers a commitment: log it and bring the status along.
create function app_private.on_commitment_link() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  l public.commitment_links := case when tg_op = 'DELETE' then old else new end;
  target_title text;
  c public.commitments;
begin
  select * into c from public.commitments where id = l.commitment_id;
  if c.id is null or not exists (select 1 from public.clients where id = c.client_id) then
    return null; -- the commitment (or its client) is being deleted
  end if;
  if l.milestone_id is not null then
    select title into target_title from public.milestones where id = l.milestone_id;
  else
    select title into target_title from public.requirement_documents where id = l.requirement_document_id;
  end if;
  insert into public.commitment_events (client_id, commitment_id, promise, kind, old_status, new_status, detail, changed_by)
  values (c.client_id, c.id, c.promise, case when tg_op = 'DELETE' then 'unlinked' else 'linked' end, c.status, c.status,
          jsonb_strip_nulls(jsonb_build_object('milestone', target_title, 'milestone_id', l.milestone_id)
            || case when l.requirement_document_id is not null
                 then jsonb_build_object('requirement', target_title, 'requirement_document_id', l.requirement_document_id)
                 else '{}'::jsonb end),
          (select auth.uid()));
  perform app_private.sync_commitment_status(c.id);
  return null;
end
$$;
create trigger commitment_links_changed after insert or delete on public.commitment_links
  for each row execute function app_private.on_commitment_link();

-- Delivery moves when a linked milestone is done (or undone), or a linked
-- requirement document is approved (or a new version reopens it).
create function app_private.sync_linked_commitments() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  target uuid;
  targets uuid[];
begin
  -- (new.id is a uuid on milestones and a bigint on signoffs: separate statements.)
  if tg_table_name = 'milestones' then
    targets := array(select distinct l.commitment_id from public.commitment_links l where l.milestone_id = new.id);
  else
    targets := array(select distinct l.commitment_id from public.commitment_links l where l.requirement_document_id = new.document_id);
  end if;
  foreach target in array targets loop
    perform app_private.sync_commitment_status(target);
  end loop;
  return null;
end
$$;
create trigger milestones_sync_commitments after update of actual_date on public.milestones
  for each row when (new.actual_date is distinct from old.actual_date)
  execute function app_private.sync_linked_commitments();
create trigger signoffs_sync_commitments after insert on public.signoffs
  for each row execute function app_private.sync_linked_commitments();
create trigger requirement_versions_sync_commitments after insert on public.requirement_versions
  for each row execute function app_private.sync_linked_commitments();

-- commitment_events is append-only like the slip log: no role but the
-- triggers' owner may insert, and nobody is granted update or delete.

-- Facts: staff write the label; a contact only answers (client_value), and the
-- database stamps who confirmed it and when.
create function app_private.guard_client_fact() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if current_user <> 'authenticated' then
    return new;
  end if;
  if not app_private.can_see_client(new.client_id) then
    raise exception 'new row violates row-level security policy for table "client_facts"' using errcode = '42501';
  end if;
  if tg_op = 'INSERT' then
    new.confirmed_by := null;
    new.confirmed_at := null;
    new.client_value := null;
    return new;
  end if;
  if new.client_id is distinct from old.client_id then
    raise exception 'A fact cannot move to another client.' using errcode = '42501';
  end if;
  if not app_private.is_client_staff(old.client_id) then
    if new.label is distinct from old.label or new.position is distinct from old.position then
      raise exception 'You can confirm a fact; the team keeps its wording.' using errcode = '42501';
    end if;
  elsif new.client_value is distinct from old.client_value then
    raise exception 'Only the client can confirm a fact.' using errcode = '42501';
  end if;
  if new.client_value is distinct from old.client_value then
    new.client_value := nullif(btrim(coalesce(new.client_value, '')), '');
    new.confirmed_by := case when new.client_value is null then null else (select auth.uid()) end;
    new.confirmed_at := case when new.client_value is null then null else now() end;
  else
    new.confirmed_by := old.confirmed_by;
    new.confirmed_at := old.confirmed_at;
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger client_facts_guard before insert or update on public.client_facts
  for each row execute function app_private.guard_client_fact();

create function app_private.stamp_author() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  if current_user = 'authenticated' then
    if tg_table_name = 'client_fact_seller_notes' then
      new.noted_by := (select auth.uid());
    elsif tg_op = 'INSERT' then
      new.created_by := (select auth.uid());
    else
      new.created_by := old.created_by;
    end if;
  end if;
  return new;
end
$$;
create trigger client_fact_seller_notes_stamp before insert or update on public.client_fact_seller_notes
  for each row execute function app_private.stamp_author();
create trigger handoff_internal_notes_stamp before insert or update on public.handoff_internal_notes
  for each row execute function app_private.stamp_author();

revoke all on function app_private.requirement_is_approved(uuid), app_private.commitment_progress(uuid),
  app_private.sync_commitment_status(uuid), app_private.guard_commitment(), app_private.log_commitment(),
  app_private.on_commitment_link(), app_private.sync_linked_commitments(), app_private.guard_client_fact(),
  app_private.stamp_author(), app_private.stamp_handoff() from public;
grant execute on function app_private.commitment_progress(uuid), app_private.requirement_is_approved(uuid)
  to authenticated, service_role;

-- ---------------------------------------------------------------- RLS, grants, policies

alter table public.handoffs enable row level security;
alter table public.commitments enable row level security;
alter table public.commitment_links enable row level security;
alter table public.commitment_events enable row level security;
alter table public.client_facts enable row level security;
alter table public.client_fact_seller_notes enable row level security;
alter table public.handoff_internal_notes enable row level security;

revoke all on public.handoffs, public.commitments, public.commitment_links, public.commitment_events,
  public.client_facts, public.client_fact_seller_notes, public.handoff_internal_notes from anon, authenticated;
grant select, insert, update, delete on public.handoffs, public.commitments, public.commitment_links,
  public.client_facts, public.client_fact_seller_notes, public.handoff_internal_notes to service_role;
grant select on public.commitment_events to service_role;

-- handoffs: the client's staff
grant select, insert on public.handoffs to authenticated;
grant update (meeting_date, attendees, summary) on public.handoffs to authenticated;
create policy handoffs_select on public.handoffs for select to authenticated
  using ((select app_private.is_client_staff(client_id)));
create policy handoffs_insert on public.handoffs for insert to authenticated
  with check ((select app_private.is_client_staff(client_id)));
create policy handoffs_update on public.handoffs for update to authenticated
  using ((select app_private.is_client_staff(client_id))) with check ((select app_private.is_client_staff(client_id)));

-- commitments: staff and contacts read; staff write; contacts confirm or dispute (guarded)
grant select, insert, delete on public.commitments to authenticated;
grant update (promise, promised_by, promised_on, source, due_date, status, dispute_comment) on public.commitments to authenticated;
create policy commitments_select on public.commitments for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy commitments_insert on public.commitments for insert to authenticated
  with check ((select app_private.is_client_staff(client_id)));
create policy commitments_update on public.commitments for update to authenticated
  using ((select app_private.can_see_client(client_id))) with check ((select app_private.can_see_client(client_id)));
-- The client's word is not erased: only a commitment they have not answered can be deleted.
create policy commitments_delete on public.commitments for delete to authenticated
  using ((select app_private.is_client_staff(client_id)) and confirmed_at is null and disputed_at is null);

-- commitment_links: read with the item they point to; the PM links
grant select, insert, delete on public.commitment_links to authenticated;
create policy commitment_links_select on public.commitment_links for select to authenticated
  using (
    (select app_private.is_client_staff(client_id))
    or ((select app_private.is_client_contact(client_id))
        and (milestone_id is null or exists (select 1 from public.milestones m where m.id = milestone_id)))
  );
create policy commitment_links_insert on public.commitment_links for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy commitment_links_delete on public.commitment_links for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- commitment_events: read-only for everyone (triggers write it). A link event
-- names its milestone: a contact sees it only while the milestone is visible.
grant select on public.commitment_events to authenticated;
create policy commitment_events_select on public.commitment_events for select to authenticated
  using (
    (select app_private.is_client_staff(client_id))
    or ((select app_private.is_client_contact(client_id))
        and (not (detail ? 'milestone_id')
             or exists (select 1 from public.milestones m where m.id = (detail ->> 'milestone_id')::uuid)))
  );

-- client_facts: staff and contacts read; staff write labels; contacts answer (guarded)
grant select, insert, delete on public.client_facts to authenticated;
grant update (label, position, client_value) on public.client_facts to authenticated;
create policy client_facts_select on public.client_facts for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy client_facts_insert on public.client_facts for insert to authenticated
  with check ((select app_private.is_client_staff(client_id)));
create policy client_facts_update on public.client_facts for update to authenticated
  using ((select app_private.can_see_client(client_id))) with check ((select app_private.can_see_client(client_id)));
create policy client_facts_delete on public.client_facts for delete to authenticated
  using ((select app_private.is_client_staff(client_id)));

-- client_fact_seller_notes: the client's staff only
grant select, insert, delete on public.client_fact_seller_notes to authenticated;
grant update (seller_value, note) on public.client_fact_seller_notes to authenticated;
create policy client_fact_seller_notes_select on public.client_fact_seller_notes for select to authenticated
  using ((select app_private.is_client_staff(client_id)));
create policy client_fact_seller_notes_insert on public.client_fact_seller_notes for insert to authenticated
  with check ((select app_private.is_client_staff(client_id)));
create policy client_fact_seller_notes_update on public.client_fact_seller_notes for update to authenticated
  using ((select app_private.is_client_staff(client_id))) with check ((select app_private.is_client_staff(client_id)));
create policy client_fact_seller_notes_delete on public.client_fact_seller_notes for delete to authenticated
  using ((select app_private.is_client_staff(client_id)));

-- handoff_internal_notes: the client's staff only
grant select, insert, delete on public.handoff_internal_notes to authenticated;
grant update (kind, body) on public.handoff_internal_notes to authenticated;
create policy handoff_internal_notes_select on public.handoff_internal_notes for select to authenticated
  using ((select app_private.is_client_staff(client_id)));
create policy handoff_internal_notes_insert on public.handoff_internal_notes for insert to authenticated
  with check ((select app_private.is_client_staff(client_id)));
create policy handoff_internal_notes_update on public.handoff_internal_notes for update to authenticated
  using ((select app_private.is_client_staff(client_id))) with check ((select app_private.is_client_staff(client_id)));
create policy handoff_internal_notes_delete on public.handoff_internal_notes for delete to authenticated
  using ((select app_private.is_client_staff(client_id)));

-- ---------------------------------------------------------------- RPCs (security invoker: RLS applies)

-- A fact with the seller's version of it, in one transaction.
create function public.save_client_fact(p_client uuid, p_fact uuid, p_label text, p_seller_value text, p_note text)
  returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  fact_id uuid := coalesce(p_fact, gen_random_uuid());
begin
  if p_fact is null then
    insert into public.client_facts (id, client_id, label, position)
    values (fact_id, p_client, btrim(p_label),
            coalesce((select max(position) + 1 from public.client_facts where client_id = p_client), 0));
  else
    update public.client_facts set label = btrim(p_label) where id = p_fact and client_id = p_client;
    if not found then
      raise exception 'That fact no longer exists, or you cannot change it.' using errcode = 'PT404';
    end if;
  end if;
  insert into public.client_fact_seller_notes (fact_id, client_id, seller_value, note)
  values (fact_id, p_client, nullif(btrim(p_seller_value), ''), nullif(btrim(p_note), ''))
  on conflict on constraint client_fact_seller_notes_pkey do update
    set seller_value = excluded.seller_value, note = excluded.note;
  return fact_id;
end
$$;
revoke all on function public.save_client_fact(uuid, uuid, text, text, text) from public, anon;
grant execute on function public.save_client_fact(uuid, uuid, text, text, text) to authenticated, service_role;
