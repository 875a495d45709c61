-- The invitation, requirement-review and requirement-decision emails move onto the
-- outbox (issue 9, "move the emails that are sent inline today onto it";
-- docs/decisions/0008-email-outbox.md). Each is now queued by the RPC that makes the
-- change, in its transaction, with a stable idempotency key:
--
--   invite_contact               -> 'invitation'            key invitation:<person id>
--   publish_requirement_version  -> 'requirement-review'    key requirement-review:<version id>:<approver id>
--   sign_off_requirement (new)   -> 'requirement-decision'  key requirement-decision:<sign-off id>:<pm id>
--
-- The props hold what the database knows (names, the client's colour, titles) and
-- links as paths: the worker puts them on the configured origin and adds the
-- provider's name when it renders (emails/registry.ts), so no caller chooses where a
-- link points. A failing enqueue fails the change; a change rolled back queues nothing.
--
-- Also: outbox_claim can be scoped to one client's emails (p_client), so a worker
-- delivering only its own test client's emails can run beside other tests.

-- ---------------------------------------------------------------- invite_contact

-- The body of 20261125000200_client_portal.sql, then the invitation email (to the new
-- contact: what the portal is, and who their project manager is).
create or replace function public.invite_contact(p_client uuid, p_email text, p_full_name text, p_role public.contact_role,
  p_title text default null, p_phone text default null) returns uuid
  language plpgsql
  set search_path = ''
  as $$
declare
  new_id uuid := gen_random_uuid();
  v_email text := lower(btrim(p_email));
  v_name text := btrim(p_full_name);
  v_client record;
  v_pm record;
  v_pm_json jsonb;
begin
  if not app_private.is_client_pm(p_client) and not app_private.is_client_creator(p_client) then
    raise exception 'Only the project manager can invite contacts.' using errcode = '42501';
  end if;
  -- No RETURNING: the new person is not visible to the caller (RLS) until they are a contact.
  insert into public.people (id, email, full_name, title, phone)
  values (new_id, v_email, v_name, nullif(btrim(p_title), ''), nullif(btrim(p_phone), ''));
  insert into public.client_contacts (client_id, person_id, role) values (p_client, new_id, p_role);

  select c.name, c.primary_color into v_client from public.clients c where c.id = p_client;
  select p.full_name, p.email into v_pm
    from public.client_staff s join public.people p on p.id = s.person_id
   where s.client_id = p_client and s.role = 'project_manager'
   order by p.full_name, p.id
   limit 1;
  if found then
    v_pm_json := jsonb_build_object('fullName', v_pm.full_name, 'email', v_pm.email);
  end if;
  perform app_private.enqueue_email(
    p_template        => 'invitation',
    p_recipient       => v_email,
    p_props           => jsonb_build_object(
                           'personName', v_name,
                           'personEmail', v_email,
                           -- The role as the team page names it ("Decision maker").
                           'roleLabel', upper(left(p_role::text, 1)) || replace(substr(p_role::text, 2), '_', ' '),
                           'clientName', v_client.name,
                           'brand', jsonb_build_object('primaryColor', v_client.primary_color),
                           'projectManager', v_pm_json,
                           'loginUrl', '/login'),
    p_idempotency_key => 'invitation:' || new_id,
    p_client_id       => p_client);
  return new_id;
end
$$;

-- ---------------------------------------------------------------- publish_requirement_version

-- The body of 20261201000300_consistency_core.sql, then one review email to each
-- required approver of the new version (its snapshot, written by trigger on insert).
create or replace function public.publish_requirement_version(p_document uuid, p_title text, p_area text, p_due_date date,
  p_approvers uuid[], p_body text, p_change_note text, p_base_version integer default null)
  returns table (id uuid, version integer, body_sha256 text)
  language plpgsql
  set search_path = ''
  as $$
#variable_conflict use_column
declare
  latest public.requirement_versions;
  body text := coalesce(p_body, '');
  v_new public.requirement_versions;
  v_doc record;
  v_publisher text;
  v_approver record;
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
  insert into public.requirement_versions as v (document_id, client_id, version, body_markdown, body_sha256, change_note)
  select p_document, d.client_id, 0, body, '', nullif(btrim(p_change_note), '')
  from public.requirement_documents d where d.id = p_document
  returning v.* into v_new;

  select d.title, d.due_date, c.name as client_name, c.slug, c.primary_color into v_doc
    from public.requirement_documents d join public.clients c on c.id = d.client_id
   where d.id = p_document;
  select p.full_name into v_publisher from public.people p where p.id = v_new.published_by;
  for v_approver in
    select p.id as person_id, p.email, p.full_name
      from public.requirement_version_approvers a join public.people p on p.id = a.person_id
     where a.version_id = v_new.id
     order by p.email
  loop
    perform app_private.enqueue_email(
      p_template        => 'requirement-review',
      p_recipient       => v_approver.email,
      p_props           => jsonb_build_object(
                             'personName', v_approver.full_name,
                             'clientName', v_doc.client_name,
                             'brand', jsonb_build_object('primaryColor', v_doc.primary_color),
                             'documentTitle', v_doc.title,
                             'version', v_new.version,
                             'changeNote', v_new.change_note,
                             'dueDate', v_doc.due_date,
                             'publishedBy', v_publisher,
                             'documentUrl', '/c/' || v_doc.slug || '/requirements/' || p_document),
      p_idempotency_key => 'requirement-review:' || v_new.id || ':' || v_approver.person_id,
      p_client_id       => v_new.client_id);
  end loop;

  return query select v_new.id, v_new.version, v_new.body_sha256;
end
$$;

-- ---------------------------------------------------------------- sign_off_requirement (new)

-- An approver's decision on a version, and the email telling the client's project
-- manager(s), in one transaction. The row goes through the same insert as before
-- (RLS, and the triggers that refuse, stamp the signer and the version, and take
-- the address and browser from the request's JWT claim), so every refusal is the
-- one a direct insert gets. A second decision by the same person on the same version
-- records nothing and queues nothing (already_recorded).
create function public.sign_off_requirement(p_version uuid, p_decision public.signoff_decision,
  p_comment text default null, p_signature_name text default null, p_consent_text text default null)
  returns table (signoff_id bigint, already_recorded boolean, emails_queued integer)
  language plpgsql
  set search_path = ''
  as $$
declare
  s public.signoffs;
  v_doc record;
  v_pm record;
  v_queued integer := 0;
begin
  insert into public.signoffs (version_id, decision, comment, signature_name, consent_text)
  values (p_version, p_decision, p_comment, p_signature_name, p_consent_text)
  on conflict (version_id, person_id) do nothing
  returning * into s;
  if s.id is null then
    return query select null::bigint, true, 0;
    return;
  end if;

  select d.title, c.name as client_name, c.slug, c.primary_color into v_doc
    from public.requirement_documents d join public.clients c on c.id = d.client_id
   where d.id = s.document_id;
  for v_pm in
    select distinct p.id, p.email, p.full_name
      from public.client_staff cs join public.people p on p.id = cs.person_id
     where cs.client_id = s.client_id and cs.role = 'project_manager'
  loop
    perform app_private.enqueue_email(
      p_template        => 'requirement-decision',
      p_recipient       => v_pm.email,
      p_props           => jsonb_build_object(
                             'pmName', v_pm.full_name,
                             'approverName', s.person_name,
                             'decision', s.decision,
                             'comment', s.comment,
                             'clientName', v_doc.client_name,
                             'brand', jsonb_build_object('primaryColor', v_doc.primary_color),
                             'documentTitle', v_doc.title,
                             'version', s.version,
                             'documentUrl', '/staff/clients/' || v_doc.slug || '/requirements/' || s.document_id),
      p_idempotency_key => 'requirement-decision:' || s.id || ':' || v_pm.id,
      p_client_id       => s.client_id);
    v_queued := v_queued + 1;
  end loop;
  return query select s.id, false, v_queued;
end
$$;

revoke all on function public.sign_off_requirement(uuid, public.signoff_decision, text, text, text) from public, anon;
grant execute on function public.sign_off_requirement(uuid, public.signoff_decision, text, text, text) to authenticated, service_role;

-- ---------------------------------------------------------------- outbox_claim, optionally one client's emails

-- The claim of 20261201000500_email_outbox.sql with p_client: when given, only that
-- client's emails are claimed (a test delivering its own emails beside other tests;
-- a worker dedicated to one client). Batches formed under a scope hold that client's
-- rows only; a scoped claim skips a batch it cannot take whole, as any claim does.
drop function public.outbox_claim(uuid, int, int);
create function public.outbox_claim(p_claim uuid, p_limit int default 100, p_lease_seconds int default 120,
  p_client uuid default null)
  returns setof public.email_outbox
  language sql volatile security invoker
  set search_path = ''
  as $$
    with due as (
      select id, batch_key, batch_size, next_attempt_at
        from public.email_outbox
       where status in ('pending', 'sending') and next_attempt_at <= now()
         and (p_client is null or client_id = p_client)
       order by next_attempt_at, batch_key, id
       limit 100 -- the largest batch
       for update skip locked
    ), chosen as (
      select d.id from due d
       where d.batch_key is not null
         and (select count(*) from due x where x.batch_key = d.batch_key) = d.batch_size
      union all
      (select d.id from due d
        where d.batch_key is null
        order by d.next_attempt_at, d.id
        limit greatest(1, least(p_limit, 100)))
    )
    update public.email_outbox o
       set status = 'sending',
           attempts = o.attempts + 1,
           claim_token = p_claim,
           next_attempt_at = now() + make_interval(secs => greatest(p_lease_seconds, 1))
      from chosen
     where o.id = chosen.id
    returning o.*
  $$;

revoke all on function public.outbox_claim(uuid, int, int, uuid) from public, anon, authenticated;
grant execute on function public.outbox_claim(uuid, int, int, uuid) to service_role;
