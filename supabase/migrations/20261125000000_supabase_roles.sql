-- Supabase's roles and auth helpers, created only where missing.
--
-- A hosted Supabase project already has all of this (and `postgres` there may
-- not alter it), so every statement is guarded. On the local stack's plain
-- PostgreSQL it creates what PostgREST and our policies expect:
--   anon, authenticated      the roles PostgREST switches to per request
--   service_role             bypasses RLS; for named server jobs only
--   authenticator            PostgREST's login role (password set by the local stack)
--   auth.uid(), auth.role(), auth.jwt()   read the JWT claims PostgREST sets

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
    grant anon, authenticated, service_role to authenticator;
  end if;
end
$$;

create schema if not exists auth;
create schema if not exists extensions;

do $$
begin
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb
      language sql stable
      set search_path = ''
      as $f$
        select coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
      $f$;
  end if;
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid
      language sql stable
      set search_path = ''
      as $f$
        select nullif(coalesce(
          current_setting('request.jwt.claim.sub', true),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        ), '')::uuid
      $f$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text
      language sql stable
      set search_path = ''
      as $f$
        select nullif(coalesce(
          current_setting('request.jwt.claim.role', true),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
        ), '')::text
      $f$;
    grant usage on schema auth to anon, authenticated, service_role;
    grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;
  end if;
end
$$;

-- The exposed schema: roles may look in it, and nothing in it is granted by
-- default. (Hosted Supabase grants new tables and functions in public to anon
-- and authenticated through default privileges; we revoke those so that every
-- grant in later migrations is explicit, and functions lose PostgreSQL's
-- default EXECUTE for PUBLIC.)
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke execute on functions from public, anon, authenticated;
