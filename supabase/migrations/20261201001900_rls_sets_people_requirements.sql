-- The remaining per-row SELECT policies of the tables the client page and the
-- requirement page read move to once-per-statement sets (issue 13; see
-- docs/decisions/0009-client-page-speed.md, "Follow-up", for EXPLAIN evidence).
--
-- Before, each of these policies called a SECURITY DEFINER helper for every row
-- (`(select app_private.can_see_client(client_id))` is a correlated SubPlan:
-- the `select` wrapper makes an InitPlan only when the argument does not depend
-- on the row). Now they test membership in a set built once per statement.
--
-- Each new policy says exactly what the one it replaces said:
--   can_see_client(c)    = is_admin() or c in member_client_ids()
--   is_client_staff(c)   = is_admin() or c in staff_client_ids()
--   is_client_contact(c) = c in contact_client_ids()
--   can_see_person(p)    = is_admin() or p in visible_person_ids()   (defined below)
-- Write policies are unchanged (they run per written row, usually one).

-- ---------------------------------------------------------------- people

-- Everyone the caller may see, as can_see_person() decides it, except the
-- admin's "everyone" (policies test is_admin() first, as an InitPlan):
--   yourself;
--   staff: every staff member, and the contacts of the clients they work on;
--   contacts: the staff and the contacts of their own clients.
create function app_private.visible_person_ids() returns setof uuid
  language sql stable security definer rows 50
  set search_path = ''
  as $$
    select (select auth.uid())
    union
    select s.person_id from public.staff s
     where exists (select 1 from public.staff me where me.person_id = (select auth.uid()))
    union
    select cc.person_id
      from public.client_staff cs
      join public.client_contacts cc on cc.client_id = cs.client_id
     where cs.person_id = (select auth.uid())
       and exists (select 1 from public.staff me where me.person_id = (select auth.uid()))
    union
    select cs.person_id
      from public.client_contacts me
      join public.client_staff cs on cs.client_id = me.client_id
     where me.person_id = (select auth.uid())
    union
    select cc.person_id
      from public.client_contacts me
      join public.client_contacts cc on cc.client_id = me.client_id
     where me.person_id = (select auth.uid())
  $$;

revoke all on function app_private.visible_person_ids() from public;
grant execute on function app_private.visible_person_ids() to authenticated, service_role;

drop policy people_select on public.people;
create policy people_select on public.people for select to authenticated
  using ((select app_private.is_admin()) or id in (select app_private.visible_person_ids()));

-- ---------------------------------------------------------------- client_contacts

drop policy client_contacts_select on public.client_contacts;
create policy client_contacts_select on public.client_contacts for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

-- ---------------------------------------------------------------- requirement tables

drop policy requirement_drafts_select on public.requirement_drafts;
create policy requirement_drafts_select on public.requirement_drafts for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids()));

drop policy requirement_versions_select on public.requirement_versions;
create policy requirement_versions_select on public.requirement_versions for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy requirement_approvers_select on public.requirement_approvers;
create policy requirement_approvers_select on public.requirement_approvers for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy requirement_version_approvers_select on public.requirement_version_approvers;
create policy requirement_version_approvers_select on public.requirement_version_approvers for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy signoffs_select on public.signoffs;
create policy signoffs_select on public.signoffs for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

-- ---------------------------------------------------------------- date_changes (the client page's slip log)

-- A contact sees a slip that was not internal when recorded and whose item is
-- not internal now (or was not when it was deleted); staff of the client see all.
drop policy date_changes_select on public.date_changes;
create policy date_changes_select on public.date_changes for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (not is_internal and not item_hidden and client_id in (select app_private.contact_client_ids()))
  );
