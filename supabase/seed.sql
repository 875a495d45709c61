-- Demo data: Harbor Benefits, a benefits administration company, and two
-- clients it is converting. Loaded into a new local database only.
-- Every demo person signs in with their email and a code from the local
-- mailbox (http://localhost:3000/dev/mailbox); the README lists them.

insert into public.people (id, email, full_name, title, phone) values
  ('5a000000-0000-4000-8000-000000000001', 'avery@harborbenefits.example', 'Avery Chen', 'Head of Client Delivery', '+1 555 0100'),
  ('5a000000-0000-4000-8000-000000000002', 'priya@harborbenefits.example', 'Priya Raman', 'Implementation Project Manager', '+1 555 0101'),
  ('5a000000-0000-4000-8000-000000000003', 'tom@harborbenefits.example', 'Tom Okafor', 'Implementation Project Manager', '+1 555 0102'),
  ('5a000000-0000-4000-8000-000000000004', 'sam@harborbenefits.example', 'Sam Delgado', 'Benefits Service Specialist', '+1 555 0103'),
  ('5a000000-0000-4000-8000-000000000005', 'rosa@harborbenefits.example', 'Rosa Lindqvist', 'Relationship Manager', '+1 555 0104'),
  ('5a000000-0000-4000-8000-000000000006', 'marcus@harborbenefits.example', 'Marcus Bell', 'Account Executive', '+1 555 0105'),
  ('c1000000-0000-4000-8000-000000000001', 'dana@northwind.example', 'Dana Whitfield', 'HR Director', '+1 555 0200'),
  ('c1000000-0000-4000-8000-000000000002', 'leo@northwind.example', 'Leo Park', 'Benefits Coordinator', '+1 555 0201'),
  ('c1000000-0000-4000-8000-000000000003', 'margaret@northwind.example', 'Margaret Osei', 'Chief Financial Officer', '+1 555 0202'),
  ('c2000000-0000-4000-8000-000000000001', 'kim@bluebell.example', 'Kim Alvarez', 'People Operations Lead', '+1 555 0300'),
  ('c2000000-0000-4000-8000-000000000002', 'raj@bluebell.example', 'Raj Mehta', 'Payroll Analyst', '+1 555 0301'),
  ('c2000000-0000-4000-8000-000000000003', 'helen@bluebell.example', 'Helen Brooks', 'Chief Executive', '+1 555 0302');

insert into public.staff (person_id, is_admin) values
  ('5a000000-0000-4000-8000-000000000001', true),
  ('5a000000-0000-4000-8000-000000000002', false),
  ('5a000000-0000-4000-8000-000000000003', false),
  ('5a000000-0000-4000-8000-000000000004', false),
  ('5a000000-0000-4000-8000-000000000005', false),
  ('5a000000-0000-4000-8000-000000000006', false);

-- The demo clients' logos are small SVGs the app serves from public/logos/ (logo_url);
-- a logo uploaded in the staff settings (client_logos) takes their place.
insert into public.clients (id, slug, name, logo_url, primary_color, accent_color, welcome_text) values
  ('c1000000-0000-4000-8000-0000000000c1', 'northwind', 'Northwind Logistics', '/logos/northwind.svg', '#1d3557', '#e9c46a',
   'Welcome to your benefits conversion, Northwind. This page is where you will always find where we are, who is on your side and what we need from you.'),
  ('c2000000-0000-4000-8000-0000000000c2', 'bluebell', 'Bluebell Health', '/logos/bluebell.svg', '#0f766e', '#f97360',
   'Hello Bluebell team! Everything about moving your benefits administration to Harbor lives here. — Tom');

insert into public.client_staff (client_id, person_id, role, responsibilities) values
  ('c1000000-0000-4000-8000-0000000000c1', '5a000000-0000-4000-8000-000000000002', 'project_manager', 'Runs the conversion plan, requirements and go-live.'),
  ('c1000000-0000-4000-8000-0000000000c1', '5a000000-0000-4000-8000-000000000004', 'service_team', 'Day-to-day enrolment and claims questions after go-live.'),
  ('c1000000-0000-4000-8000-0000000000c1', '5a000000-0000-4000-8000-000000000005', 'relationship_manager', 'Your long-term partner: renewals, reviews and escalations.'),
  ('c1000000-0000-4000-8000-0000000000c1', '5a000000-0000-4000-8000-000000000006', 'sales', 'Agreed the scope and commitments with you.'),
  ('c2000000-0000-4000-8000-0000000000c2', '5a000000-0000-4000-8000-000000000003', 'project_manager', 'Runs the conversion plan, requirements and go-live.'),
  ('c2000000-0000-4000-8000-0000000000c2', '5a000000-0000-4000-8000-000000000005', 'relationship_manager', 'Your long-term partner: renewals, reviews and escalations.'),
  ('c2000000-0000-4000-8000-0000000000c2', '5a000000-0000-4000-8000-000000000006', 'sales', 'Agreed the scope and commitments with you.');

insert into public.client_contacts (client_id, person_id, role) values
  ('c1000000-0000-4000-8000-0000000000c1', 'c1000000-0000-4000-8000-000000000001', 'approver'),
  ('c1000000-0000-4000-8000-0000000000c1', 'c1000000-0000-4000-8000-000000000002', 'viewer'),
  ('c1000000-0000-4000-8000-0000000000c1', 'c1000000-0000-4000-8000-000000000003', 'decision_maker'),
  ('c2000000-0000-4000-8000-0000000000c2', 'c2000000-0000-4000-8000-000000000001', 'approver'),
  ('c2000000-0000-4000-8000-0000000000c2', 'c2000000-0000-4000-8000-000000000002', 'viewer'),
  ('c2000000-0000-4000-8000-0000000000c2', 'c2000000-0000-4000-8000-000000000003', 'decision_maker');

-- ---------------------------------------------------------------- the conversion plans
-- Dates are relative to the day the database is created, so the demo always
-- shows work done, work due, something late and something at risk.

update public.clients set go_live_date = current_date + 28, service_takeover_date = current_date + 42
  where slug = 'northwind';
update public.clients set go_live_date = current_date + 55, service_takeover_date = current_date + 69
  where slug = 'bluebell';

insert into public.success_criteria (client_id, statement, measure, position, is_internal) values
  ('c1000000-0000-4000-8000-0000000000c1', 'Every employee can enrol online in the first open enrolment after go-live', '95% of 1,200 employees enrolled without calling HR', 0, false),
  ('c1000000-0000-4000-8000-0000000000c1', 'Carrier files go out without manual fixes', 'Zero rejected carrier files in the first two cycles', 1, false),
  ('c1000000-0000-4000-8000-0000000000c1', 'HR spends less time on benefits questions', 'Benefits tickets to HR down 50% by month three', 2, false),
  ('c1000000-0000-4000-8000-0000000000c1', 'Margaret (CFO) renews: she cares about cost per employee, not features', null, 3, true),
  ('c2000000-0000-4000-8000-0000000000c2', 'Payroll deductions match elections from the first live payroll', 'Zero deduction corrections in the first payroll', 0, false);

insert into public.phases (id, client_id, name, position, planned_start, planned_end, is_internal) values
  ('f1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'Discovery', 0, current_date - 42, current_date - 29, false),
  ('f1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'Requirements', 1, current_date - 28, current_date - 8, false),
  ('f1000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-0000000000c1', 'Build and test', 2, current_date - 7, current_date + 27, false),
  ('f1000000-0000-4000-8000-000000000004', 'c1000000-0000-4000-8000-0000000000c1', 'Go-live and handover', 3, current_date + 28, current_date + 42, false),
  ('f1000000-0000-4000-8000-000000000005', 'c1000000-0000-4000-8000-0000000000c1', 'Internal: margin review', 4, current_date + 10, current_date + 12, true),
  ('f2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000c2', 'Setup', 0, current_date - 10, current_date + 3, false),
  ('f2000000-0000-4000-8000-000000000002', 'c2000000-0000-4000-8000-0000000000c2', 'Parallel runs', 1, current_date + 4, current_date + 31, false),
  ('f2000000-0000-4000-8000-000000000003', 'c2000000-0000-4000-8000-0000000000c2', 'Live', 2, current_date + 55, current_date + 69, false);

insert into public.milestones (id, client_id, phase_id, title, description, planned_date, actual_date, risk_note, is_internal, position) values
  ('e1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000001', 'Kick-off meeting', 'Meet the whole team, agree the plan.', current_date - 40, current_date - 40, null, false, 0),
  ('e1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000001', 'Current-state data received', 'Census, plan documents and carrier contacts.', current_date - 31, current_date - 27, null, false, 1),
  ('e1000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000002', 'Plan design signed off', 'Every plan, tier and rule agreed in writing.', current_date - 9, null, null, false, 2),
  ('e1000000-0000-4000-8000-000000000004', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000003', 'Carrier file test passed', null, current_date + 5, null, 'The dental carrier has not confirmed a test window yet.', false, 3),
  ('e1000000-0000-4000-8000-000000000005', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000003', 'User acceptance testing complete', null, current_date + 24, null, null, false, 4),
  ('e1000000-0000-4000-8000-000000000006', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000004', 'Go-live', null, current_date + 28, null, null, false, 5),
  ('e1000000-0000-4000-8000-000000000007', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000004', 'Service team takes over', 'Sam and Rosa become your day-to-day contacts.', current_date + 42, null, null, false, 6),
  ('e1000000-0000-4000-8000-000000000008', 'c1000000-0000-4000-8000-0000000000c1', 'f1000000-0000-4000-8000-000000000003', 'Internal: pricing exception approved', null, current_date + 5, null, null, true, 7),
  ('e2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000c2', 'f2000000-0000-4000-8000-000000000001', 'Employee data loaded', null, current_date + 1, null, null, false, 0),
  ('e2000000-0000-4000-8000-000000000002', 'c2000000-0000-4000-8000-0000000000c2', 'f2000000-0000-4000-8000-000000000002', 'First parallel run reconciled', null, current_date + 17, null, null, false, 1),
  ('e2000000-0000-4000-8000-000000000003', 'c2000000-0000-4000-8000-0000000000c2', 'f2000000-0000-4000-8000-000000000003', 'First live payroll', null, current_date + 55, null, null, false, 2);

-- Slips, recorded the way the app records them: as Priya, through the trigger.
select set_config('request.jwt.claims', '{"sub":"5a000000-0000-4000-8000-000000000002","role":"authenticated"}', true);
update public.milestones set planned_date = planned_date + 4,
  change_reason = 'The census file arrived four days after the agreed date.', change_side = 'client'
  where id = 'e1000000-0000-4000-8000-000000000002';
update public.milestones set planned_date = planned_date + 7,
  change_reason = 'The dental carrier moved its test window.', change_side = 'third_party'
  where id = 'e1000000-0000-4000-8000-000000000004';
update public.milestones set planned_date = planned_date + 2,
  change_reason = 'Internal: waiting for finance.', change_side = 'provider'
  where id = 'e1000000-0000-4000-8000-000000000008';
select set_config('request.jwt.claims', '', true);
-- The demo's past slips are history, not news: no date-change email for them (migration 20261201002210 queues one).
delete from public.email_outbox where template = 'date-change';

insert into public.client_tasks (client_id, title, description, due_date, owner_id, milestone_id, status) values
  ('c1000000-0000-4000-8000-0000000000c1', 'Send the signed plan design document', 'Sign and return the plan design summary.', current_date - 3, 'c1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000003', 'open'),
  ('c1000000-0000-4000-8000-0000000000c1', 'Confirm payroll deduction codes', null, current_date + 6, 'c1000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000004', 'open'),
  ('c1000000-0000-4000-8000-0000000000c1', 'Name your UAT testers', 'Two or three people from HR who will test enrolment.', current_date + 14, 'c1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000005', 'open'),
  ('c1000000-0000-4000-8000-0000000000c1', 'Share the current carrier contacts', null, current_date - 30, 'c1000000-0000-4000-8000-000000000002', null, 'done'),
  ('c2000000-0000-4000-8000-0000000000c2', 'Upload the employee census', null, current_date, 'c2000000-0000-4000-8000-000000000002', 'e2000000-0000-4000-8000-000000000001', 'open');

-- ---------------------------------------------------------------- requirements to sign off
-- Published and signed the way the app does it: as Priya, then as each approver,
-- so the database records the evidence itself.

insert into public.requirement_documents (id, client_id, title, area, due_date, created_by) values
  ('d1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'Plan design and eligibility rules', 'Benefits', current_date + 5, '5a000000-0000-4000-8000-000000000002'),
  ('d1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'Carrier file specifications', 'Integrations', current_date + 20, '5a000000-0000-4000-8000-000000000002'),
  ('d2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000c2', 'Payroll deduction codes', 'Payroll', current_date + 3, '5a000000-0000-4000-8000-000000000003');

update public.requirement_drafts set body_markdown = E'# Plan design and eligibility rules\n\n## Medical\n- Two plans: PPO 500 and HDHP 2000 with HSA.\n- Employer pays 80% of employee-only premium.\n\n## Dental\n- One plan, no waiting period for employees transferring from the current carrier.\n\n## Eligibility\n- Full-time employees (30+ hours) are eligible on the first of the month after 30 days.\n- Dependants up to age 26.\n'
  where document_id = 'd1000000-0000-4000-8000-000000000001';
update public.requirement_drafts set body_markdown = E'# Carrier file specifications\n\nDraft: file layouts for the medical and dental carriers (834, weekly).\n'
  where document_id = 'd1000000-0000-4000-8000-000000000002';
update public.requirement_drafts set body_markdown = E'# Payroll deduction codes\n\n| Benefit | Code |\n| --- | --- |\n| Medical | MED1 |\n| Dental | DEN1 |\n| Vision | VIS1 |\n'
  where document_id = 'd2000000-0000-4000-8000-000000000001';

insert into public.requirement_approvers (document_id, client_id, person_id) values
  ('d1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'c1000000-0000-4000-8000-000000000001'),
  ('d1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'c1000000-0000-4000-8000-000000000003'),
  ('d2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000c2', 'c2000000-0000-4000-8000-000000000001');

select set_config('request.jwt.claims', '{"sub":"5a000000-0000-4000-8000-000000000002","role":"authenticated"}', true);
insert into public.requirement_versions (id, document_id, client_id, version, body_markdown, body_sha256, change_note) values
  ('a1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 0,
   E'# Plan design and eligibility rules\n\n## Medical\n- Two plans: PPO 500 and HDHP 2000 with HSA.\n- Employer pays 80% of employee-only premium.\n\n## Dental\n- One plan, 6-month waiting period for major services.\n\n## Eligibility\n- Full-time employees (30+ hours) are eligible on the first of the month after 30 days.\n',
   repeat('0', 64), 'First version, from the requirements workshop.');
select set_config('request.jwt.claims', '{"sub":"c1000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
insert into public.signoffs (version_id, decision, comment, ip, user_agent) values
  ('a1000000-0000-4000-8000-000000000001', 'changes_requested',
   'Sales promised no dental waiting period for people moving from our current carrier, and dependants up to 26 are missing.',
   '203.0.113.10', 'Demo data');
select set_config('request.jwt.claims', '{"sub":"5a000000-0000-4000-8000-000000000002","role":"authenticated"}', true);
insert into public.requirement_versions (id, document_id, client_id, version, body_markdown, body_sha256, change_note)
  select 'a1000000-0000-4000-8000-000000000002', document_id, client_id, 0, body_markdown, repeat('0', 64),
         'No dental waiting period for transfers (as agreed in the sale); dependants up to 26.'
  from public.requirement_drafts where document_id = 'd1000000-0000-4000-8000-000000000001';
select set_config('request.jwt.claims', '{"sub":"c1000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
insert into public.signoffs (version_id, decision, signature_name, consent_text, ip, user_agent) values
  ('a1000000-0000-4000-8000-000000000002', 'approved', 'Dana Whitfield',
   'I have read this version of the document in full and I approve it. I understand that my approval, my typed name, the time, my network address and my browser are recorded as evidence and cannot be changed afterwards.', '203.0.113.10', 'Demo data');

select set_config('request.jwt.claims', '{"sub":"5a000000-0000-4000-8000-000000000003","role":"authenticated"}', true);
insert into public.requirement_versions (id, document_id, client_id, version, body_markdown, body_sha256, change_note)
  select 'a2000000-0000-4000-8000-000000000001', document_id, client_id, 0, body_markdown, repeat('0', 64), 'Codes confirmed with payroll.'
  from public.requirement_drafts where document_id = 'd2000000-0000-4000-8000-000000000001';
select set_config('request.jwt.claims', '{"sub":"c2000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
insert into public.signoffs (version_id, decision, signature_name, consent_text, ip, user_agent) values
  ('a2000000-0000-4000-8000-000000000001', 'approved', 'Kim Alvarez',
   'I have read this version of the document in full and I approve it. I understand that my approval, my typed name, the time, my network address and my browser are recorded as evidence and cannot be changed afterwards.', '203.0.113.20', 'Demo data');
select set_config('request.jwt.claims', '', true);

-- Built-in timeline templates (moved out of migration 20261125000200 so that
-- `supabase db push` creates no rows; a hosted project loads them with
-- `supabase db push --include-seed` or by running this statement once).
insert into public.timeline_templates (name, description, is_builtin, created_by, phases) values
  ('Benefits administration conversion (12 weeks)', 'Discovery to go-live for a mid-size employer moving benefits administration.', true, null,
   '[{"name":"Discovery","start_offset_days":0,"duration_days":14,"milestones":[{"title":"Kick-off meeting","offset_days":2},{"title":"Current-state data received","offset_days":12}]},
     {"name":"Requirements","start_offset_days":14,"duration_days":21,"milestones":[{"title":"Plan design signed off","offset_days":20}]},
     {"name":"Build and test","start_offset_days":35,"duration_days":35,"milestones":[{"title":"Carrier file test passed","offset_days":25},{"title":"User acceptance testing complete","offset_days":34}]},
     {"name":"Go-live and handover","start_offset_days":70,"duration_days":14,"milestones":[{"title":"Go-live","offset_days":0},{"title":"Service team takes over","offset_days":13}]}]'::jsonb),
  ('Payroll outsourcing (8 weeks)', 'Parallel runs before the first live payroll.', true, null,
   '[{"name":"Setup","start_offset_days":0,"duration_days":14,"milestones":[{"title":"Employee data loaded","offset_days":10}]},
     {"name":"Parallel runs","start_offset_days":14,"duration_days":28,"milestones":[{"title":"First parallel run reconciled","offset_days":13},{"title":"Second parallel run reconciled","offset_days":27}]},
     {"name":"Live","start_offset_days":42,"duration_days":14,"milestones":[{"title":"First live payroll","offset_days":0},{"title":"Service team takes over","offset_days":13}]}]'::jsonb),
  ('Quick start (4 weeks)', 'A small client with a standard setup.', true, null,
   '[{"name":"Setup","start_offset_days":0,"duration_days":14,"milestones":[{"title":"Kick-off meeting","offset_days":1},{"title":"Setup complete","offset_days":13}]},
     {"name":"Go-live","start_offset_days":14,"duration_days":14,"milestones":[{"title":"Go-live","offset_days":0},{"title":"Service team takes over","offset_days":13}]}]'::jsonb);
-- ---------------------------------------------------------------- handoff (issue 11; helper H7's block)
-- Northwind's handoff from Marcus (sales): the meeting, commitments (one
-- confirmed by Dana, one linked to a milestone, one unlinked and so flagged a
-- week after the meeting), key facts (one confirmed by the client) and
-- internal notes that the client never sees.
insert into public.handoffs (client_id, meeting_date, attendees, summary) values
  ('c1000000-0000-4000-8000-0000000000c1', current_date - 38, 'Marcus Bell, Priya Raman, Rosa Lindqvist; Dana Whitfield and Margaret Osei for Northwind',
   'Signed after a three-month evaluation; the previous vendor''s carrier file errors are why they switched.');
insert into public.commitments (id, client_id, promise, promised_by, promised_on, source, due_date, status, confirmed_by, confirmed_at) values
  ('b7000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'No dental waiting period for employees moving from the current carrier',
   'Marcus Bell', current_date - 60, 'Proposal, section 4.2', null, 'confirmed_by_client', 'c1000000-0000-4000-8000-000000000001', now() - interval '30 days'),
  ('b7000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'Carrier files go out weekly, tested with every carrier before go-live',
   'Marcus Bell', current_date - 55, 'Demo call with Margaret', current_date + 28, 'captured', null, null),
  ('b7000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-0000000000c1', 'Employees can call a named service specialist, not a queue',
   'Marcus Bell', current_date - 55, 'Demo call with Margaret', null, 'captured', null, null);
insert into public.commitment_links (commitment_id, client_id, milestone_id, requirement_document_id) values
  ('b7000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', null, 'd1000000-0000-4000-8000-000000000001'),
  ('b7000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'e1000000-0000-4000-8000-000000000004', null);
insert into public.client_facts (id, client_id, label, position, client_value, confirmed_by, confirmed_at) values
  ('b8000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'Head count', 0, '1,214 employees in 3 states',
   'c1000000-0000-4000-8000-000000000001', now() - interval '20 days'),
  ('b8000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'Payroll system', 1, null, null, null);
insert into public.client_fact_seller_notes (fact_id, client_id, seller_value, note, noted_by) values
  ('b8000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'about 1,200', 'Growing after the Reno acquisition.', '5a000000-0000-4000-8000-000000000006'),
  ('b8000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'ADP Workforce Now', 'They may move to Paylocity next year.', '5a000000-0000-4000-8000-000000000006');
insert into public.handoff_internal_notes (client_id, kind, body, created_by) values
  ('c1000000-0000-4000-8000-0000000000c1', 'red_flag', 'Margaret left the last vendor over repeated carrier file errors: one rejected file and she escalates.', '5a000000-0000-4000-8000-000000000006'),
  ('c1000000-0000-4000-8000-0000000000c1', 'temperament', 'Dana wants everything in writing; confirm calls by email the same day.', '5a000000-0000-4000-8000-000000000006');


-- ---------------------------------------------------------------- PM updates (helper H8)
-- Posted as Priya and Tom (the database records the author), one asking Margaret
-- for a decision that Dana has already answered, and one staff-only note.

select set_config('request.jwt.claims', '{"sub":"5a000000-0000-4000-8000-000000000002","role":"authenticated"}', true);
insert into public.client_updates (id, client_id, title, body_markdown, decision_needed, decision_due, decision_from, requirement_document_id, milestone_id) values
  ('8b100000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'Week 3: plan design signed off',
   E'Thank you, Dana, for signing off the **plan design**. Next:\n\n- carrier file testing starts on Monday;\n- we will send the enrolment guide draft on Thursday.\n',
   false, null, null, 'd1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000003'),
  ('8b100000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-0000000000c1', 'Decision needed: open enrolment window',
   E'We can run open enrolment for **two weeks** (our recommendation) or **three weeks**. A longer window moves go-live by a week.\n',
   true, current_date + 7, 'c1000000-0000-4000-8000-000000000003', null, null);
insert into public.client_updates (id, client_id, title, body_markdown, is_internal) values
  ('8b100000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-0000000000c1', 'Carrier contact changed (staff only)',
   E'The dental carrier''s implementation lead left; the new contact answers slowly. Watch the file test date.\n', true);
select set_config('request.jwt.claims', '{"sub":"c1000000-0000-4000-8000-000000000001","role":"authenticated"}', true);
select public.reply_to_update('8b100000-0000-4000-8000-000000000002', 'Two weeks', 'Two weeks is enough if we send reminders.');
select set_config('request.jwt.claims', '{"sub":"5a000000-0000-4000-8000-000000000003","role":"authenticated"}', true);
insert into public.client_updates (id, client_id, title, body_markdown) values
  ('8b200000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000c2', 'Payroll deduction codes approved',
   E'Kim approved the deduction codes. The first parallel payroll run is booked.\n');
select set_config('request.jwt.claims', '', true);


-- Feedback pulse demo (issue 10): Priya asked Northwind for a pulse; Leo answered 4.
-- (A low answer would open a dissatisfier and email the PM: try it as Dana.)
insert into public.pulses (id, client_id, requested_by) values
  ('d1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1',
   (select person_id from public.client_staff where client_id = 'c1000000-0000-4000-8000-0000000000c1' and role = 'project_manager' limit 1));
insert into public.pulse_answers (pulse_id, client_id, person_id, score, comment) values
  ('d1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'c1000000-0000-4000-8000-000000000002', 4,
   'Going well so far.');
