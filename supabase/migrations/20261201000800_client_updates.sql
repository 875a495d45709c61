-- PM updates, decision replies and "new since your last visit".
--
-- * client_updates: the client's staff (PM, team, admins) post updates: a title,
--   a Markdown body, an optional decision asked of one contact by a date, and
--   optional links to a milestone or a requirement document. A staff-only
--   update (is_internal) never reaches a contact, and cannot ask one for a
--   decision. The author and times come from the database; an edit of what a
--   reader sees sets edited_at (the "edited" mark).
-- * update_replies: a contact answers a decision request: a short answer and a
--   comment, one per contact per update; answering again replaces the answer
--   (reply_to_update, one atomic upsert).
-- * client_visits: when each person last opened a client's page, and the visit
--   before; record_client_visit writes it once per page load, in one statement,
--   and returns the previous visit so the page can mark what is new since.

-- ---------------------------------------------------------------- tables

create table public.client_updates (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  title text not null check (length(btrim(title)) between 1 and 200),
  body_markdown text not null check (length(btrim(body_markdown)) between 1 and 20000),
  is_internal boolean not null default false,
  decision_needed boolean not null default false,
  decision_due date,
  decision_from uuid references public.people (id) on delete set null,
  milestone_id uuid references public.milestones (id) on delete set null,
  requirement_document_id uuid references public.requirement_documents (id) on delete set null,
  author_id uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  unique (id, client_id),
  check (decision_needed or (decision_due is null and decision_from is null)),
  check (not (decision_needed and is_internal))
);
create index client_updates_client_idx on public.client_updates (client_id, created_at desc);
comment on table public.client_updates is 'Updates the client''s staff post to the client; staff-only ones (is_internal) never reach a contact.';

create table public.update_replies (
  update_id uuid not null,
  client_id uuid not null,
  person_id uuid not null default auth.uid() references public.people (id) on delete cascade,
  answer text not null check (length(btrim(answer)) between 1 and 200),
  comment text check (length(comment) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (update_id, person_id),
  foreign key (update_id, client_id) references public.client_updates (id, client_id) on delete cascade
);
create index update_replies_client_idx on public.update_replies (client_id);
comment on table public.update_replies is 'A contact''s answer to an update that asks for a decision: one per contact per update.';

create table public.client_visits (
  person_id uuid not null default auth.uid() references public.people (id) on delete cascade,
  client_id uuid not null references public.clients (id) on delete cascade,
  last_seen_at timestamptz not null default now(),
  previous_seen_at timestamptz,
  primary key (person_id, client_id)
);
create index client_visits_client_idx on public.client_visits (client_id);
comment on table public.client_visits is 'When each person last opened a client''s page, and the visit before (for "new since your last visit").';

-- ---------------------------------------------------------------- integrity

-- Who, when and what an update may link to is decided here, not by the caller.
create function app_private.guard_client_update() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  -- Outsiders get the refusal RLS gives, before any check that could reveal
  -- what belongs to this client.
  if (select auth.uid()) is not null and not app_private.is_client_staff(new.client_id) then
    raise exception 'new row violates row-level security policy for table "client_updates"' using errcode = '42501';
  end if;
  if new.decision_from is not null and not exists (
    select 1 from public.client_contacts where client_id = new.client_id and person_id = new.decision_from
  ) then
    raise exception 'The decision must be asked of a contact of this client.' using errcode = '23514', hint = 'field:decisionFrom';
  end if;
  if new.milestone_id is not null and not exists (
    select 1 from public.milestones m join public.phases p on p.id = m.phase_id
    where m.id = new.milestone_id and m.client_id = new.client_id
      and (new.is_internal or (not m.is_internal and not p.is_internal))
  ) then
    raise exception 'Link a milestone of this client that the client can see.' using errcode = '23514', hint = 'field:milestoneId';
  end if;
  if new.requirement_document_id is not null and not exists (
    select 1 from public.requirement_documents where id = new.requirement_document_id and client_id = new.client_id
  ) then
    raise exception 'Link a requirement document of this client.' using errcode = '23514', hint = 'field:requirementDocumentId';
  end if;
  if tg_op = 'INSERT' then
    new.author_id := coalesce((select auth.uid()), new.author_id);
    new.created_at := now();
    new.edited_at := null;
  else
    new.author_id := old.author_id;
    new.client_id := old.client_id;
    new.created_at := old.created_at;
    if (new.title, new.body_markdown, new.is_internal, new.decision_needed, new.decision_due, new.decision_from,
        new.milestone_id, new.requirement_document_id)
       is distinct from
       (old.title, old.body_markdown, old.is_internal, old.decision_needed, old.decision_due, old.decision_from,
        old.milestone_id, old.requirement_document_id) then
      new.edited_at := now();
    else
      new.edited_at := old.edited_at;
    end if;
  end if;
  return new;
end
$$;
create trigger client_updates_guard before insert or update on public.client_updates
  for each row execute function app_private.guard_client_update();

-- A reply is the signed-in contact's own, to a decision request their client can see.
create function app_private.prepare_update_reply() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  u public.client_updates;
begin
  select * into u from public.client_updates where id = new.update_id;
  if u.id is null or u.is_internal or not app_private.is_client_contact(u.client_id) then
    raise exception 'new row violates row-level security policy for table "update_replies"' using errcode = '42501';
  end if;
  if not u.decision_needed then
    raise exception 'This update does not ask for a decision.' using errcode = 'PT409';
  end if;
  new.person_id := (select auth.uid());
  new.client_id := u.client_id;
  new.answer := btrim(new.answer);
  new.comment := nullif(btrim(coalesce(new.comment, '')), '');
  if tg_op = 'INSERT' then
    new.created_at := now();
  else
    new.created_at := old.created_at;
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger update_replies_prepare before insert or update on public.update_replies
  for each row execute function app_private.prepare_update_reply();

-- A visit is stamped by the database: now, and the visit before it.
create function app_private.stamp_client_visit() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  new.person_id := coalesce((select auth.uid()), new.person_id);
  new.last_seen_at := now();
  if tg_op = 'INSERT' then
    new.previous_seen_at := null;
  else
    new.client_id := old.client_id;
    new.previous_seen_at := old.last_seen_at;
  end if;
  return new;
end
$$;
create trigger client_visits_stamp before insert or update on public.client_visits
  for each row execute function app_private.stamp_client_visit();

revoke all on function app_private.guard_client_update(), app_private.prepare_update_reply(),
  app_private.stamp_client_visit() from public;

-- ---------------------------------------------------------------- RLS, grants, policies

alter table public.client_updates enable row level security;
alter table public.update_replies enable row level security;
alter table public.client_visits enable row level security;

revoke all on public.client_updates, public.update_replies, public.client_visits from anon, authenticated;
grant select, insert, update, delete on public.client_updates, public.update_replies, public.client_visits to service_role;

-- updates: the client's staff see all; its contacts see what is not staff-only.
-- The client's staff post; the author or the PM edits and deletes.
grant select, delete on public.client_updates to authenticated;
grant insert (client_id, title, body_markdown, is_internal, decision_needed, decision_due, decision_from, milestone_id,
  requirement_document_id) on public.client_updates to authenticated;
grant update (title, body_markdown, is_internal, decision_needed, decision_due, decision_from, milestone_id,
  requirement_document_id) on public.client_updates to authenticated;
create policy client_updates_select on public.client_updates for select to authenticated
  using ((select app_private.can_see_item(client_id, is_internal)));
create policy client_updates_insert on public.client_updates for insert to authenticated
  with check ((select app_private.is_client_staff(client_id)) and author_id = (select auth.uid()));
create policy client_updates_update on public.client_updates for update to authenticated
  using ((select app_private.is_client_staff(client_id))
         and (author_id = (select auth.uid()) or (select app_private.is_client_pm(client_id))))
  with check ((select app_private.is_client_staff(client_id)));
create policy client_updates_delete on public.client_updates for delete to authenticated
  using ((select app_private.is_client_staff(client_id))
         and (author_id = (select auth.uid()) or (select app_private.is_client_pm(client_id))));

-- replies: the client's staff read all; a contact reads the replies on updates
-- they can see (a staff-only update takes its replies with it) and writes only
-- their own.
grant select on public.update_replies to authenticated;
grant insert (update_id, answer, comment) on public.update_replies to authenticated;
grant update (answer, comment) on public.update_replies to authenticated;
create policy update_replies_select on public.update_replies for select to authenticated
  using (
    (select app_private.is_client_staff(client_id))
    or ((select app_private.is_client_contact(client_id))
        and exists (select 1 from public.client_updates u where u.id = update_id and not u.is_internal))
  );
create policy update_replies_insert on public.update_replies for insert to authenticated
  with check (person_id = (select auth.uid()) and (select app_private.is_client_contact(client_id)));
create policy update_replies_update on public.update_replies for update to authenticated
  using (person_id = (select auth.uid()))
  with check (person_id = (select auth.uid()) and (select app_private.is_client_contact(client_id)));

-- visits: each person their own, on clients they can see.
grant select on public.client_visits to authenticated;
grant insert (client_id) on public.client_visits to authenticated;
grant update (last_seen_at) on public.client_visits to authenticated;
create policy client_visits_select on public.client_visits for select to authenticated
  using (person_id = (select auth.uid()));
create policy client_visits_insert on public.client_visits for insert to authenticated
  with check (person_id = (select auth.uid()) and (select app_private.can_see_client(client_id)));
create policy client_visits_update on public.client_visits for update to authenticated
  using (person_id = (select auth.uid()))
  with check (person_id = (select auth.uid()) and (select app_private.can_see_client(client_id)));

-- ---------------------------------------------------------------- RPCs (security invoker: RLS applies)

-- Post an update and, for a client-visible one, queue one email per contact of
-- the client (docs/decisions/0008-email-outbox.md), in one transaction: the
-- emails exist exactly when the update does. p_email holds what the app adds:
-- {providerName, excerpt, clientPageUrl} (absolute URLs come from the app's
-- configured origin); the client's name and colour come from here. Without it no
-- email is queued (the seed).
-- Until contacts choose their notifications, every contact gets updates at once.
create function public.post_client_update(
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
          'updateUrl', (p_email ->> 'clientPageUrl') || '/updates/' || u.id),
        p_idempotency_key => 'client-update:' || u.id || ':' || contact.id,
        p_client_id => u.client_id);
    end loop;
  end if;
  return u.id;
end
$$;

-- Answer a decision request; answering again replaces the answer. One atomic
-- upsert, so a double submit or many at once leave exactly one reply.
create function public.reply_to_update(p_update uuid, p_answer text, p_comment text default null)
  returns public.update_replies
  language sql
  set search_path = ''
  as $$
    insert into public.update_replies (update_id, answer, comment)
    values (p_update, p_answer, p_comment)
    on conflict (update_id, person_id) do update set answer = excluded.answer, comment = excluded.comment
    returning *
  $$;

-- Record that the signed-in person opened this client's page, and return when
-- they opened it before: null on a first visit, and null (writing nothing) for
-- a page they cannot see, which RLS hides from the select.
create function public.record_client_visit(p_slug text) returns timestamptz
  language sql
  set search_path = ''
  as $$
    insert into public.client_visits (client_id) select id from public.clients where slug = p_slug
    on conflict (person_id, client_id) do update set last_seen_at = excluded.last_seen_at
    returning previous_seen_at
  $$;

revoke all on function public.post_client_update(uuid, text, text, boolean, boolean, date, uuid, uuid, uuid, jsonb) from public, anon;
revoke all on function public.reply_to_update(uuid, text, text) from public, anon;
revoke all on function public.record_client_visit(text) from public, anon;
grant execute on function public.post_client_update(uuid, text, text, boolean, boolean, date, uuid, uuid, uuid, jsonb) to authenticated, service_role;
grant execute on function public.reply_to_update(uuid, text, text) to authenticated, service_role;
grant execute on function public.record_client_visit(text) to authenticated, service_role;
