-- The outbox worker records a whole batch in one call (issue 9, `npm run bench:digest`;
-- docs/decisions/0008-email-outbox.md, "What made delivery fast").
--
-- Until now the worker stored each row's rendered bytes and each delivered row's
-- outcome with its own PATCH through PostgREST: 100 requests per batch of 100, which
-- on a busy machine took longer than the batch call itself. These two functions take
-- a batch's rows at once. Both are for the worker alone (service role): revoked from
-- public, anon and authenticated (attacked in tests/security/outbox.test.ts).
-- SECURITY INVOKER: the service role already owns every right on the table.

-- Stores the rendered subject, HTML and text of claimed rows, one element per row:
-- [{"id": ..., "subject": ..., "html": ..., "text": ...}]. Only the first render is
-- kept (a row another worker rendered meanwhile keeps its bytes, as the single-row
-- update did). Returns the rows as stored, so the caller sends exactly the stored bytes.
create function public.outbox_store_rendered(p_rendered jsonb)
  returns setof public.email_outbox
  language plpgsql volatile security invoker
  set search_path = ''
  as $$
begin
  if jsonb_typeof(p_rendered) is distinct from 'array' then
    raise exception 'p_rendered must be an array' using errcode = '22023';
  end if;
  update public.email_outbox o
     set subject = r.subject, html = r.html, text_body = r.text, rendered_at = now()
    from jsonb_to_recordset(p_rendered) as r(id uuid, subject text, html text, text text)
   where o.id = r.id and o.rendered_at is null;
  return query
    select o.* from public.email_outbox o
     where o.id in (select r.id from jsonb_to_recordset(p_rendered) as r(id uuid));
end
$$;

revoke all on function public.outbox_store_rendered(jsonb) from public, anon, authenticated;
grant execute on function public.outbox_store_rendered(jsonb) to service_role;

-- Records that a unit (a batch, or one email alone) was delivered: every row sent,
-- with the provider's id for it (p_provider_ids in the same order as p_ids; missing
-- ids are recorded as null). Recorded whatever happened to the claim meanwhile: a
-- late worker's success is still the truth. Returns how many rows it marked.
create function public.outbox_record_sent(p_ids uuid[], p_provider_ids text[])
  returns int
  language sql volatile security invoker
  set search_path = ''
  as $$
    with marked as (
      update public.email_outbox o
         set status = 'sent', sent_at = now(), provider_message_id = m.provider_id,
             last_error = null, claim_token = null
        from unnest(p_ids, coalesce(p_provider_ids, '{}'::text[])) as m(id, provider_id)
       where o.id = m.id and m.id is not null
      returning 1
    )
    select count(*)::int from marked
  $$;

revoke all on function public.outbox_record_sent(uuid[], text[]) from public, anon, authenticated;
grant execute on function public.outbox_record_sent(uuid[], text[]) to service_role;
