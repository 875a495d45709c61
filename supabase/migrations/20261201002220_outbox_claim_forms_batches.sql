-- The claim forms the batch (issue 9, `npm run bench:digest`; docs/decisions/0008).
--
-- The worker used to claim due rows, then record the first attempts it would send
-- together as a batch (batch_key, batch_size) with a second UPDATE of the same rows
-- through PostgREST, before sending. The claim now does it in its own statement: the
-- rows on their first attempt that one claim takes become one batch (when there are
-- two or more), keyed as before, by a hash of their sorted keys
-- (app/lib/jobs/outbox.server.ts batchKeyOf: "batch-" and the first 48 hex digits of
-- the SHA-256 of the keys joined by newlines). One round trip and one rewrite of each
-- row fewer per batch, and no window in which a claimed batch is not yet recorded.
-- Everything else is as in 20261201002000: due rows FOR UPDATE SKIP LOCKED, a
-- recorded batch claimed whole or not at all, an attempt counted, a lease set.
--
-- A first attempt that cannot render is taken out of its batch by the worker before
-- anything is sent (the rest are re-keyed): nothing was sent under the first key.
create or replace function public.outbox_claim(p_claim uuid, p_limit int default 100, p_lease_seconds int default 120,
  p_client uuid default null)
  returns setof public.email_outbox
  language sql volatile security invoker
  set search_path = ''
  as $$
    with due as (
      select id, batch_key, batch_size, next_attempt_at, attempts, idempotency_key
        from public.email_outbox
       where status in ('pending', 'sending') and next_attempt_at <= now()
         and (p_client is null or client_id = p_client)
       order by next_attempt_at, batch_key, id
       limit 100 -- the largest batch
       for update skip locked
    ), chosen as (
      select d.id, d.batch_key, d.attempts, d.idempotency_key from due d
       where d.batch_key is not null
         and (select count(*) from due x where x.batch_key = d.batch_key) = d.batch_size
      union all
      (select d.id, d.batch_key, d.attempts, d.idempotency_key from due d
        where d.batch_key is null
        order by d.next_attempt_at, d.id
        limit greatest(1, least(p_limit, 100)))
    ), fresh as (
      select c.id, c.idempotency_key from chosen c where c.batch_key is null and c.attempts = 0
    ), new_batch as (
      select 'batch-' || left(encode(sha256(convert_to(
               string_agg(f.idempotency_key, E'\n' order by f.idempotency_key collate "C"), 'UTF8')), 'hex'), 48) as key,
             count(*)::int as size
        from fresh f
      having count(*) > 1
    )
    update public.email_outbox o
       set status = 'sending',
           attempts = o.attempts + 1,
           claim_token = p_claim,
           next_attempt_at = now() + make_interval(secs => greatest(p_lease_seconds, 1)),
           batch_key = coalesce(o.batch_key, case when f.id is not null then b.key end),
           batch_size = coalesce(o.batch_size, case when f.id is not null then b.size end)
      from chosen c
      left join fresh f on f.id = c.id
      left join new_batch b on true
     where o.id = c.id
    returning o.*
  $$;
