-- Sign-off requests follow the approver's notification preference (issue 9).
-- (Its default for every role is now "at once": see default_delivery below.)
--
-- publish_requirement_version (20261201002000) queued a review email to every
-- approver of the new version. An approver chooses, per kind of email, "at once",
-- "in the digest" or "never" (20261201001400, app_private.notification_delivery);
-- the digest already lists the sign-offs a person owes, so only "at once" queues an
-- email here. Someone who is not a contact of the client (no preference row can
-- exist) is emailed at once. The queued props now name their recipient, so the email
-- says why it came and carries the preferences link, a one-click unsubscribe from
-- sign-off requests and the List-Unsubscribe headers, like the update email.
-- Same signature, same rules otherwise: re-created in full.

-- A sign-off request is only ever sent to someone named as a required approver of
-- the version, who is the one holding the work up: by default it goes at once, whatever
-- their contact role (it used to wait for the digest for decision makers and viewers,
-- so a named decision maker would learn of it up to a week late). Updates and date
-- changes keep their role defaults: decision makers get those in the digest.
create or replace function app_private.default_delivery(p_role public.contact_role, p_kind public.notification_kind)
  returns public.notification_delivery
  language sql immutable
  set search_path = ''
  as $$
    select case
      when p_kind = 'sign_off_requests' then 'now'
      when p_role = 'decision_maker' then 'digest'
      else 'now'
    end::public.notification_delivery
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
       and coalesce(app_private.notification_delivery(v_new.client_id, p.id, 'sign_off_requests'), 'now') = 'now'
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
                             'documentUrl', '/c/' || v_doc.slug || '/requirements/' || p_document,
                             'recipient', jsonb_build_object('clientId', v_new.client_id, 'personId', v_approver.person_id,
                                                             'clientSlug', v_doc.slug, 'kind', 'sign_off_requests')),
      p_idempotency_key => 'requirement-review:' || v_new.id || ':' || v_approver.person_id,
      p_client_id       => v_new.client_id);
  end loop;

  return query select v_new.id, v_new.version, v_new.body_sha256;
end
$$;
