// Attack cases: people, staff, clients and who works for or with them
// (migrations 20261125000100 and 20261125000200), create_client and invite_contact.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import {
  ALL_STAFF,
  clientArgs,
  clientCreatedBy,
  contactsOf,
  createClientAs,
  deleteClientBySlug,
  deletePersonByEmail,
  DENIED,
  labelled,
  memberships,
  NONE,
  OK,
  outcomes,
  phoneMarker,
  pmEdits,
  pmInserts,
  randomColor,
  signedIn,
  SKIP,
  teamOf,
  tenant,
  textMarker,
  w,
  type Mutation,
  type RpcCase,
  type Visibility,
} from "./context";
import {
  addDays,
  deleteClients,
  deletePeople,
  freshClient,
  freshContact,
  freshPerson,
  freshStaff,
  PLAN_START,
  readRow,
  restoreRow,
  rowExists,
} from "../../support/attack";
import { asPerson, uniq } from "../../support/stack";

export const visibility: Visibility[] = [
  {
    table: "clients",
    read: async (db) => {
      const { data, error } = await db.from("clients").select("id").in("id", [w.a.client.id, w.b.client.id]);
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    sees: {
      anon: DENIED,
      viewerA: ["A"],
      approverA: ["A"],
      deciderA: ["A"],
      contactB: ["B"],
      unassignedStaff: [],
      pmA: ["A"],
      serviceTeamA: ["A"],
      admin: ["A", "B"],
    },
  },
  {
    table: "people",
    read: async (db) => {
      const ids = [w.a, w.b].flatMap((t) => [...Object.values(t.contacts), t.pm, t.serviceTeam].map((p) => p.id));
      const { data, error } = await db
        .from("people")
        .select("id")
        .in("id", [...ids, w.unassignedStaff.id, w.admin.id]);
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    sees: {
      anon: DENIED,
      // A contact sees their client's team and its other contacts, nobody else.
      viewerA: [...contactsOf("A"), ...teamOf("A")],
      approverA: [...contactsOf("A"), ...teamOf("A")],
      deciderA: [...contactsOf("A"), ...teamOf("A")],
      contactB: [...contactsOf("B"), ...teamOf("B")],
      // Staff see all staff, plus the contacts of their own clients.
      unassignedStaff: ALL_STAFF,
      pmA: [...ALL_STAFF, ...contactsOf("A")],
      serviceTeamA: [...ALL_STAFF, ...contactsOf("A")],
      admin: [...ALL_STAFF, ...contactsOf("A"), ...contactsOf("B")],
    },
  },
  {
    table: "staff",
    read: async (db) => {
      const ids = [w.a.pm, w.a.serviceTeam, w.b.pm, w.b.serviceTeam, w.unassignedStaff, w.admin].map((p) => p.id);
      const { data, error } = await db.from("staff").select("person_id").in("person_id", ids);
      return { labels: labelled(data, (r) => w.label(String(r.person_id))), error };
    },
    sees: {
      anon: DENIED,
      // Contacts see their team as people, but not the staff table (who is admin).
      viewerA: [],
      approverA: [],
      deciderA: [],
      contactB: [],
      unassignedStaff: ALL_STAFF,
      pmA: ALL_STAFF,
      serviceTeamA: ALL_STAFF,
      admin: ALL_STAFF,
    },
  },
  {
    table: "client_staff",
    read: async (db) => {
      const { data, error } = await db
        .from("client_staff")
        .select("client_id, person_id")
        .in("client_id", [w.a.client.id, w.b.client.id]);
      return { labels: labelled(data, (r) => `${w.label(String(r.client_id))}:${w.label(String(r.person_id))}`), error };
    },
    sees: {
      anon: DENIED,
      viewerA: memberships("A", teamOf("A")),
      approverA: memberships("A", teamOf("A")),
      deciderA: memberships("A", teamOf("A")),
      contactB: memberships("B", teamOf("B")),
      unassignedStaff: [],
      pmA: memberships("A", teamOf("A")),
      serviceTeamA: memberships("A", teamOf("A")),
      admin: [...memberships("A", teamOf("A")), ...memberships("B", teamOf("B"))],
    },
  },
  {
    table: "client_contacts",
    read: async (db) => {
      const { data, error } = await db
        .from("client_contacts")
        .select("client_id, person_id")
        .in("client_id", [w.a.client.id, w.b.client.id]);
      return { labels: labelled(data, (r) => `${w.label(String(r.client_id))}:${w.label(String(r.person_id))}`), error };
    },
    sees: {
      anon: DENIED,
      viewerA: memberships("A", contactsOf("A")),
      approverA: memberships("A", contactsOf("A")),
      deciderA: memberships("A", contactsOf("A")),
      contactB: memberships("B", contactsOf("B")),
      unassignedStaff: [],
      pmA: memberships("A", contactsOf("A")),
      serviceTeamA: memberships("A", contactsOf("A")),
      admin: [...memberships("A", contactsOf("A")), ...memberships("B", contactsOf("B"))],
    },
  },
];

export const mutations: Mutation[] = [
  // ------------------------------------------------------------ people
  {
    table: "people",
    op: "insert",
    what: "a new person",
    // Staff create the people they invite; contacts and anon cannot.
    expect: outcomes({ unassignedStaff: OK, pmA: OK, serviceTeamA: OK, admin: OK, others: DENIED }),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) => db.from("people").insert({ id, email: `${uniq("sec-new")}@test.example`, full_name: "New Person" }),
        landed: () => rowExists("people", { id }),
        cleanup: () => deletePeople(id),
      };
    },
  },
  {
    table: "people",
    op: "update",
    what: "their own full_name and phone",
    expect: outcomes({ anon: SKIP /* anon is nobody */, others: OK }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      const before = await readRow("people", { id: me.id });
      const phone = phoneMarker();
      const fullName = `Renamed ${phone}`;
      return {
        act: (db) => db.from("people").update({ full_name: fullName, phone }).eq("id", me.id).select("id"),
        landed: async () => {
          const row = await readRow("people", { id: me.id });
          return row?.phone === phone && row?.full_name === fullName;
        },
        cleanup: () => restoreRow("people", { id: me.id }, { full_name: before!.full_name, phone: before!.phone }),
      };
    },
  },
  {
    table: "people",
    op: "update",
    what: "someone else's row (another contact of A)",
    expect: outcomes({ admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const other = await freshContact(w.a.client.id);
      const phone = phoneMarker();
      return {
        act: (db) => db.from("people").update({ phone }).eq("id", other.id).select("id"),
        landed: async () => (await readRow("people", { id: other.id }))?.phone === phone,
        cleanup: () => deletePeople(other.id),
      };
    },
  },
  {
    table: "people",
    op: "update",
    what: "their own email (column not granted)",
    expect: outcomes({ anon: SKIP /* anon is nobody */, others: DENIED }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      const email = `${uniq("sec-hijack")}@test.example`;
      return {
        act: (db) => db.from("people").update({ email }).eq("id", me.id).select("id"),
        landed: async () => (await readRow("people", { id: me.id }))?.email === email,
        cleanup: () => restoreRow("people", { id: me.id }, { email: me.email }),
      };
    },
  },
  {
    table: "people",
    op: "delete",
    what: "another contact of A",
    expect: outcomes({ admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const other = await freshContact(w.a.client.id);
      return {
        act: (db) => db.from("people").delete().eq("id", other.id).select("id"),
        landed: async () => !(await rowExists("people", { id: other.id })),
        cleanup: () => deletePeople(other.id),
      };
    },
  },

  // ------------------------------------------------------------ staff
  {
    table: "staff",
    op: "insert",
    what: "a new person as admin staff",
    expect: outcomes({ admin: OK, others: DENIED }),
    arrange: async () => {
      const person = await freshPerson();
      return {
        act: (db) => db.from("staff").insert({ person_id: person.id, is_admin: true }),
        landed: () => rowExists("staff", { person_id: person.id }),
        cleanup: () => deletePeople(person.id),
      };
    },
  },
  {
    table: "staff",
    op: "insert",
    what: "themselves as admin staff",
    expect: outcomes({
      // The side trigger (staff or contact, never both) runs before the RLS
      // check, so a contact is turned away with its check_violation.
      contactsA: { error: "23514" },
      contactB: { error: "23514" },
      unassignedStaff: DENIED,
      pmA: DENIED,
      serviceTeamA: DENIED,
      anon: SKIP, // anon is nobody
      admin: SKIP, // already an admin
    }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      return {
        act: (db) => db.from("staff").insert({ person_id: me.id, is_admin: true }),
        landed: () => rowExists("staff", { person_id: me.id, is_admin: true }),
      };
    },
  },
  {
    table: "staff",
    op: "update",
    what: "promote themselves to admin",
    expect: outcomes({ unassignedStaff: NONE, pmA: NONE, serviceTeamA: NONE, others: SKIP /* no staff row of their own */ }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      return {
        act: (db) => db.from("staff").update({ is_admin: true }).eq("person_id", me.id).select("person_id"),
        landed: () => rowExists("staff", { person_id: me.id, is_admin: true }),
        cleanup: () => restoreRow("staff", { person_id: me.id }, { is_admin: false }),
      };
    },
  },
  {
    table: "staff",
    op: "update",
    what: "promote another staff member to admin",
    expect: outcomes({ admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const other = await freshStaff();
      return {
        act: (db) => db.from("staff").update({ is_admin: true }).eq("person_id", other.id).select("person_id"),
        landed: () => rowExists("staff", { person_id: other.id, is_admin: true }),
        cleanup: () => deletePeople(other.id),
      };
    },
  },
  {
    table: "staff",
    op: "delete",
    what: "a staff member",
    expect: outcomes({ admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const other = await freshStaff();
      return {
        act: (db) => db.from("staff").delete().eq("person_id", other.id).select("person_id"),
        landed: async () => !(await rowExists("staff", { person_id: other.id })),
        cleanup: () => deletePeople(other.id),
      };
    },
  },

  // ------------------------------------------------------------ clients
  {
    table: "clients",
    op: "insert",
    what: "a new client",
    // Staff may create clients, credited to themselves (created_by defaults to
    // auth.uid(); migration 20261125000200); contacts and anon may not.
    expect: outcomes({ unassignedStaff: OK, pmA: OK, serviceTeamA: OK, admin: OK, others: DENIED }),
    arrange: async () => {
      const slug = uniq("sec-new").toLowerCase();
      return {
        act: (db) => db.from("clients").insert({ slug, name: `Client ${slug}` }),
        landed: () => rowExists("clients", { slug }),
        cleanup: async () => {
          const row = await readRow("clients", { slug });
          if (row) await deleteClients(String(row.id));
        },
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "clients",
    op: "update",
    what: `client ${t}'s branding`,
    // A's PM brands A; nobody but an admin touches B from tenant A's side.
    expect: outcomes(t === "A" ? { pmA: OK, admin: OK, anon: DENIED, others: NONE } : { admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const id = (t === "A" ? w.a : w.b).client.id;
      const before = await readRow("clients", { id });
      const welcome = textMarker("Welcome");
      const color = randomColor();
      return {
        act: (db) => db.from("clients").update({ welcome_text: welcome, primary_color: color }).eq("id", id).select("id"),
        landed: async () => {
          const row = await readRow("clients", { id });
          return row?.welcome_text === welcome && row?.primary_color === color;
        },
        cleanup: () =>
          restoreRow("clients", { id }, { welcome_text: before!.welcome_text, primary_color: before!.primary_color }),
      };
    },
  })),
  {
    table: "clients",
    op: "update",
    what: "client A's slug (column not granted)",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const slug = uniq("sec-hijack").toLowerCase();
      return {
        act: (db) => db.from("clients").update({ slug }).eq("id", w.a.client.id).select("id"),
        landed: () => rowExists("clients", { id: w.a.client.id, slug }),
        cleanup: () => restoreRow("clients", { id: w.a.client.id }, { slug: w.a.client.slug }),
      };
    },
  },
  {
    table: "clients",
    op: "update",
    what: "claim client A as its creator (created_by not granted)",
    // The creator may assign a client's team, so created_by must never be writable.
    expect: outcomes({ anon: SKIP /* anon is nobody */, others: DENIED }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      return {
        act: (db) => db.from("clients").update({ created_by: me.id }).eq("id", w.a.client.id).select("id"),
        landed: () => rowExists("clients", { id: w.a.client.id, created_by: me.id }),
      };
    },
  },
  {
    table: "clients",
    op: "delete",
    what: "a client run by A's team (with A's contacts)",
    // Only an admin deletes a client; its own PM cannot.
    expect: outcomes({ admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const doomed = await freshClient({
        staff: [
          [w.a.pm, "project_manager"],
          [w.a.serviceTeam, "service_team"],
        ],
        contacts: [
          [w.a.contacts.viewer, "viewer"],
          [w.a.contacts.approver, "approver"],
          [w.a.contacts.decision_maker, "decision_maker"],
        ],
      });
      return {
        act: (db) => db.from("clients").delete().eq("id", doomed.id).select("id"),
        landed: async () => !(await rowExists("clients", { id: doomed.id })),
        cleanup: () => deleteClients(doomed.id),
      };
    },
  },

  // ------------------------------------------------------------ client_staff
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_staff",
    op: "insert",
    what: `assign a staff member to client ${t}`,
    expect: outcomes(t === "A" ? { pmA: OK, admin: OK, others: DENIED } : { admin: OK, others: DENIED }),
    arrange: async () => {
      const clientId = (t === "A" ? w.a : w.b).client.id;
      const staff = await freshStaff();
      return {
        act: (db) => db.from("client_staff").insert({ client_id: clientId, person_id: staff.id, role: "service_team" }),
        landed: () => rowExists("client_staff", { client_id: clientId, person_id: staff.id }),
        cleanup: () => deletePeople(staff.id),
      };
    },
  })),
  {
    table: "client_staff",
    op: "insert",
    what: "assign themselves to A as project manager",
    expect: outcomes({ contactsA: DENIED, contactB: DENIED, unassignedStaff: DENIED, serviceTeamA: DENIED, others: SKIP }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      return {
        act: (db) => db.from("client_staff").insert({ client_id: w.a.client.id, person_id: me.id, role: "project_manager" }),
        landed: () => rowExists("client_staff", { client_id: w.a.client.id, person_id: me.id, role: "project_manager" }),
      };
    },
  },
  {
    table: "client_staff",
    op: "update",
    what: "responsibilities of A's service team member",
    expect: outcomes({ pmA: OK, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const key = { client_id: w.a.client.id, person_id: w.a.serviceTeam.id };
      const before = await readRow("client_staff", key);
      const text = textMarker("Responsible for");
      return {
        act: (db) =>
          db
            .from("client_staff")
            .update({ responsibilities: text })
            .eq("client_id", key.client_id)
            .eq("person_id", key.person_id)
            .select("person_id"),
        landed: async () => (await readRow("client_staff", key))?.responsibilities === text,
        cleanup: () => restoreRow("client_staff", key, { responsibilities: before!.responsibilities }),
      };
    },
  },
  {
    table: "client_staff",
    op: "update",
    what: "promote themselves to project manager of A",
    expect: outcomes({ serviceTeamA: NONE, others: SKIP }),
    arrange: async () => {
      const key = { client_id: w.a.client.id, person_id: w.a.serviceTeam.id };
      return {
        act: (db) =>
          db
            .from("client_staff")
            .update({ role: "project_manager" })
            .eq("client_id", key.client_id)
            .eq("person_id", key.person_id)
            .select("person_id"),
        landed: () => rowExists("client_staff", { ...key, role: "project_manager" }),
        cleanup: () => restoreRow("client_staff", key, { role: "service_team" }),
      };
    },
  },
  {
    table: "client_staff",
    op: "update",
    what: "move an assignment from client A to client B",
    // A's PM may edit the row but not into a client they do not run (WITH CHECK).
    expect: outcomes({ pmA: DENIED, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const staff = await freshStaff({ clientId: w.a.client.id, role: "service_team" });
      return {
        act: (db) =>
          db
            .from("client_staff")
            .update({ client_id: w.b.client.id })
            .eq("client_id", w.a.client.id)
            .eq("person_id", staff.id)
            .select("person_id"),
        landed: () => rowExists("client_staff", { client_id: w.b.client.id, person_id: staff.id }),
        cleanup: () => deletePeople(staff.id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_staff",
    op: "delete",
    what: `unassign a staff member from client ${t}`,
    expect: outcomes(t === "A" ? { pmA: OK, admin: OK, anon: DENIED, others: NONE } : { admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const clientId = (t === "A" ? w.a : w.b).client.id;
      const staff = await freshStaff({ clientId, role: "service_team" });
      return {
        act: (db) => db.from("client_staff").delete().eq("client_id", clientId).eq("person_id", staff.id).select("person_id"),
        landed: async () => !(await rowExists("client_staff", { client_id: clientId, person_id: staff.id })),
        cleanup: () => deletePeople(staff.id),
      };
    },
  })),

  // ------------------------------------------------------------ client_contacts
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_contacts",
    op: "insert",
    what: `add a person as a contact of client ${t}`,
    expect: outcomes(t === "A" ? { pmA: OK, admin: OK, others: DENIED } : { admin: OK, others: DENIED }),
    arrange: async () => {
      const clientId = (t === "A" ? w.a : w.b).client.id;
      const person = await freshPerson();
      return {
        act: (db) => db.from("client_contacts").insert({ client_id: clientId, person_id: person.id, role: "decision_maker" }),
        landed: () => rowExists("client_contacts", { client_id: clientId, person_id: person.id }),
        cleanup: () => deletePeople(person.id),
      };
    },
  })),
  {
    table: "client_contacts",
    op: "insert",
    what: "add a staff member as a contact of A (side trigger)",
    expect: outcomes({ pmA: { error: "23514" }, admin: { error: "23514" }, others: SKIP }),
    arrange: async () => {
      const staff = await freshStaff();
      return {
        act: (db) => db.from("client_contacts").insert({ client_id: w.a.client.id, person_id: staff.id, role: "viewer" }),
        landed: () => rowExists("client_contacts", { person_id: staff.id }),
        cleanup: () => deletePeople(staff.id),
      };
    },
  },
  {
    table: "client_contacts",
    op: "update",
    what: "make a viewer of A a decision maker",
    expect: outcomes({ pmA: OK, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const viewer = await freshContact(w.a.client.id, "viewer");
      return {
        act: (db) =>
          db
            .from("client_contacts")
            .update({ role: "decision_maker" })
            .eq("client_id", w.a.client.id)
            .eq("person_id", viewer.id)
            .select("person_id"),
        landed: () => rowExists("client_contacts", { person_id: viewer.id, role: "decision_maker" }),
        cleanup: () => deletePeople(viewer.id),
      };
    },
  },
  {
    table: "client_contacts",
    op: "update",
    what: "make themselves decision maker",
    expect: outcomes({ viewerA: NONE, approverA: NONE, contactB: NONE, others: SKIP }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      const clientId = actor === "contactB" ? w.b.client.id : w.a.client.id;
      const before = await readRow("client_contacts", { client_id: clientId, person_id: me.id });
      return {
        act: (db) =>
          db
            .from("client_contacts")
            .update({ role: "decision_maker" })
            .eq("client_id", clientId)
            .eq("person_id", me.id)
            .select("person_id"),
        landed: () => rowExists("client_contacts", { client_id: clientId, person_id: me.id, role: "decision_maker" }),
        cleanup: () => restoreRow("client_contacts", { client_id: clientId, person_id: me.id }, { role: before!.role }),
      };
    },
  },
  {
    table: "client_contacts",
    op: "update",
    what: "move a contact from client A to client B",
    expect: outcomes({ pmA: DENIED, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const contact = await freshContact(w.a.client.id);
      return {
        act: (db) =>
          db
            .from("client_contacts")
            .update({ client_id: w.b.client.id })
            .eq("client_id", w.a.client.id)
            .eq("person_id", contact.id)
            .select("person_id"),
        landed: () => rowExists("client_contacts", { client_id: w.b.client.id, person_id: contact.id }),
        cleanup: () => deletePeople(contact.id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_contacts",
    op: "delete",
    what: `remove a contact from client ${t}`,
    expect: outcomes(t === "A" ? { pmA: OK, admin: OK, anon: DENIED, others: NONE } : { admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const clientId = (t === "A" ? w.a : w.b).client.id;
      const contact = await freshContact(clientId);
      return {
        act: (db) =>
          db.from("client_contacts").delete().eq("client_id", clientId).eq("person_id", contact.id).select("person_id"),
        landed: async () => !(await rowExists("client_contacts", { client_id: clientId, person_id: contact.id })),
        cleanup: () => deletePeople(contact.id),
      };
    },
  })),

  // ------------------------------------------------------------ clients: new columns and the creator
  {
    table: "clients",
    op: "insert",
    what: "a new client credited to someone else (created_by)",
    // Crediting another staff member would hand them the creator's rights.
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const slug = uniq("sec-credit").toLowerCase();
      const creditee = actor === "admin" ? w.a.pm : w.admin;
      return {
        act: (db) => db.from("clients").insert({ slug, name: `Client ${slug}`, created_by: creditee.id }),
        landed: () => rowExists("clients", { slug }),
        cleanup: async () => {
          const row = await readRow("clients", { slug });
          if (row) await deleteClients(String(row.id));
        },
      };
    },
  },
  {
    table: "clients",
    op: "update",
    what: "client A's go-live and takeover dates",
    expect: outcomes(pmEdits("A")),
    arrange: async () => {
      const id = w.a.client.id;
      const before = await readRow("clients", { id });
      const goLive = addDays(PLAN_START, Math.floor(Math.random() * 300) + 1);
      return {
        act: (db) =>
          db
            .from("clients")
            .update({ go_live_date: goLive, service_takeover_date: addDays(goLive, 30) })
            .eq("id", id)
            .select("id"),
        landed: async () => (await readRow("clients", { id }))?.go_live_date === goLive,
        cleanup: () =>
          restoreRow(
            "clients",
            { id },
            { go_live_date: before!.go_live_date, service_takeover_date: before!.service_takeover_date },
          ),
      };
    },
  },

  // ------------------------------------------------------------ client_staff: the creator's rights (is_client_creator)
  {
    table: "client_staff",
    op: "insert",
    what: "add themselves to a client they created that has no project manager yet (creator right)",
    // Control for the case below: the creator right exists while there is no PM. A
    // contact recorded as creator has none: the right needs a staff member.
    expect: outcomes({ anon: SKIP /* anon is nobody */, contactsA: DENIED, contactB: DENIED, others: OK }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      const clientId = await clientCreatedBy(me.id);
      return {
        act: (db) => db.from("client_staff").insert({ client_id: clientId, person_id: me.id, role: "service_team" }),
        landed: () => rowExists("client_staff", { client_id: clientId, person_id: me.id }),
        cleanup: () => deleteClients(clientId),
      };
    },
  },
  {
    table: "client_staff",
    op: "insert",
    what: "add themselves to client D, which they created with create_client naming another PM",
    // The creator's right ends once the client has a project manager: creating D
    // for someone else does not leave its creator a way in. (An admin is PM everywhere.)
    expect: outcomes({
      unassignedStaff: DENIED,
      pmA: DENIED,
      serviceTeamA: DENIED,
      admin: OK,
      anon: SKIP, // cannot create a client (see rpc create_client)
      contactsA: SKIP,
      contactB: SKIP,
    }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      const otherPm = await freshStaff();
      const clientD = await createClientAs(actor, otherPm.id);
      return {
        act: (db) => db.from("client_staff").insert({ client_id: clientD, person_id: me.id, role: "project_manager" }),
        landed: () => rowExists("client_staff", { client_id: clientD, person_id: me.id }),
        cleanup: async () => {
          await deleteClients(clientD);
          await deletePeople(otherPm.id);
        },
      };
    },
  },
];

export const rpcs: RpcCase[] = [
  // ------------------------------------------------------------ create_client
  {
    fn: "create_client",
    what: "a client with themselves as project manager",
    // Staff create clients (security invoker: the clients and client_staff policies
    // decide); contacts and anon cannot.
    expect: outcomes({ unassignedStaff: OK, pmA: OK, serviceTeamA: OK, admin: OK, others: DENIED }),
    arrange: async (actor) => {
      const slug = uniq("sec-rpc").toLowerCase();
      const pm = actor === "anon" ? w.a.pm : signedIn(actor);
      return {
        act: (db) => db.rpc("create_client", clientArgs(slug, pm.id)),
        landed: () => rowExists("clients", { slug }),
        afterOk: async (db) => {
          const row = await readRow("clients", { slug });
          expect(row).toMatchObject({
            created_by: pm.id,
            go_live_date: addDays(PLAN_START, 60),
            service_takeover_date: addDays(PLAN_START, 90),
            welcome_text: "Welcome aboard.",
          });
          expect(await rowExists("client_staff", { client_id: String(row!.id), person_id: pm.id, role: "project_manager" })).toBe(
            true,
          );
          // ...and, as its project manager, they now see it.
          const { data, error } = await db.from("clients").select("id").eq("slug", slug);
          expect(error).toBeNull();
          expect(data).toEqual([{ id: row!.id }]);
        },
        cleanup: () => deleteClientBySlug(slug),
      };
    },
  },
  {
    fn: "create_client",
    what: "a client for another staff member to run",
    expect: outcomes({ unassignedStaff: OK, pmA: OK, serviceTeamA: OK, admin: OK, others: DENIED }),
    arrange: async (actor) => {
      const slug = uniq("sec-rpc").toLowerCase();
      const pm = await freshStaff();
      return {
        act: (db) => db.rpc("create_client", clientArgs(slug, pm.id)),
        landed: () => rowExists("clients", { slug }),
        afterOk: async (db) => {
          // The named PM sees it; its creator, unless an admin, does not (they are not on its team).
          const asPm = await asPerson(pm.id);
          const { data: pmSees } = await asPm.from("clients").select("slug").eq("slug", slug);
          expect(pmSees).toEqual([{ slug }]);
          const { data: creatorSees } = await db.from("clients").select("slug").eq("slug", slug);
          expect(creatorSees).toEqual(actor === "admin" ? [{ slug }] : []);
        },
        cleanup: async () => {
          await deleteClientBySlug(slug);
          await deletePeople(pm.id);
        },
      };
    },
  },
  {
    fn: "create_client",
    what: "a client naming a contact of A as its project manager (all or nothing)",
    // client_staff takes staff only (23503); the client row inserted first is rolled back with it.
    expect: outcomes({
      unassignedStaff: { error: "23503" },
      pmA: { error: "23503" },
      serviceTeamA: { error: "23503" },
      admin: { error: "23503" },
      others: DENIED,
    }),
    arrange: async () => {
      const slug = uniq("sec-rpc").toLowerCase();
      return {
        act: (db) => db.rpc("create_client", clientArgs(slug, w.a.contacts.decision_maker.id)),
        landed: () => rowExists("clients", { slug }),
        cleanup: () => deleteClientBySlug(slug),
      };
    },
  },

  // ------------------------------------------------------------ invite_contact
  ...(["A", "B"] as const).map((t): RpcCase => ({
    fn: "invite_contact",
    what: `a new contact to client ${t}`,
    // Only the client's PM (or an admin): not its contacts, its service team, staff
    // on other clients or the other tenant.
    expect: outcomes(pmInserts(t)),
    arrange: async () => {
      const email = `${uniq("sec-invited")}@test.example`;
      const clientId = tenant(t).client.id;
      return {
        act: (db) =>
          db.rpc("invite_contact", {
            p_client: clientId,
            p_email: `  ${email.toUpperCase()} `,
            p_full_name: " Invited Person ",
            p_role: "approver",
            p_title: "Head of HR",
            p_phone: "",
          }),
        // No person means no contact row for them either.
        landed: () => rowExists("people", { email }),
        afterOk: async () => {
          const person = await readRow("people", { email });
          expect(person).toMatchObject({ full_name: "Invited Person", title: "Head of HR", phone: null });
          expect(
            await rowExists("client_contacts", { client_id: clientId, person_id: String(person!.id), role: "approver" }),
          ).toBe(true);
        },
        cleanup: () => deletePersonByEmail(email),
      };
    },
  })),
  {
    fn: "invite_contact",
    what: "B's contact into client A, by inviting their email",
    // The person is new or nothing happens: an existing person is not pulled across tenants.
    expect: outcomes({ pmA: { error: "23505" }, admin: { error: "23505" }, others: DENIED }),
    arrange: async () => ({
      act: (db) =>
        db.rpc("invite_contact", {
          p_client: w.a.client.id,
          p_email: w.b.contacts.viewer.email,
          p_full_name: "Poached",
          p_role: "decision_maker",
        }),
      landed: () => rowExists("client_contacts", { client_id: w.a.client.id, person_id: w.b.contacts.viewer.id }),
    }),
  },
  {
    fn: "invite_contact",
    what: "a contact to a client they created that has no project manager yet",
    // The function admits the creator, but client_contacts lets only the PM insert,
    // so the creator is turned away (42501) and no person is left behind.
    expect: outcomes({ anon: SKIP /* anon is nobody */, admin: OK, others: DENIED }),
    arrange: async (actor) => {
      const clientId = await clientCreatedBy(signedIn(actor).id);
      const email = `${uniq("sec-invited")}@test.example`;
      return {
        act: (db) =>
          db.rpc("invite_contact", { p_client: clientId, p_email: email, p_full_name: "Early Invite", p_role: "viewer" }),
        landed: async () =>
          (await rowExists("people", { email })) || (await rowExists("client_contacts", { client_id: clientId })),
        cleanup: async () => {
          await deleteClients(clientId);
          await deletePersonByEmail(email);
        },
      };
    },
  },
];
