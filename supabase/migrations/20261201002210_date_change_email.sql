-- A milestone's planned date moved: the client's contacts who get date changes "at
-- once" are emailed, in the transaction that moved it (issue 9; docs/decisions/0013).
--
-- A date change is recorded by the slip log (app_private.log_planned_date_change, a
-- trigger on milestones and phases) as a row of public.date_changes, whatever path
-- moved the date (the plan editor's update, a future RPC). The email is queued by a
-- trigger on that row, so it exists exactly when the change commits, and a change that
-- is rolled back leaves no email. Only what a contact may read about the change goes
-- into it (the date_changes_select policy: not internal, item not hidden): the
-- milestone's title, the old and new day and the reason given; never the milestone's
-- description or risk note. "digest" leaves the change to the recipient's digest
-- (it reads the slip log as them); "never" sends nothing.
--
-- Once per contact per change: the key is the slip row and the person. A double submit
-- of the same change moves nothing the second time (old = new), so it logs no second
-- slip and sends nothing more.
--
-- Phases' start and end dates are logged too but not emailed: the request is about
-- milestones (the dates a client plans around); phase moves stay in the digest.

create function app_private.email_date_change() returns trigger
  language plpgsql
  security definer -- reads other people's preferences and addresses (the mover is staff, under RLS)
  set search_path = ''
  as $$
declare
  v_client public.clients;
  v_contact record;
begin
  if new.milestone_id is null or new.field <> 'planned_date' or new.is_internal or new.item_hidden then
    return null;
  end if;
  select * into v_client from public.clients where id = new.client_id;
  for v_contact in
    select p.id, p.email, p.full_name
      from public.client_contacts cc join public.people p on p.id = cc.person_id
     where cc.client_id = new.client_id
       and app_private.notification_delivery(new.client_id, p.id, 'date_changes') = 'now'
     order by p.email
  loop
    perform app_private.enqueue_email(
      p_template        => 'date-change',
      p_recipient       => v_contact.email,
      p_props           => jsonb_build_object(
                             'personName', v_contact.full_name,
                             'clientName', v_client.name,
                             'brand', jsonb_build_object('primaryColor', v_client.primary_color),
                             'milestoneTitle', new.item_title,
                             'oldDate', new.old_date,
                             'newDate', new.new_date,
                             'reason', new.reason,
                             'pageUrl', '/c/' || v_client.slug,
                             'recipient', jsonb_build_object('clientId', new.client_id, 'personId', v_contact.id,
                                                             'clientSlug', v_client.slug, 'kind', 'date_changes')),
      p_idempotency_key => 'date-change:' || new.id || ':' || v_contact.id,
      p_client_id       => new.client_id);
  end loop;
  return null;
end
$$;

revoke all on function app_private.email_date_change() from public;

create trigger date_changes_email after insert on public.date_changes
  for each row execute function app_private.email_date_change();
