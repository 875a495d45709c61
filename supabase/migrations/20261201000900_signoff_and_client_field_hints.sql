-- Errors the sign-off and create_client raise name their form field
-- (hint = 'field:<name>', ADR 0007), so the app maps them by code and hint
-- (app/lib/db-errors.server.ts) instead of by message wording or constraint name.

-- prepare_signoff: the body of 20261201000310_signoff_by_version_snapshot.sql with
-- only its raise statements changed (field hints; the stale-version message also says
-- what to do; its PT409 (HTTP 409) and hint, the current version, are unchanged; the row-level refusal speaks to people).
-- The evidence trigger (signoff_request_evidence, 20261201000200) raises nothing and
-- is unchanged.
create or replace function app_private.prepare_signoff() returns trigger
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
    raise exception 'Only the document''s required approvers at the client can sign it off.' using errcode = '42501';
  end if;
  -- Named on this version when it was published (its snapshot, not today's list),
  -- and still an approver or decision maker of the client today.
  if not exists (
    select 1 from public.requirement_version_approvers rva
    join public.client_contacts cc on cc.client_id = v.client_id and cc.person_id = rva.person_id
    where rva.version_id = v.id and rva.person_id = signer.id and cc.role in ('approver', 'decision_maker')
  ) then
    raise exception 'You are not an approver of this version.' using errcode = '42501';
  end if;
  select max(version) into latest from public.requirement_versions where document_id = v.document_id;
  if v.version <> latest then
    raise exception 'Version % is no longer current: version % was published since. Your decision was not recorded: read version % and what changed, then decide again.',
      v.version, latest, latest
      using errcode = 'PT409', hint = latest::text;
  end if;
  if new.decision = 'changes_requested' and coalesce(btrim(new.comment), '') = '' then
    raise exception 'Say what should change.' using errcode = '23514', hint = 'field:comment';
  end if;
  if new.decision = 'approved' then
    if coalesce(btrim(new.consent_text), '') = '' then
      raise exception 'Tick the consent statement to approve.' using errcode = '23514', hint = 'field:consent';
    end if;
    if lower(btrim(coalesce(new.signature_name, ''))) <> lower(btrim(signer.full_name)) then
      raise exception 'Type your full name, %, as your signature.', signer.full_name using errcode = '23514', hint = 'field:signatureName';
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

-- create_client: the body of 20261125000200_client_portal.sql; a taken address and
-- a project manager who is not staff are raised again naming their field (the
-- codes, 23505 and 23503, are unchanged). The insert runs first, so a caller RLS
-- refuses (42501) learns nothing about which addresses are taken.
create or replace function public.create_client(
  p_slug text, p_name text, p_primary_color text, p_accent_color text, p_welcome_text text,
  p_go_live_date date, p_service_takeover_date date, p_project_manager uuid,
  p_success_criteria jsonb default '[]'::jsonb, p_logo_content_type text default null, p_logo_base64 text default null
) returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  new_id uuid := gen_random_uuid();
  violated text;
begin
  begin
    insert into public.clients (id, slug, name, primary_color, accent_color, welcome_text, go_live_date, service_takeover_date, created_by)
    values (new_id, p_slug, p_name, p_primary_color, p_accent_color, nullif(btrim(p_welcome_text), ''), p_go_live_date,
            p_service_takeover_date, (select auth.uid()));
  exception when unique_violation then
    get stacked diagnostics violated = constraint_name;
    if violated = 'clients_slug_key' then
      raise exception 'The address "%" is already used by another client. Choose another.', p_slug
        using errcode = '23505', hint = 'field:slug';
    end if;
    raise;
  end;
  insert into public.success_criteria (client_id, statement, measure, position)
  select new_id, c.value ->> 'statement', nullif(btrim(c.value ->> 'measure'), ''), (c.ordinality - 1)::int
  from jsonb_array_elements(coalesce(p_success_criteria, '[]'::jsonb)) with ordinality as c(value, ordinality);
  if p_logo_base64 is not null then
    insert into public.client_logos (client_id, content_type, data_base64) values (new_id, p_logo_content_type, p_logo_base64);
  end if;
  begin
    insert into public.client_staff (client_id, person_id, role)
    values (new_id, p_project_manager, 'project_manager');
  exception when foreign_key_violation then
    raise exception 'Choose the project manager from the list of staff.'
      using errcode = '23503', hint = 'field:projectManagerId';
  end;
  return new_id;
end
$$;
