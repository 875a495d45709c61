-- A visit is a sitting, not a page load (issue 13; docs/decisions/0019).
--
-- Until now every load of the client's page was a visit: the load recorded
-- itself, and "new since your last visit" was measured from the load before.
-- So the marks vanished on the next load: a contact who saw "3 new updates",
-- marked a task done (the page answers by loading again) or pressed reload,
-- lost the marks on the two updates not yet read. And every load wrote the
-- person's row, taking its lock until commit, so loads of one person queued
-- behind each other.
--
-- Now a visit lasts while the page is opened again within 30 minutes. What is
-- new is measured from the end of the previous visit, and stays marked for the
-- whole visit. last_seen_at is refreshed at most once a minute: an open within
-- a minute of it reads the row and writes nothing, so a visit ends 30 to 31
-- minutes after the last open.

create or replace function app_private.stamp_client_visit() returns trigger
  language plpgsql
  set search_path = ''
  as $$
begin
  -- The server's own writes (service role, no person) keep the times they give:
  -- the tests move a visit back in time this way.
  if (select auth.uid()) is null then
    return new;
  end if;
  new.person_id := (select auth.uid());
  if tg_op = 'INSERT' then
    new.last_seen_at := now();
    new.previous_seen_at := null;
  else
    new.client_id := old.client_id;
    -- greatest: a transaction that started before the one it waited for must
    -- not move the time back.
    new.last_seen_at := greatest(old.last_seen_at, now());
    if old.last_seen_at < now() - interval '30 minutes' then
      -- A new visit: the previous one ended when the page was last opened.
      new.previous_seen_at := old.last_seen_at;
    else
      new.previous_seen_at := old.previous_seen_at;
    end if;
  end if;
  return new;
end
$$;

create or replace function public.record_client_visit(p_slug text) returns timestamptz
  language plpgsql
  set search_path = ''
  as $$
declare
  v_client uuid;
  v_last timestamptz;
  v_previous timestamptz;
begin
  select id into v_client from public.clients where slug = p_slug;
  if v_client is null then
    return null;
  end if;
  select last_seen_at, previous_seen_at into v_last, v_previous
    from public.client_visits where person_id = (select auth.uid()) and client_id = v_client;
  if found and v_last > now() - interval '1 minute' then
    return v_previous;
  end if;
  insert into public.client_visits (client_id) values (v_client)
    on conflict (person_id, client_id) do update set last_seen_at = excluded.last_seen_at
    returning previous_seen_at into v_previous;
  return v_previous;
end
$$;

comment on function public.record_client_visit(text) is
  'Records that the caller opened the client''s page and returns the end of their previous visit (null on the first). A visit lasts while the page is opened again within 30 minutes; the row is written at most once a minute.';
comment on table public.client_visits is
  'When each person last opened a client''s page (refreshed at most once a minute), and when their previous visit ended (for "new since your last visit").';
