-- The last three SELECT policies with a security-definer call per row, in the
-- set-based form of 20261201000600 and 20261202000300 (same rules:
-- is_client_staff(c) = is_admin() or c in staff_client_ids()). Staff-only tables:
-- the handoff record, its internal notes and the client's email outbox.

drop policy handoffs_select on public.handoffs;
create policy handoffs_select on public.handoffs for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids()));

drop policy handoff_internal_notes_select on public.handoff_internal_notes;
create policy handoff_internal_notes_select on public.handoff_internal_notes for select to authenticated
  using ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids()));

drop policy email_outbox_select_staff on public.email_outbox;
create policy email_outbox_select_staff on public.email_outbox for select to authenticated
  using (client_id is not null and ((select app_private.is_admin()) or client_id in (select app_private.staff_client_ids())));
