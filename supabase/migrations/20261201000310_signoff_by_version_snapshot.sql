-- Who may sign a version is decided by the approvers it was published for
-- (requirement_version_approvers, 20261201000300), not by today's approver list:
-- an approver removed from the document after publishing can still sign the
-- version they were asked to sign; one added later is asked from the next version.
-- The signer must still hold an approving role at the client (a demoted contact
-- cannot sign). Otherwise unchanged from 20261125000400.
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
    raise exception 'new row violates row-level security policy for table "signoffs"' using errcode = '42501';
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
