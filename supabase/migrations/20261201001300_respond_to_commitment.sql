-- A contact's answer to a commitment, in one transaction (house rule 14, ADR 0008):
-- the update (the guard_commitment and log_commitment triggers still apply: who may
-- answer, the comment's check, the stamps, the history) and, for a dispute, one
-- email in the outbox for each of the client's project managers and sales leads.
--
-- SECURITY INVOKER: RLS and the triggers decide everything, as for the plain
-- update it replaces. The recipients are read as the caller (a contact of the
-- client can read its team, as the portal does).
--
-- Idempotent per dispute event: the row is locked first, and a dispute that
-- repeats the commitment's current dispute (same comment) changes nothing and
-- enqueues nothing, so a double submit (or 50) sends one email per recipient.
-- The key is the dispute's commitment_events row and the recipient.
--
-- p_origin is the configured origin (APP_URL) the app passes in, for the link;
-- p_provider_name the provider's name for the email's brand.
create function public.respond_to_commitment(
  p_commitment uuid,
  p_status public.commitment_status,
  p_comment text default null,
  p_origin text default null,
  p_provider_name text default null
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
  -- After the update, so the trigger's refusals (not the client's, no comment) come first.
  if p_origin is null or p_origin !~ '^https?://[A-Za-z0-9.-]+(:[0-9]+)?$' then
    raise exception 'respond_to_commitment needs the configured origin' using errcode = '22023';
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
        'brand', jsonb_build_object('name', coalesce(p_provider_name, ''), 'primaryColor', v_client.primary_color),
        'promise', v_row.promise,
        'promisedBy', v_row.promised_by,
        'disputedBy', coalesce(v_disputer, 'Your client'),
        'comment', v_row.dispute_comment,
        'handoffUrl', p_origin || '/staff/clients/' || v_client.slug || '/handoff'),
      p_idempotency_key => 'commitment-disputed:' || v_event || ':' || v_staff.id,
      p_client_id       => v_row.client_id);
    v_sent := v_sent + 1;
  end loop;
  return v_sent;
end;
$$;

revoke all on function public.respond_to_commitment(uuid, public.commitment_status, text, text, text) from public, anon;
grant execute on function public.respond_to_commitment(uuid, public.commitment_status, text, text, text) to authenticated, service_role;
