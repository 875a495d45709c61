-- The SELECT policies written after migration 20261201000600 in its set-based form
-- (issue 13; docs/decisions/0016).
--
-- 20261201000600 rewrote the page's SELECT policies from a function call per row
-- (`(select app_private.can_see_client(client_id))`: correlated with the row, so
-- the security-definer function runs once for every row read) to membership in a
-- set computed once per statement (`client_id in (select
-- app_private.member_client_ids())`, a hashed subplan). The tables added since
-- (updates and replies, the handoff's commitments, links, events, facts and
-- seller notes) went back to the per-row form. These say exactly what the
-- replaced ones said, with the equalities of 20261201000600:
--   can_see_client(c)      = is_admin() or c in member_client_ids()
--   can_see_item(c, i)     = is_admin() or c in staff_client_ids() or (not i and c in contact_client_ids())
--   is_client_staff(c)     = is_admin() or c in staff_client_ids()
--   is_client_contact(c)   = c in contact_client_ids()
-- tests/security/rls-matrix.test.ts and the feature attack tests check each
-- table for every actor.

drop policy client_updates_select on public.client_updates;
create policy client_updates_select on public.client_updates for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (not is_internal and client_id in (select app_private.contact_client_ids()))
  );

drop policy update_replies_select on public.update_replies;
create policy update_replies_select on public.update_replies for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (client_id in (select app_private.contact_client_ids())
        and exists (select 1 from public.client_updates u where u.id = update_replies.update_id and not u.is_internal))
  );

drop policy client_facts_select on public.client_facts;
create policy client_facts_select on public.client_facts for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy commitments_select on public.commitments;
create policy commitments_select on public.commitments for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.member_client_ids()));

drop policy commitment_links_select on public.commitment_links;
create policy commitment_links_select on public.commitment_links for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (client_id in (select app_private.contact_client_ids())
        and (milestone_id is null or exists (select 1 from public.milestones m where m.id = commitment_links.milestone_id)))
  );

drop policy commitment_events_select on public.commitment_events;
create policy commitment_events_select on public.commitment_events for select to authenticated
  using (
    (select app_private.is_admin())
    or client_id in (select app_private.staff_client_ids())
    or (client_id in (select app_private.contact_client_ids())
        and (not (detail ? 'milestone_id')
             or exists (select 1 from public.milestones m where m.id = (commitment_events.detail ->> 'milestone_id')::uuid)))
  );

drop policy client_fact_seller_notes_select on public.client_fact_seller_notes;
create policy client_fact_seller_notes_select on public.client_fact_seller_notes for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids()));
