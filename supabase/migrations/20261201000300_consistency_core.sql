-- One transaction per change, errors that name their field, one access view.
--
-- * Creating a requirement document, saving its draft, publishing a version and
--   changing a client's settings each become one SECURITY INVOKER RPC: RLS still
--   applies to every statement inside, and a failure anywhere leaves nothing saved.
-- * Versions are numbered under a lock on their document row (the trigger and the
--   RPC both take it), with the unique (document_id, version) as the backstop. A
--   publish that was prepared on top of an older version than the current one is
--   refused with PT409 (PostgREST answers 409): the loser of a race is told so.
-- * Each published version keeps a snapshot of its required approvers
--   (requirement_version_approvers, written by trigger, append-only). "Approved"
--   and the certificate are computed against it: changing the approvers later
--   changes who is asked for the next version only.
-- * Errors a person can act on are raised with an error code and hint = 'field:<name>'
--   (the form field they belong to); the app maps them in one place, never by wording.
--   "Not found" and "conflict" use PostgREST's PTxxx codes (PT404, PT409), so the
--   HTTP status is right for any caller of the API too (P0002 would be a 500).
-- * client_access: one row per client the signed-in person can see, with what they
--   may do there (a security-invoker view over the existing helpers).

-- ---------------------------------------------------------------- version approvers (snapshot)

create table public.requirement_version_approvers (
  version_id uuid not null references public.requirement_versions (id) on delete restrict,
  document_id uuid not null,
  client_id uuid not null,
  person_id uuid not null references public.people (id) on delete restrict,
  primary key (version_id, person_id),
  foreign key (document_id, client_id) references public.requirement_documents (id, client_id) on delete restrict
);
create index requirement_version_approvers_document_idx on public.requirement_version_approvers (document_id);
comment on table public.requirement_version_approvers is
  'Who had to approve each published version, as it was when it was published. Append-only.';

-- Versions published before this migration: their approvers are today's list (the best record there is).
insert into public.requirement_version_approvers (version_id, document_id, client_id, person_id)
select v.id, v.document_id, v.client_id, ra.person_id
from public.requirement_versions v
join public.requirement_approvers ra on ra.document_id = v.document_id;

create function app_private.snapshot_version_approvers() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  insert into public.requirement_version_approvers (version_id, document_id, client_id, person_id)
  select new.id, new.document_id, new.client_id, ra.person_id
  from public.requirement_approvers ra
  where ra.document_id = new.document_id;
  return new;
end
$$;
create trigger requirement_versions_snapshot_approvers after insert on public.requirement_versions
  for each row execute function app_private.snapshot_version_approvers();

create trigger requirement_version_approvers_append_only before update or delete on public.requirement_version_approvers
  for each row execute function app_private.refuse_change();

alter table public.requirement_version_approvers enable row level security;
revoke all on public.requirement_version_approvers from anon, authenticated;
grant select on public.requirement_version_approvers to service_role;
-- Read like the versions; written only by the trigger above (no insert grant for anyone).
grant select on public.requirement_version_approvers to authenticated;
create policy requirement_version_approvers_select on public.requirement_version_approvers for select to authenticated
  using ((select app_private.can_see_client(client_id)));

-- Only those who had to approve a version may sign it (after signoffs_prepare has
-- set the signer and the version from the database).
create function app_private.check_signoff_version_approver() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  if not exists (select 1 from public.requirement_version_approvers where version_id = new.version_id and person_id = new.person_id) then
    raise exception 'You are not an approver of this version.' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger signoffs_snapshot_check before insert on public.signoffs
  for each row execute function app_private.check_signoff_version_approver();

-- ---------------------------------------------------------------- safe numbering

-- As before, plus: the document row is locked first, so two inserts for one
-- document never compute the same number.
create or replace function app_private.prepare_requirement_version() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  perform 1 from public.requirement_documents where id = new.document_id for update;
  new.client_id := (select client_id from public.requirement_documents where id = new.document_id);
  new.version := coalesce((select max(version) from public.requirement_versions where document_id = new.document_id), 0) + 1;
  new.body_sha256 := encode(sha256(convert_to(new.body_markdown, 'UTF8')), 'hex');
  new.published_by := (select auth.uid());
  new.published_at := now();
  return new;
end
$$;

-- Approvers: same rule, and the error names its field.
create or replace function app_private.check_requirement_approver() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  if not exists (
    select 1 from public.client_contacts
    where client_id = new.client_id and person_id = new.person_id and role in ('approver', 'decision_maker')
  ) then
    raise exception 'Approvers must be contacts of this client with the approver or decision maker role.'
      using errcode = '23514', hint = 'field:approverIds';
  end if;
  return new;
end
$$;

-- A planned date change without its reason is refused before the slip log runs
-- (phases_log_dates / milestones_log_dates keep the same rule as a backstop),
-- with the field named for the form.
create function app_private.check_date_change_reason() returns trigger
  language plpgsql
  set search_path = ''
  as $$
declare
  reason text := nullif(btrim(coalesce(new.change_reason, '')), '');
  changed boolean;
begin
  if tg_table_name = 'milestones' then
    changed := new.planned_date is distinct from old.planned_date;
  else
    changed := new.planned_start is distinct from old.planned_start or new.planned_end is distinct from old.planned_end;
  end if;
  if changed and (reason is null or length(reason) < 3 or new.change_side is null) then
    raise exception 'A planned date change needs a reason and the side it depended on (provider, client or third party).'
      using errcode = '23514', hint = 'field:changeReason';
  end if;
  return new;
end
$$;
create trigger phases_check_date_reason before update on public.phases
  for each row execute function app_private.check_date_change_reason();
create trigger milestones_check_date_reason before update on public.milestones
  for each row execute function app_private.check_date_change_reason();

-- Client tasks: same rules, and the two refusals a form can fix name their field.
create or replace function app_private.guard_client_task() returns trigger
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
    raise exception 'Choose one of this client''s contacts.' using errcode = '23514', hint = 'field:ownerId';
  end if;
  if new.milestone_id is not null and not exists (
    select 1 from public.milestones where id = new.milestone_id and client_id = new.client_id
  ) then
    raise exception 'Choose a milestone of this client.' using errcode = '23514', hint = 'field:milestoneId';
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

-- ---------------------------------------------------------------- RPCs (security invoker: RLS applies)

-- Makes a document's required approvers exactly these people.
create function app_private.set_requirement_approvers(p_document uuid, p_client uuid, p_approvers uuid[]) returns void
  language plpgsql
  set search_path = ''
  as $$
begin
  delete from public.requirement_approvers
  where document_id = p_document and client_id = p_client and not (person_id = any (coalesce(p_approvers, '{}')));
  insert into public.requirement_approvers (document_id, client_id, person_id)
  select p_document, p_client, a from unnest(coalesce(p_approvers, '{}')) as a
  on conflict (document_id, person_id) do nothing;
end
$$;
-- security invoker: callable by the app's role, and RLS decides what it may change.
grant execute on function app_private.set_requirement_approvers(uuid, uuid, uuid[]) to authenticated, service_role;

-- The PM starts a requirement document (with its empty draft) and names its approvers.
create function public.create_requirement_document(p_client uuid, p_title text, p_area text, p_due_date date, p_approvers uuid[])
  returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  new_id uuid := gen_random_uuid();
begin
  if not app_private.is_client_pm(p_client) then
    raise exception 'Only the client''s project manager can change requirement documents.' using errcode = '42501';
  end if;
  insert into public.requirement_documents (id, client_id, title, area, due_date)
  values (new_id, p_client, btrim(p_title), nullif(btrim(p_area), ''), p_due_date);
  perform app_private.set_requirement_approvers(new_id, p_client, p_approvers);
  return new_id;
end
$$;

-- The PM saves the working copy: title, area, due date, approvers and the draft text.
create function public.save_requirement_draft(p_document uuid, p_title text, p_area text, p_due_date date,
  p_approvers uuid[], p_body text) returns void
  language plpgsql
  set search_path = ''
  as $$
declare
  doc_client uuid;
begin
  update public.requirement_documents
  set title = btrim(p_title), area = nullif(btrim(p_area), ''), due_date = p_due_date
  where id = p_document
  returning client_id into doc_client;
  if doc_client is null then
    raise exception 'That document no longer exists, or you cannot change it.' using errcode = 'PT404';
  end if;
  update public.requirement_drafts set body_markdown = coalesce(p_body, '') where document_id = p_document;
  if not found then
    raise exception 'That document no longer exists, or you cannot change it.' using errcode = 'PT404';
  end if;
  perform app_private.set_requirement_approvers(p_document, doc_client, p_approvers);
end
$$;

-- Saves the draft and publishes it as the next version, in one transaction.
-- p_base_version is the version the PM's editor showed (0: none yet; null: do not
-- check): if another version was published since, nothing is saved (PT409).
create function public.publish_requirement_version(p_document uuid, p_title text, p_area text, p_due_date date,
  p_approvers uuid[], p_body text, p_change_note text, p_base_version integer default null)
  returns table (id uuid, version integer, body_sha256 text)
  language plpgsql
  set search_path = ''
  as $$
#variable_conflict use_column
declare
  latest public.requirement_versions;
  body text := coalesce(p_body, '');
begin
  -- Lock the document (RLS: only its PM can lock it): publishes of one document run one at a time.
  perform 1 from public.requirement_documents d where d.id = p_document for update;
  if not found then
    raise exception 'That document no longer exists, or you cannot change it.' using errcode = 'PT404';
  end if;
  select * into latest from public.requirement_versions v where v.document_id = p_document order by v.version desc limit 1;
  if p_base_version is not null and coalesce(latest.version, 0) <> p_base_version then
    raise exception 'Version % was published while you were editing: nothing was saved. Reload to see it, then publish again.', latest.version
      using errcode = 'PT409', hint = 'field:draftMarkdown', detail = latest.version::text;
  end if;
  if btrim(body) = '' then
    raise exception 'Write the document before publishing it.' using errcode = '23514', hint = 'field:draftMarkdown';
  end if;
  if coalesce(array_length(p_approvers, 1), 0) = 0 then
    raise exception 'Choose who must sign this off.' using errcode = '23514', hint = 'field:approverIds';
  end if;
  if latest.id is not null and latest.body_sha256 = encode(sha256(convert_to(body, 'UTF8')), 'hex') then
    raise exception 'The draft is the same as version %: change it before publishing.', latest.version
      using errcode = '23514', hint = 'field:draftMarkdown';
  end if;
  perform public.save_requirement_draft(p_document, p_title, p_area, p_due_date, p_approvers, body);
  -- Number, hash, publisher and time are set by the version trigger; the approvers are snapshotted by trigger.
  return query
    insert into public.requirement_versions as v (document_id, client_id, version, body_markdown, body_sha256, change_note)
    select p_document, d.client_id, 0, body, '', nullif(btrim(p_change_note), '')
    from public.requirement_documents d where d.id = p_document
    returning v.id, v.version, v.body_sha256;
end
$$;

-- Changes a client's name, brand, welcome text, dates and logo in one transaction.
-- Returns what happened to the logo: 'replaced', 'removed' or 'kept'.
create function public.update_client_settings(p_client uuid, p_name text, p_primary_color text, p_accent_color text,
  p_welcome_text text, p_go_live_date date, p_service_takeover_date date,
  p_logo_content_type text default null, p_logo_base64 text default null, p_remove_logo boolean default false)
  returns text
  language plpgsql
  set search_path = ''
  as $$
begin
  update public.clients
  set name = btrim(p_name), primary_color = p_primary_color, accent_color = p_accent_color,
      welcome_text = nullif(btrim(p_welcome_text), ''), go_live_date = p_go_live_date,
      service_takeover_date = p_service_takeover_date
  where id = p_client;
  if not found then
    raise exception 'Only the client''s project manager (or an admin) can change its settings.' using errcode = '42501';
  end if;
  if p_logo_base64 is not null then
    insert into public.client_logos (client_id, content_type, data_base64, updated_at)
    values (p_client, p_logo_content_type, p_logo_base64, now())
    on conflict (client_id) do update
      set content_type = excluded.content_type, data_base64 = excluded.data_base64, updated_at = excluded.updated_at;
    return 'replaced';
  end if;
  if p_remove_logo then
    delete from public.client_logos where client_id = p_client;
    if found then
      return 'removed';
    end if;
  end if;
  return 'kept';
end
$$;

revoke all on function public.create_requirement_document(uuid, text, text, date, uuid[]) from public, anon;
revoke all on function public.save_requirement_draft(uuid, text, text, date, uuid[], text) from public, anon;
revoke all on function public.publish_requirement_version(uuid, text, text, date, uuid[], text, text, integer) from public, anon;
revoke all on function public.update_client_settings(uuid, text, text, text, text, date, date, text, text, boolean) from public, anon;
grant execute on function public.create_requirement_document(uuid, text, text, date, uuid[]) to authenticated, service_role;
grant execute on function public.save_requirement_draft(uuid, text, text, date, uuid[], text) to authenticated, service_role;
grant execute on function public.publish_requirement_version(uuid, text, text, date, uuid[], text, text, integer) to authenticated, service_role;
grant execute on function public.update_client_settings(uuid, text, text, text, text, date, date, text, text, boolean) to authenticated, service_role;

-- ---------------------------------------------------------------- what the signed-in person may do on a client

-- One row per client this person can see (RLS on clients decides which), with
-- their relation to it. Read in one round trip by the app's requireClient guard.
create view public.client_access with (security_invoker = true) as
select
  c.id,
  c.slug,
  c.name,
  (select app_private.is_admin()) as is_admin,
  app_private.is_client_pm(c.id) as is_pm,
  app_private.is_client_staff(c.id) as is_staff,
  app_private.is_client_contact(c.id) as is_contact,
  app_private.is_client_creator(c.id) as is_creator,
  (select cs.role from public.client_staff cs where cs.client_id = c.id and cs.person_id = (select auth.uid())) as staff_role,
  (select cc.role from public.client_contacts cc where cc.client_id = c.id and cc.person_id = (select auth.uid())) as contact_role
from public.clients c;
revoke all on public.client_access from anon, authenticated;
grant select on public.client_access to authenticated, service_role;
