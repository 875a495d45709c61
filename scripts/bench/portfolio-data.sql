-- Scale data for the portfolio bench (scripts/bench/portfolio.ts): 2,000 clients,
-- 40 project managers (50 clients each) and an admin, 10,000 contacts, 10,000
-- phases, 100,000 milestones, 100,000 pulses with 500,000 answers, 10,000 client
-- tasks, 800 open dissatisfiers, 2,000 requirement documents (half awaiting
-- sign-off) and 1,334 updates. Deterministic ids (md5 of a name), dates relative
-- to today. Loaded with triggers off (session_replication_role = replica): bench
-- data only, consistent by construction; never run against real data.
set session_replication_role = replica;

insert into public.people (id, email, full_name)
select md5('bench-pm-' || i)::uuid, 'bench-pm-' || i || '@provider.example', 'Bench PM ' || i from generate_series(1, 40) i
union all
select md5('bench-admin')::uuid, 'bench-admin@provider.example', 'Bench Admin';
insert into public.staff (person_id, is_admin)
select md5('bench-pm-' || i)::uuid, false from generate_series(1, 40) i
union all select md5('bench-admin')::uuid, true;

insert into public.clients (id, slug, name, go_live_date, created_at)
select md5('bench-client-' || i)::uuid, 'bench-' || i, 'Bench client ' || i,
       current_date + (i % 200) - 50, now() - make_interval(days => 100 + i % 60)
  from generate_series(1, 2000) i;
insert into public.client_staff (client_id, person_id, role)
select md5('bench-client-' || i)::uuid, md5('bench-pm-' || (1 + i % 40))::uuid, 'project_manager' from generate_series(1, 2000) i;

insert into public.people (id, email, full_name)
select md5('bench-contact-' || i || '-' || j)::uuid, 'c' || j || '@bench-' || i || '.example', 'Contact ' || j || ' of ' || i
  from generate_series(1, 2000) i, generate_series(1, 5) j;
insert into public.client_contacts (client_id, person_id, role)
select md5('bench-client-' || i)::uuid, md5('bench-contact-' || i || '-' || j)::uuid,
       (case j when 1 then 'decision_maker' when 2 then 'approver' else 'viewer' end)::public.contact_role
  from generate_series(1, 2000) i, generate_series(1, 5) j;

insert into public.phases (id, client_id, name, position, planned_start, planned_end)
select md5('bench-phase-' || i || '-' || j)::uuid, md5('bench-client-' || i)::uuid,
       (array['Discovery', 'Configuration', 'Data migration', 'Testing', 'Go-live'])[j], j,
       current_date - 100 + (j - 1) * 40, current_date - 100 + j * 40 - 1
  from generate_series(1, 2000) i, generate_series(1, 5) j;
insert into public.milestones (client_id, phase_id, title, planned_date, actual_date, position)
select md5('bench-client-' || i)::uuid, md5('bench-phase-' || i || '-' || (1 + (k - 1) / 10))::uuid, 'Milestone ' || k,
       current_date - 100 + k * 4,
       case when current_date - 100 + k * 4 < current_date - (i % 4) * 3 then current_date - 100 + k * 4 end, k
  from generate_series(1, 2000) i, generate_series(1, 50) k;

insert into public.pulses (id, client_id, created_at)
select md5('bench-pulse-' || i || '-' || k)::uuid, md5('bench-client-' || i)::uuid, now() - make_interval(days => (50 - k) * 7 + 1)
  from generate_series(1, 2000) i, generate_series(1, 50) k;
insert into public.pulse_answers (pulse_id, client_id, person_id, score, created_at)
select md5('bench-pulse-' || i || '-' || k)::uuid, md5('bench-client-' || i)::uuid, md5('bench-contact-' || i || '-' || j)::uuid,
       1 + (i * 7 + k * 3 + j) % 5, now() - make_interval(days => (50 - k) * 7)
  from generate_series(1, 2000) i, generate_series(1, 50) k, generate_series(1, 5) j;

insert into public.client_tasks (client_id, title, due_date, owner_id)
select md5('bench-client-' || i)::uuid, 'Task ' || t, current_date + (t * 5) - 12, md5('bench-contact-' || i || '-1')::uuid
  from generate_series(1, 2000) i, generate_series(1, 5) t;

insert into public.dissatisfiers (client_id, summary, source, severity, due_date, created_at)
select md5('bench-client-' || i)::uuid, 'Bench concern ' || d, 'call', 'medium', current_date + 5 - (i % 10), now() - make_interval(days => i % 30)
  from generate_series(1, 2000) i, generate_series(1, 2) d where i % 5 = 0;

insert into public.requirement_documents (id, client_id, title)
select md5('bench-doc-' || i)::uuid, md5('bench-client-' || i)::uuid, 'Payroll rules' from generate_series(1, 2000) i;
insert into public.requirement_versions (id, document_id, client_id, version, body_markdown, body_sha256, published_at)
select md5('bench-version-' || i)::uuid, md5('bench-doc-' || i)::uuid, md5('bench-client-' || i)::uuid, 1, 'The rules.',
       encode(sha256(convert_to('The rules.', 'UTF8')), 'hex'), now() - make_interval(days => i % 20)
  from generate_series(1, 2000) i;
insert into public.requirement_approvers (document_id, client_id, person_id)
select md5('bench-doc-' || i)::uuid, md5('bench-client-' || i)::uuid, md5('bench-contact-' || i || '-2')::uuid from generate_series(1, 2000) i;
insert into public.requirement_version_approvers (version_id, document_id, client_id, person_id)
select md5('bench-version-' || i)::uuid, md5('bench-doc-' || i)::uuid, md5('bench-client-' || i)::uuid, md5('bench-contact-' || i || '-2')::uuid
  from generate_series(1, 2000) i;
insert into public.signoffs (document_id, version_id, client_id, version, person_id, person_name, person_email, decision, body_sha256)
select md5('bench-doc-' || i)::uuid, md5('bench-version-' || i)::uuid, md5('bench-client-' || i)::uuid, 1,
       md5('bench-contact-' || i || '-2')::uuid, 'Contact 2 of ' || i, 'c2@bench-' || i || '.example', 'approved',
       encode(sha256(convert_to('The rules.', 'UTF8')), 'hex')
  from generate_series(1, 2000) i where i % 2 = 0;

insert into public.client_updates (client_id, title, body_markdown, created_at)
select md5('bench-client-' || i)::uuid, 'Week ' || (i % 20), 'All on track.', now() - make_interval(days => i % 20)
  from generate_series(1, 2000) i where i % 3 <> 0;

reset session_replication_role;
-- The triggers that keep each client's portfolio facts (20261201002300) were
-- off while loading: compute them once for every client, as the migration does.
select app_private.refresh_portfolio_facts(array(select id from public.clients));
analyze;
