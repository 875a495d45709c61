-- The email outbox (issue 9, "delivery that loses nothing and sends nothing twice";
-- docs/decisions/0008-email-outbox.md).
--
-- One row per logical email. A feature's RPC adds its emails by calling
-- app_private.enqueue_email(...) inside its own transaction, so the email exists
-- exactly when the change that causes it commits. The worker (app/lib/jobs/,
-- service role, job "email-outbox") renders the row once, stores the rendered
-- subject/html/text on it, and delivers it through Resend with the row's
-- idempotency key, retrying with backoff. Nobody else writes these rows.
--
-- Status:   pending  waiting for its next attempt (next_attempt_at)
--           sending  claimed by a worker until next_attempt_at (the lease); a
--                    worker that dies leaves it to be claimed again after that
--           sent     delivered (provider_message_id set)
--           failed   given up: a permanent provider error, an unknown template,
--                    or too many attempts (last_error says which)

create type public.email_status as enum ('pending', 'sending', 'sent', 'failed');

create table public.email_outbox (
  id uuid primary key default gen_random_uuid(),
  -- The client the email is about (null for mail about no client); staff of
  -- that client may read the row's delivery state.
  client_id uuid references public.clients (id) on delete cascade,
  -- A name in emails/registry.ts.
  template text not null check (template ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  recipient text not null check (recipient ~ '^[^@\s]+@[^@\s]+$' and length(recipient) <= 320),
  props jsonb not null default '{}'::jsonb check (jsonb_typeof(props) = 'object'),
  -- Rendered once, before the first attempt; every attempt sends these bytes.
  subject text,
  html text,
  text_body text,
  rendered_at timestamptz,
  -- One logical email, one key, for as long as it is retried (Resend's
  -- Idempotency-Key). Enqueueing the same key again adds nothing.
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 200),
  -- Emails first tried together in one call to Resend's batch endpoint stay one
  -- batch with one key (derived from their keys) on every retry.
  batch_key text,
  batch_size int check (batch_size between 1 and 100),
  status public.email_status not null default 'pending',
  attempts int not null default 0 check (attempts >= 0),
  -- pending: when it is due; sending: when the lease runs out.
  next_attempt_at timestamptz not null default now(),
  -- Which claim holds a row that is sending (so a late worker cannot overwrite a newer claim).
  claim_token uuid,
  last_error text,
  provider_message_id text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((batch_key is null) = (batch_size is null)),
  check (status <> 'sent' or sent_at is not null)
);

comment on table public.email_outbox is
  'One row per logical email, written in the transaction of the change that causes it; delivered by the email-outbox worker.';

create index email_outbox_due on public.email_outbox (next_attempt_at, batch_key, id)
  where status in ('pending', 'sending');
create index email_outbox_client on public.email_outbox (client_id, created_at desc);
create index email_outbox_batch on public.email_outbox (batch_key) where batch_key is not null;

create trigger email_outbox_touch before update on public.email_outbox
  for each row execute function app_private.touch_updated_at();

-- ---------------------------------------------------------------- access

alter table public.email_outbox enable row level security;

revoke all on public.email_outbox from public, anon, authenticated;
grant all on public.email_outbox to service_role;
-- Staff see how delivery went, not what was sent: no props, subject or bodies
-- (they can hold sign-in links and tokens meant for the recipient alone).
grant select (id, client_id, template, recipient, status, attempts, next_attempt_at, last_error,
              provider_message_id, sent_at, created_at, updated_at)
  on public.email_outbox to authenticated;

-- Staff of the client (and admins) read its rows; contacts and everyone else see none.
create policy email_outbox_select_staff on public.email_outbox for select to authenticated
  using (client_id is not null and (select app_private.is_client_staff(client_id)));

-- No insert, update or delete policy or grant for authenticated: rows arrive only
-- through app_private.enqueue_email, and change only in the worker (service role).

-- ---------------------------------------------------------------- enqueue (called by feature RPCs)

-- Adds one email to the outbox in the caller's transaction, and returns its id.
-- Idempotent: the same key again returns the existing row's id and adds nothing.
--
-- A feature RPC (SECURITY INVOKER, in public) decides who may cause the email,
-- then calls, e.g.:
--
--   perform app_private.enqueue_email(
--     p_template        => 'invitation',
--     p_recipient       => v_person.email,
--     p_props           => jsonb_build_object('personName', v_person.full_name, ...),
--     p_idempotency_key => 'invitation:' || v_contact_id,
--     p_client_id       => p_client_id);
--
-- The props are the template's props (emails/registry.ts) as JSON; absolute URLs
-- in them come from the configured origin, passed in by the app (house rule 12).
-- Security definer so that the caller needs no grant on the table; it is in
-- app_private (not exposed by PostgREST), so it is only reachable through an RPC
-- that chose to call it.
create function app_private.enqueue_email(
  p_template text,
  p_recipient text,
  p_props jsonb,
  p_idempotency_key text,
  p_client_id uuid default null,
  p_not_before timestamptz default null
) returns uuid
  language plpgsql volatile security definer
  set search_path = ''
  as $$
declare
  v_id uuid;
begin
  insert into public.email_outbox (template, recipient, props, idempotency_key, client_id, next_attempt_at)
  values (p_template, lower(trim(p_recipient)), coalesce(p_props, '{}'::jsonb), p_idempotency_key, p_client_id,
          greatest(now(), coalesce(p_not_before, now())))
  on conflict (idempotency_key) do nothing
  returning id into v_id;
  if v_id is null then
    select id into v_id from public.email_outbox where idempotency_key = p_idempotency_key;
  end if;
  return v_id;
end;
$$;

revoke all on function app_private.enqueue_email(text, text, jsonb, text, uuid, timestamptz) from public;
grant execute on function app_private.enqueue_email(text, text, jsonb, text, uuid, timestamptz) to authenticated, service_role;

-- ---------------------------------------------------------------- the worker's claim (service role only)

-- Claims due rows for one worker: pending rows whose time has come and sending
-- rows whose lease ran out (their worker died). FOR UPDATE SKIP LOCKED, so
-- workers running at once never claim the same row. A batch is claimed whole or
-- not at all (whatever p_limit is), so it is always retried with the same
-- members under the same key; rows in no batch are claimed up to p_limit. Each
-- claim counts as an attempt and holds the rows for p_lease_seconds.
create function public.outbox_claim(p_claim uuid, p_limit int default 100, p_lease_seconds int default 120)
  returns setof public.email_outbox
  language sql volatile security invoker
  set search_path = ''
  as $$
    with due as (
      select id, batch_key, batch_size, next_attempt_at
        from public.email_outbox
       where status in ('pending', 'sending') and next_attempt_at <= now()
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

revoke all on function public.outbox_claim(uuid, int, int) from public, anon, authenticated;
grant execute on function public.outbox_claim(uuid, int, int) to service_role;
