-- Requirements sign-off: versioned documents, approvals with evidence.
--
-- * A document (title, area, due date, required approvers) has a draft the PM
--   edits (requirement_drafts, staff only); publishing freezes it as a new version whose text never changes.
-- * A required approver approves the current version (consent + typed name) or
--   requests changes (with a comment). The database records the evidence: who,
--   which version, the SHA-256 of the exact text, when; the app server adds the
--   address and user agent it saw. Sign-offs are append-only for every role.
-- * Publishing a newer version voids earlier approvals by derivation: only
--   sign-offs of the current version count; the old ones stay in the history.
-- * Status is derived: draft, awaiting sign-off, changes requested, approved.

create type public.signoff_decision as enum ('approved', 'changes_requested');

create table public.requirement_documents (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  title text not null check (length(btrim(title)) between 1 and 200),
  area text check (length(area) <= 120),
  due_date date,
  created_by uuid references public.people (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, client_id)
);
create index requirement_documents_client_idx on public.requirement_documents (client_id, created_at);

-- The PM's working copy, apart from the document so that RLS can keep it from
-- the client until it is published (contacts read documents, never drafts).
create table public.requirement_drafts (
  document_id uuid primary key,
  client_id uuid not null,
  body_markdown text not null default '' check (length(body_markdown) <= 200000),
  updated_at timestamptz not null default now(),
  foreign key (document_id, client_id) references public.requirement_documents (id, client_id) on delete cascade
);

create table public.requirement_versions (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null,
  client_id uuid not null,
  version integer not null,
  body_markdown text not null check (length(btrim(body_markdown)) between 1 and 200000),
  body_sha256 text not null check (body_sha256 ~ '^[0-9a-f]{64}$'),
  change_note text check (length(change_note) <= 2000),
  published_by uuid references public.people (id) on delete set null,
  published_at timestamptz not null default now(),
  unique (document_id, version),
  foreign key (document_id, client_id) references public.requirement_documents (id, client_id) on delete cascade
);
create index requirement_versions_document_idx on public.requirement_versions (document_id, version desc);

create table public.requirement_approvers (
  document_id uuid not null,
  client_id uuid not null,
  person_id uuid not null references public.people (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (document_id, person_id),
  foreign key (document_id, client_id) references public.requirement_documents (id, client_id) on delete cascade
);

create table public.signoffs (
  id bigint generated always as identity primary key,
  document_id uuid not null,
  version_id uuid not null references public.requirement_versions (id) on delete restrict,
  client_id uuid not null,
  version integer not null,
  person_id uuid not null references public.people (id) on delete restrict,
  person_name text not null,
  person_email text not null,
  decision public.signoff_decision not null,
  comment text check (length(comment) <= 5000),
  signature_name text check (length(signature_name) <= 200),
  consent_text text check (length(consent_text) <= 2000),
  body_sha256 text not null,
  ip text check (length(ip) <= 64),
  user_agent text check (length(user_agent) <= 500),
  created_at timestamptz not null default now(),
  -- A double submit records one decision.
  unique (version_id, person_id),
  foreign key (document_id, client_id) references public.requirement_documents (id, client_id) on delete restrict
);
create index signoffs_document_idx on public.signoffs (document_id, created_at);

-- ---------------------------------------------------------------- integrity

create trigger requirement_documents_touch before update on public.requirement_documents
  for each row execute function app_private.touch_updated_at();
create trigger requirement_drafts_touch before update on public.requirement_drafts
  for each row execute function app_private.touch_updated_at();

-- Every document starts with an empty draft.
create function app_private.create_requirement_draft() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  insert into public.requirement_drafts (document_id, client_id) values (new.id, new.client_id);
  return new;
end
$$;
create trigger requirement_documents_draft after insert on public.requirement_documents
  for each row execute function app_private.create_requirement_draft();

-- A version is numbered, hashed, dated and attributed by the database.
create function app_private.prepare_requirement_version() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  new.client_id := (select client_id from public.requirement_documents where id = new.document_id);
  new.version := coalesce((select max(version) from public.requirement_versions where document_id = new.document_id), 0) + 1;
  new.body_sha256 := encode(sha256(convert_to(new.body_markdown, 'UTF8')), 'hex');
  new.published_by := (select auth.uid());
  new.published_at := now();
  return new;
end
$$;
create trigger requirement_versions_prepare before insert on public.requirement_versions
  for each row execute function app_private.prepare_requirement_version();

-- Approvers are the client's approvers or decision makers.
create function app_private.check_requirement_approver() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  if not exists (
    select 1 from public.client_contacts
    where client_id = new.client_id and person_id = new.person_id and role in ('approver', 'decision_maker')
  ) then
    raise exception 'Approvers must be contacts of this client with the approver or decision maker role.' using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger requirement_approvers_check before insert or update on public.requirement_approvers
  for each row execute function app_private.check_requirement_approver();

-- The evidence of a sign-off comes from the database, not from the caller:
-- who signs (the JWT's subject), their name and email, the version's hash and
-- number, and the time. Only a required approver may sign, only the current
-- version (409 otherwise), and the decision must carry what it needs.
create function app_private.prepare_signoff() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
declare
  signer public.people;
  v public.requirement_versions;
  latest integer;
begin
  select * into signer from public.people where id = (select auth.uid());
  if signer.id is null then
    raise exception 'Sign in to sign off.' using errcode = '42501';
  end if;
  select * into v from public.requirement_versions where id = new.version_id;
  if v.id is null or not app_private.is_client_contact(v.client_id) then
    raise exception 'new row violates row-level security policy for table "signoffs"' using errcode = '42501';
  end if;
  -- Named on the document, and still an approver or decision maker of the client today.
  if not exists (
    select 1 from public.requirement_approvers ra
    join public.client_contacts cc on cc.client_id = ra.client_id and cc.person_id = ra.person_id
    where ra.document_id = v.document_id and ra.person_id = signer.id and cc.role in ('approver', 'decision_maker')
  ) then
    raise exception 'You are not an approver of this document.' using errcode = '42501';
  end if;
  select max(version) into latest from public.requirement_versions where document_id = v.document_id;
  if v.version <> latest then
    raise exception 'Version % is no longer current: version % was published since.', v.version, latest
      using errcode = 'PT409', hint = latest::text;
  end if;
  if new.decision = 'changes_requested' and coalesce(btrim(new.comment), '') = '' then
    raise exception 'Say what should change.' using errcode = '23514';
  end if;
  if new.decision = 'approved' then
    if coalesce(btrim(new.consent_text), '') = '' then
      raise exception 'Tick the consent statement to approve.' using errcode = '23514';
    end if;
    if lower(btrim(coalesce(new.signature_name, ''))) <> lower(btrim(signer.full_name)) then
      raise exception 'Type your full name, %, as your signature.', signer.full_name using errcode = '23514';
    end if;
  end if;
  new.person_id := signer.id;
  new.person_name := signer.full_name;
  new.person_email := signer.email;
  new.document_id := v.document_id;
  new.client_id := v.client_id;
  new.version := v.version;
  new.body_sha256 := v.body_sha256;
  new.created_at := now();
  return new;
end
$$;
create trigger signoffs_prepare before insert on public.signoffs
  for each row execute function app_private.prepare_signoff();

-- Evidence and published versions never change, for any role (service role and
-- table owner included): only a migration that drops this trigger could.
create function app_private.refuse_change() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  raise exception '% is append-only: rows cannot be changed or deleted.', tg_table_name using errcode = '42501';
end
$$;
create trigger signoffs_append_only before update or delete on public.signoffs
  for each row execute function app_private.refuse_change();
create trigger requirement_versions_frozen before update or delete on public.requirement_versions
  for each row execute function app_private.refuse_change();

-- ---------------------------------------------------------------- RLS, grants, policies

alter table public.requirement_documents enable row level security;
alter table public.requirement_versions enable row level security;
alter table public.requirement_drafts enable row level security;
alter table public.requirement_approvers enable row level security;
alter table public.signoffs enable row level security;

revoke all on public.requirement_documents, public.requirement_drafts, public.requirement_versions,
  public.requirement_approvers, public.signoffs from anon, authenticated;
grant select, insert, update, delete on public.requirement_documents, public.requirement_drafts, public.requirement_versions,
  public.requirement_approvers to service_role;
grant select, insert on public.signoffs to service_role;
grant usage, select on sequence public.signoffs_id_seq to service_role;

-- documents: the client's people read; the PM writes (a document with versions cannot be deleted)
grant select, insert, delete on public.requirement_documents to authenticated;
grant update (title, area, due_date) on public.requirement_documents to authenticated;
create policy requirement_documents_select on public.requirement_documents for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy requirement_documents_insert on public.requirement_documents for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)) and created_by = (select auth.uid()));
create policy requirement_documents_update on public.requirement_documents for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));
create policy requirement_documents_delete on public.requirement_documents for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- drafts: the client's staff read; the PM writes (the row comes with the document)
grant select on public.requirement_drafts to authenticated;
grant update (body_markdown) on public.requirement_drafts to authenticated;
create policy requirement_drafts_select on public.requirement_drafts for select to authenticated
  using ((select app_private.is_client_staff(client_id)));
create policy requirement_drafts_update on public.requirement_drafts for update to authenticated
  using ((select app_private.is_client_pm(client_id))) with check ((select app_private.is_client_pm(client_id)));

-- versions: read by the client's people; published (inserted) by the PM; never changed
grant select, insert on public.requirement_versions to authenticated;
create policy requirement_versions_select on public.requirement_versions for select to authenticated
  using ((select app_private.can_see_client(client_id)));
-- (client_id is set from the document by the trigger, before this check runs)
create policy requirement_versions_insert on public.requirement_versions for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));

-- approvers: the PM names them
grant select, insert, delete on public.requirement_approvers to authenticated;
create policy requirement_approvers_select on public.requirement_approvers for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy requirement_approvers_insert on public.requirement_approvers for insert to authenticated
  with check ((select app_private.is_client_pm(client_id)));
create policy requirement_approvers_delete on public.requirement_approvers for delete to authenticated
  using ((select app_private.is_client_pm(client_id)));

-- sign-offs: the client's people and staff read; an approver signs as themselves
grant select on public.signoffs to authenticated;
grant insert (version_id, decision, comment, signature_name, consent_text, ip, user_agent) on public.signoffs to authenticated;
create policy signoffs_select on public.signoffs for select to authenticated
  using ((select app_private.can_see_client(client_id)));
create policy signoffs_insert on public.signoffs for insert to authenticated
  with check (person_id = (select auth.uid()) and (select app_private.is_client_contact(client_id)));
