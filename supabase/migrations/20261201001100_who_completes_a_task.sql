-- Who may tick a client task (issue 14, defect 10). A viewer could tick tasks
-- owned by an approver. The rule, said on the page next to each task:
--   * the provider's team on the client (and admins) may mark any task done or open again;
--   * the client's approvers and decision makers may mark any of the client's tasks;
--   * a viewer may mark only tasks they own, or that nobody owns.
-- Everything else about a task stays the project manager's (unchanged).
-- The body is copied from 20261201000300_consistency_core.sql, with the status rule added.
create or replace function app_private.guard_client_task() returns trigger
  language plpgsql
  security definer
  set search_path = ''
  as $$
begin
  -- Outsiders get the same refusal as RLS gives, before any check that could
  -- reveal who or what belongs to this client.
  if (select auth.uid()) is not null and not app_private.can_see_client(new.client_id) then
    raise exception 'new row violates row-level security policy for table "client_tasks"' using errcode = '42501';
  end if;
  if new.owner_id is not null and not exists (
    select 1 from public.client_contacts where client_id = new.client_id and person_id = new.owner_id
  ) then
    raise exception 'Choose one of this client''s contacts.' using errcode = '23514', hint = 'field:ownerId';
  end if;
  if new.milestone_id is not null and not exists (
    select 1 from public.milestones where id = new.milestone_id and client_id = new.client_id
  ) then
    raise exception 'Choose a milestone of this client.' using errcode = '23514', hint = 'field:milestoneId';
  end if;
  if tg_op = 'UPDATE' then
    if not app_private.is_client_pm(old.client_id) and (
      new.title is distinct from old.title or new.description is distinct from old.description
      or new.due_date is distinct from old.due_date or new.owner_id is distinct from old.owner_id
      or new.milestone_id is distinct from old.milestone_id or new.client_id is distinct from old.client_id
    ) then
      raise exception 'Only the project manager can change a task; you can mark it done.' using errcode = '42501';
    end if;
    if new.status is distinct from old.status
       and (select auth.uid()) is not null
       and not app_private.may_complete_client_task(old.client_id, old.owner_id) then
      raise exception 'Only the task''s owner, an approver or a decision maker can mark this task.'
        using errcode = '42501';
    end if;
    new.updated_at := now();
  end if;
  if new.status = 'done' and (tg_op = 'INSERT' or old.status is distinct from 'done') then
    new.completed_at := now();
    new.completed_by := (select auth.uid());
  elsif new.status = 'open' then
    new.completed_at := null;
    new.completed_by := null;
  end if;
  return new;
end
$$;

-- May the signed-in person mark this task done (or open again)? The rule above, in one place.
create or replace function app_private.may_complete_client_task(target_client uuid, task_owner uuid) returns boolean
  language sql stable security definer
  set search_path = ''
  as $$
    select app_private.is_client_staff(target_client)
        or task_owner = (select auth.uid())
        or exists (
          select 1 from public.client_contacts cc
          where cc.client_id = target_client and cc.person_id = (select auth.uid())
            and (cc.role in ('approver', 'decision_maker') or task_owner is null)
        )
  $$;
revoke all on function app_private.may_complete_client_task(uuid, uuid) from public, anon;
grant execute on function app_private.may_complete_client_task(uuid, uuid) to authenticated, service_role;
