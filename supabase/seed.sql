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

insert into public.clients (id, slug, name, primary_color, accent_color, welcome_text) values
  ('c1000000-0000-4000-8000-0000000000c1', 'northwind', 'Northwind Logistics', '#1d3557', '#e9c46a',
   'Welcome to your benefits conversion, Northwind. This page is where you will always find where we are, who is on your side and what we need from you. — Priya'),
  ('c2000000-0000-4000-8000-0000000000c2', 'bluebell', 'Bluebell Health', '#0f766e', '#f97360',
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
