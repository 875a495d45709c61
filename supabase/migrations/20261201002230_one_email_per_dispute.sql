-- One email per disputed commitment for the PM (issue 9 remainder).
--
-- A contact's first dispute of a commitment raised a concern, which opened a
-- dissatisfier: the project manager got two emails about one thing, the dispute
-- (commitment-disputed, to PMs and sales leads) and the new dissatisfier
-- (dissatisfier-opened, to PMs and relationship managers). Now the dissatisfier's email
-- says it is a dispute (its reason line, the promise and comment in the contact's
-- words, and a link to the commitment on the handoff page), and the dispute email
-- goes only to those who do not get that one (sales leads who are not also PMs or
-- relationship managers). A new comment on a dispute already recorded opens no
-- dissatisfier, so it still emails the PM and sales as before. respond_to_commitment
-- still returns how many people were told of the dispute, by either email.
--
-- Both functions are as in 20261201001700 and 20261201001200 except where marked.

create or replace function app_private.dissatisfier_opened() returns trigger
  language plpgsql security definer
  set search_path = ''
  as $$
declare
  v_client record;
  v_raiser text;
  v_staff record;
  v_reason text;
  v_detail text;
  v_answer record;
  v_commitment uuid;
begin
  insert into public.dissatisfier_notes (dissatisfier_id, client_id) values (new.id, new.client_id);
  select c.name, c.slug, c.primary_color into v_client from public.clients c where c.id = new.client_id;
  select full_name into v_raiser from public.people where id = new.raised_by;
  select score, comment into v_answer from public.pulse_answers where id = new.answer_id;
  select commitment_id into v_commitment from public.concerns where id = new.concern_id;
  v_reason := case
    when v_commitment is not null then 'A contact disputed a commitment: they say it is not what was agreed.'
    else case new.source
    when 'low_score' then 'A contact scored the onboarding ' || v_answer.score || ' out of 5.'
    when 'score_drop' then 'A contact''s pulse score fell to ' || v_answer.score || ' out of 5.'
    when 'concern' then 'A contact raised a concern.'
    else 'A dissatisfier was opened from a ' || new.source::text || '.'
  end end;
  v_detail := case when new.source = 'concern' then (select body from public.concerns where id = new.concern_id)
                   else v_answer.comment end;
  for v_staff in
    select distinct p.id, p.email, p.full_name
      from public.client_staff cs join public.people p on p.id = cs.person_id
     where cs.client_id = new.client_id and cs.role in ('project_manager', 'relationship_manager')
  loop
    perform app_private.enqueue_email(
      p_template        => 'dissatisfier-opened',
      p_recipient       => v_staff.email,
      p_props           => jsonb_build_object(
                             'recipientName', v_staff.full_name,
                             'clientName', v_client.name,
                             'primaryColor', v_client.primary_color,
                             'reason', v_reason,
                             'summary', new.summary,
                             'detail', v_detail,
                             'raisedBy', v_raiser,
                             'dueDate', new.due_date,
                             'path', '/staff/clients/' || v_client.slug || '/feedback',
                             -- A dispute: where the commitment and its history are.
                             'disputePath', case when v_commitment is not null
                                                 then '/staff/clients/' || v_client.slug || '/handoff' end),
      p_idempotency_key => 'dissatisfier-opened:' || new.id || ':' || v_staff.id,
      p_client_id       => new.client_id);
  end loop;
  return null;
end
$$;

create or replace function public.respond_to_commitment(
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
  v_opens boolean;
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

  -- A first dispute (not a new comment on one already recorded) raises a concern, which
  -- opens a dissatisfier (commitments_disputed, concerns_raised), whose email goes to the
  -- client's project and relationship managers and names the dispute.
  v_opens := v_row.status is distinct from 'disputed';
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
    v_sent := v_sent + 1;
    -- Told once: the dissatisfier's email already says it is this dispute.
    continue when v_opens and exists (
      select 1 from public.client_staff r
       where r.client_id = v_row.client_id and r.person_id = v_staff.id and r.role in ('project_manager', 'relationship_manager'));
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
  end loop;
  return v_sent;
end;
$$;
revoke all on function public.respond_to_commitment(uuid, public.commitment_status, text) from public, anon;
grant execute on function public.respond_to_commitment(uuid, public.commitment_status, text) to authenticated, service_role;
