-- Server-side sessions, so that signing out ends the session for real: the
-- cookie carries a session id, every request checks its row, and signing out
-- revokes it (a copied cookie stops working too). Each person sees and revokes
-- only their own sessions; a revoked session cannot be brought back.

create table public.auth_sessions (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null default auth.uid() references public.people (id) on delete cascade,
  user_agent text check (length(user_agent) <= 500),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index auth_sessions_person_idx on public.auth_sessions (person_id, created_at desc);

alter table public.auth_sessions enable row level security;
revoke all on public.auth_sessions from anon, authenticated;
grant all on public.auth_sessions to service_role;
grant select, insert on public.auth_sessions to authenticated;
grant update (revoked_at) on public.auth_sessions to authenticated;

create policy auth_sessions_select on public.auth_sessions for select to authenticated
  using (person_id = (select auth.uid()));
create policy auth_sessions_insert on public.auth_sessions for insert to authenticated
  with check (person_id = (select auth.uid()) and revoked_at is null);
create policy auth_sessions_update on public.auth_sessions for update to authenticated
  using (person_id = (select auth.uid()) and revoked_at is null)
  with check (person_id = (select auth.uid()) and revoked_at is not null);
