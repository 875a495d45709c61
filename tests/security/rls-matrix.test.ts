// Row Level Security, attacked through PostgREST with real JWTs.
//
// Every table in the exposed schema `public` x every actor x select, insert,
// update and delete. The matrix is data: a feature that adds a table adds its
// rows to VISIBILITY and MUTATIONS below.
//
// PostgREST semantics the assertions rely on:
//   * a SELECT hidden by RLS returns [] (no error);
//   * an UPDATE/DELETE hidden by RLS affects 0 rows without error, so every
//     update/delete asks for the affected rows (.select()) and the service role
//     then reads the row back to prove it is unchanged;
//   * an INSERT (or an UPDATE's new row) failing WITH CHECK, and any missing
//     grant (table or column), is SQLSTATE 42501.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTORS,
  deleteAuthEvents,
  deleteClients,
  deletePeople,
  describeOutcome,
  disposeWorld,
  freshAuthEvent,
  freshClient,
  freshContact,
  freshPerson,
  freshStaff,
  nowSeconds,
  readRow,
  rest,
  restoreRow,
  rowExists,
  seedWorld,
  signToken,
  unsignedToken,
  wrongSecret,
  type Actor,
  type Outcome,
  type Result,
  type StandardActor,
  type Table,
  type World,
} from "../support/attack";
import { sql, stackEnv, uniq, type Db } from "../support/stack";

let w: World;
/** One sign-in event for the select cases. */
let authEventId: number | undefined;

beforeAll(async () => {
  w = await seedWorld();
  authEventId = await freshAuthEvent();
});

afterAll(async () => {
  if (authEventId) await deleteAuthEvents(authEventId);
  if (w) await disposeWorld(w);
});

// ---------------------------------------------------------------- vocabulary

const OK = "ok" satisfies Outcome;
const NONE = "none" satisfies Outcome;
const DENIED = "denied" satisfies Outcome;
const SKIP = "skip" as const;

type Spec = Partial<Record<Actor | "contactsA" | "others", Outcome | typeof SKIP>>;

/**
 * Expected outcome per actor. `contactsA` stands for A's viewer, approver and
 * decision maker; `others` for every standard actor not named. The service
 * role is tested only where named. SKIP leaves an actor out, with a reason in
 * the case (e.g. anon has no row of its own).
 */
function outcomes(spec: Spec): [Actor, Outcome][] {
  const out: [Actor, Outcome][] = [];
  const pick = (actor: Actor) =>
    spec[actor] ??
    (actor === "viewerA" || actor === "approverA" || actor === "deciderA" ? spec.contactsA : undefined) ??
    (actor === "serviceRole" ? undefined : spec.others);
  for (const actor of [...ACTORS, "serviceRole"] as Actor[]) {
    const outcome = pick(actor);
    if (outcome === undefined && actor !== "serviceRole") throw new Error(`no expectation for ${actor}`);
    if (outcome !== undefined && outcome !== SKIP) out.push([actor, outcome]);
  }
  return out;
}

const sorted = (xs: string[]) => [...xs].sort();
const contactsOf = (t: "A" | "B") => [`viewer${t}`, `approver${t}`, `decider${t}`];
const teamOf = (t: "A" | "B") => [`pm${t}`, `serviceTeam${t}`];
const ALL_STAFF = [...teamOf("A"), ...teamOf("B"), "unassignedStaff", "admin"];
const memberships = (t: "A" | "B", people: string[]) => people.map((p) => `${t}:${p}`);

// ---------------------------------------------------------------- select

type Visibility = {
  table: Table;
  /** Reads the seeded rows of both tenants as this actor; returns their labels. */
  read: (db: Db) => Promise<{ labels: string[] | null; error: Result["error"] }>;
  /** The exact labels each actor sees, or DENIED. */
  sees: Partial<Record<Actor, string[] | typeof DENIED>> & Record<StandardActor, string[] | typeof DENIED>;
};

const labelled = (rows: Record<string, string | number>[] | null, label: (row: Record<string, string | number>) => string) =>
  rows ? rows.map(label) : null;

const VISIBILITY: Visibility[] = [
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
  {
    table: "auth_events",
    read: async (db) => {
      const { data, error } = await db.from("auth_events").select("id").eq("id", authEventId!);
      return { labels: labelled(data, () => "event"), error };
    },
    // Only the sign-in job (service role) reads sign-in bookkeeping.
    sees: {
      anon: DENIED,
      viewerA: DENIED,
      approverA: DENIED,
      deciderA: DENIED,
      contactB: DENIED,
      unassignedStaff: DENIED,
      pmA: DENIED,
      serviceTeamA: DENIED,
      admin: DENIED,
      serviceRole: ["event"],
    },
  },
];

describe("select: who sees which seeded rows", () => {
  for (const v of VISIBILITY) {
    describe(v.table, () => {
      for (const [actor, expected] of Object.entries(v.sees) as [Actor, string[] | "denied"][]) {
        const title = expected === DENIED ? "is denied (42501)" : `sees exactly [${expected.join(", ")}]`;
        it(`${actor} ${title}`, async () => {
          const { labels, error } = await v.read(w.db[actor]);
          if (expected === DENIED) {
            expect(error?.code).toBe("42501");
            expect(labels).toBeNull();
          } else {
            expect(error).toBeNull();
            expect(sorted(labels ?? [])).toEqual(sorted(expected));
          }
        });
      }
    });
  }

  // Unfiltered reads: besides the two seeded tenants there are the demo clients
  // and the tenants of tests running in parallel. A non-admin sees only theirs.
  describe("clients, unfiltered", () => {
    const cases: [StandardActor, string[]][] = [
      ["viewerA", ["A"]],
      ["contactB", ["B"]],
      ["unassignedStaff", []],
      ["pmA", ["A"]],
      ["serviceTeamA", ["A"]],
    ];
    for (const [actor, expected] of cases) {
      it(`${actor} lists exactly [${expected.join(", ")}]`, async () => {
        const { data, error } = await w.db[actor].from("clients").select("id");
        expect(error).toBeNull();
        expect(sorted((data ?? []).map((r) => w.label(r.id)))).toEqual(expected);
      });
    }
  });
});

// ---------------------------------------------------------------- insert, update, delete

type Attempt = {
  /** The request under attack, made with the actor's client (update/delete ask for the affected rows). */
  act: (db: Db) => PromiseLike<Result>;
  /** Read back with the service role: did the change take effect? */
  landed: () => Promise<boolean>;
  cleanup?: () => Promise<unknown>;
};

type Mutation = {
  table: Table;
  op: "insert" | "update" | "delete";
  what: string;
  expect: [Actor, Outcome][];
  /** Fresh rows for one attempt, so that no attempt depends on another. */
  arrange: (actor: Actor) => Promise<Attempt>;
};

const phoneMarker = () => `+1 555 ${randomUUID().slice(0, 8)}`;
const textMarker = (what: string) => `${what} ${randomUUID()}`;
const randomColor = () => `#${randomUUID().replace(/-/g, "").slice(0, 6)}`;
const signedIn = (actor: Actor) => {
  if (actor === "anon" || actor === "serviceRole") throw new Error(`${actor} is nobody`);
  return w.person[actor];
};

const MUTATIONS: Mutation[] = [
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
  ...(["A", "B"] as const).map(
    (t): Mutation => ({
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
    }),
  ),
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
  ...(["A", "B"] as const).map(
    (t): Mutation => ({
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
    }),
  ),
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
  ...(["A", "B"] as const).map(
    (t): Mutation => ({
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
    }),
  ),

  // ------------------------------------------------------------ client_contacts
  ...(["A", "B"] as const).map(
    (t): Mutation => ({
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
    }),
  ),
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
  ...(["A", "B"] as const).map(
    (t): Mutation => ({
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
    }),
  ),

  // ------------------------------------------------------------ auth_events (the sign-in job only)
  {
    table: "auth_events",
    op: "insert",
    what: "a sign-in event",
    expect: outcomes({ serviceRole: OK, others: DENIED }),
    arrange: async () => {
      const email = `${uniq("sec-event")}@test.example`;
      return {
        act: (db) => db.from("auth_events").insert({ kind: "code_requested", email }),
        landed: () => rowExists("auth_events", { email }),
        cleanup: async () => {
          const row = await readRow("auth_events", { email });
          if (row) await deleteAuthEvents(Number(row.id));
        },
      };
    },
  },
  {
    table: "auth_events",
    op: "update",
    what: "a sign-in event's ip",
    expect: outcomes({ serviceRole: OK, others: DENIED }),
    arrange: async () => {
      const id = await freshAuthEvent();
      const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      return {
        act: (db) => db.from("auth_events").update({ ip }).eq("id", id).select("id"),
        landed: async () => (await readRow("auth_events", { id }))?.ip === ip,
        cleanup: () => deleteAuthEvents(id),
      };
    },
  },
  {
    table: "auth_events",
    op: "delete",
    what: "a sign-in event",
    expect: outcomes({ serviceRole: OK, others: DENIED }),
    arrange: async () => {
      const id = await freshAuthEvent();
      return {
        act: (db) => db.from("auth_events").delete().eq("id", id).select("id"),
        landed: async () => !(await rowExists("auth_events", { id })),
        cleanup: () => deleteAuthEvents(id),
      };
    },
  },
];

async function assertOutcome(m: Mutation, outcome: Outcome, attempt: Attempt, db: Db) {
  const { data, error } = await attempt.act(db);
  if (outcome === OK) {
    expect(error).toBeNull();
    // Inserts ask for no representation (the new row need not be readable by its author).
    if (m.op !== "insert") expect(data).toHaveLength(1);
    expect(await attempt.landed(), "the service role reads the change").toBe(true);
    return;
  }
  if (outcome === NONE) {
    expect(error).toBeNull();
    expect(data).toEqual([]);
  } else {
    expect(error?.code).toBe(outcome === DENIED ? "42501" : outcome.error);
    expect(data).toBeNull();
  }
  expect(await attempt.landed(), "the service role reads the row unchanged").toBe(false);
}

for (const op of ["insert", "update", "delete"] as const) {
  describe(op, () => {
    for (const table of new Set(MUTATIONS.map((m) => m.table))) {
      const cases = MUTATIONS.filter((m) => m.op === op && m.table === table);
      if (cases.length === 0) continue;
      describe(table, () => {
        for (const m of cases) {
          describe(m.what, () => {
            for (const [actor, outcome] of m.expect) {
              it(`${actor}: ${describeOutcome(outcome)}`, async () => {
                const attempt = await m.arrange(actor);
                try {
                  await assertOutcome(m, outcome, attempt, w.db[actor]);
                } finally {
                  await attempt.cleanup?.();
                }
              });
            }
          });
        }
      });
    }
  });
}

// House rule 7: every policy has an attack test. A table added to public
// without rows in VISIBILITY and MUTATIONS fails here, by name.
it("the matrix covers select, insert, update and delete on every table in public", async () => {
  const tables = await sql<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
  );
  const covered = {
    select: new Set<string>(VISIBILITY.map((v) => v.table)),
    insert: new Set<string>(MUTATIONS.filter((m) => m.op === "insert").map((m) => m.table)),
    update: new Set<string>(MUTATIONS.filter((m) => m.op === "update").map((m) => m.table)),
    delete: new Set<string>(MUTATIONS.filter((m) => m.op === "delete").map((m) => m.table)),
  };
  const missing = tables.flatMap(({ name }) =>
    Object.entries(covered)
      .filter(([, has]) => !has.has(name))
      .map(([op]) => `${name}: ${op}`),
  );
  expect(missing, `tables in public without attack cases in this matrix:\n  ${missing.join("\n  ")}`).toEqual([]);
});

// ---------------------------------------------------------------- the JWT itself

describe("the JWT", () => {
  const clientsOfBothTenants = () => `/clients?select=id&id=in.(${w.a.client.id},${w.b.client.id})`;
  const claimsFor = (personId: string) => ({
    role: "authenticated",
    aud: "authenticated",
    sub: personId,
    iat: nowSeconds(),
    exp: nowSeconds() + 300,
  });
  const rejected = (message?: string) => ({
    status: 401,
    body: expect.objectContaining({ code: "PGRST301", ...(message ? { message } : {}) }),
  });

  it("a valid token for A's PM reads client A (control for the attacks below)", async () => {
    const res = await rest(clientsOfBothTenants(), { apikey: stackEnv.anonKey, token: await signToken(claimsFor(w.a.pm.id)) });
    expect(res).toEqual({ status: 200, body: [{ id: w.a.client.id }] });
  });

  it("signed with a wrong secret: 401 PGRST301", async () => {
    const token = await signToken(claimsFor(w.admin.id), wrongSecret());
    expect(await rest(clientsOfBothTenants(), { apikey: stackEnv.anonKey, token })).toEqual(rejected());
  });

  it("expired: 401 PGRST301 JWT expired", async () => {
    const token = await signToken({ ...claimsFor(w.admin.id), iat: nowSeconds() - 600, exp: nowSeconds() - 60 });
    expect(await rest(clientsOfBothTenants(), { apikey: stackEnv.anonKey, token })).toEqual(rejected("JWT expired"));
  });

  it("claiming service_role, signed with a wrong secret: 401", async () => {
    const token = await signToken({ role: "service_role", iat: nowSeconds(), exp: nowSeconds() + 300 }, wrongSecret());
    expect(await rest(clientsOfBothTenants(), { apikey: stackEnv.anonKey, token })).toEqual(rejected());
  });

  it("claiming service_role, unsigned (alg none): 401", async () => {
    const token = unsignedToken({ role: "service_role", iat: nowSeconds(), exp: nowSeconds() + 300 });
    expect(await rest(clientsOfBothTenants(), { apikey: stackEnv.anonKey, token })).toEqual(rejected());
  });

  it("not a JWT at all: 401", async () => {
    expect(await rest(clientsOfBothTenants(), { apikey: stackEnv.anonKey, token: "abc.def.ghi" })).toEqual(rejected());
  });

  it("without an apikey header, even with a valid token: 401 from the gateway", async () => {
    const token = await signToken(claimsFor(w.admin.id));
    expect(await rest(clientsOfBothTenants(), { token })).toEqual({
      status: 401,
      body: { message: "No API key found in request" },
    });
  });

  it("with an apikey that is not one of the project's keys: 401 from the gateway", async () => {
    const apikey = await signToken({ role: "service_role", iat: nowSeconds(), exp: nowSeconds() + 300 }, wrongSecret());
    expect(await rest(clientsOfBothTenants(), { apikey })).toEqual({ status: 401, body: { message: "Invalid API key" } });
  });

  it("for a person who does not exist: sees no client at all", async () => {
    const token = await signToken(claimsFor(randomUUID()));
    expect(await rest("/clients?select=id", { apikey: stackEnv.anonKey, token })).toEqual({ status: 200, body: [] });
  });

  it("without a subject: sees no client at all", async () => {
    const { sub: _sub, ...claims } = claimsFor(w.admin.id);
    const token = await signToken(claims);
    expect(await rest("/clients?select=id", { apikey: stackEnv.anonKey, token })).toEqual({ status: 200, body: [] });
  });

  it("claiming a database role PostgREST may not switch to (postgres), correctly signed: 403 42501", async () => {
    const token = await signToken({ role: "postgres", iat: nowSeconds(), exp: nowSeconds() + 300 });
    const res = await rest("/clients?select=id", { apikey: stackEnv.anonKey, token });
    expect(res).toEqual({ status: 403, body: expect.objectContaining({ code: "42501" }) });
  });
});
