-- Sign-in limits decided in one atomic step (issue 7, items 3-5).
--
-- Before: the app counted recent auth_events, then (after sending a code or
-- checking a guess) inserted one. Concurrent requests all saw the same count
-- and all went through. Now one function takes a per-email (and per-address)
-- transaction lock, counts, and records the attempt only when it is within
-- the limit, so N concurrent requests record and allow at most the limit.
--
-- 'code_checked' is a code guess about to be checked (right or wrong): the
-- guess is recorded before it is checked, so a race cannot check more than the
-- limit. Guesses count from the later of the window start and the last
-- successful sign-in of that email.

alter table public.auth_events drop constraint if exists auth_events_kind_check;
alter table public.auth_events add constraint auth_events_kind_check
  check (kind in ('code_requested', 'code_failed', 'code_checked', 'code_used'));

create function public.record_sign_in_attempt(
  p_kind text,
  p_email text,
  p_ip text,
  p_per_email integer,
  p_per_ip integer,
  p_window_minutes integer
) returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  since timestamptz := now() - make_interval(mins => p_window_minutes);
  last_use timestamptz;
begin
  if p_kind not in ('code_requested', 'code_checked') then
    raise exception 'unknown sign-in attempt kind %', p_kind using errcode = '22023';
  end if;
  if p_email is null or p_per_email is null or p_window_minutes is null then
    raise exception 'email, per-email limit and window are required' using errcode = '22004';
  end if;

  -- Always the email lock first, then the address lock: one order, no deadlocks.
  perform pg_advisory_xact_lock(hashtextextended('auth_events:' || p_kind || ':email:' || p_email, 0));
  if p_ip is not null and p_per_ip is not null then
    perform pg_advisory_xact_lock(hashtextextended('auth_events:' || p_kind || ':ip:' || p_ip, 0));
  end if;

  if p_kind = 'code_checked' then
    select max(e.created_at) into last_use
      from public.auth_events e
     where e.kind = 'code_used' and e.email = p_email and e.created_at > since;
    since := greatest(since, last_use);
  end if;

  if (select count(*) from public.auth_events e
       where e.kind = p_kind and e.email = p_email and e.created_at > since) >= p_per_email then
    return false;
  end if;
  if p_ip is not null and p_per_ip is not null and
     (select count(*) from public.auth_events e
       where e.kind = p_kind and e.ip = p_ip and e.created_at > since) >= p_per_ip then
    return false;
  end if;

  insert into public.auth_events (kind, email, ip) values (p_kind, p_email, p_ip);
  return true;
end;
$$;

comment on function public.record_sign_in_attempt is
  'Sign-in job only: records a code request or code guess and returns true when it is within the limits, atomically.';

revoke all on function public.record_sign_in_attempt(text, text, text, integer, integer, integer) from public, anon, authenticated;
grant execute on function public.record_sign_in_attempt(text, text, text, integer, integer, integer) to service_role;
