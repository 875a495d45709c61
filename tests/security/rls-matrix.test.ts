// Row Level Security, attacked through PostgREST with real JWTs.
//
// Every table in the exposed schema `public` x every actor x select, insert,
// update and delete, and every function in `public` that a caller can execute
// (/rpc) x every actor. The matrix is data: a feature that adds a table adds
// its rows to VISIBILITY and MUTATIONS below, and one that adds a function adds
// its rows to RPCS. The coverage guards at the end name whatever is missing.
//
// PostgREST semantics the assertions rely on:
//   * a SELECT hidden by RLS returns [] (no error);
//   * an UPDATE/DELETE hidden by RLS affects 0 rows without error, so every
//     update/delete asks for the affected rows (.select()) and the service role
//     then reads the row back to prove it is unchanged;
//   * an INSERT (or an UPDATE's new row) failing WITH CHECK, and any missing
//     grant (table, column or function), is SQLSTATE 42501 (HTTP 401 for anon,
//     403 for a signed-in person);
//   * BEFORE triggers run before the WITH CHECK of the row they return, so a
//     trigger's own error (23514, 42501) can come first.
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/lib/database.types";
import {
  ACTORS,
  CONSENT,
  LOGO_PNG,
  PLAN_START,
  TEMPLATE_PHASES,
  addDays,
  deleteAuthEvents,
  deleteClients,
  deletePeople,
  deleteRows,
  describeOutcome,
  disposeWorld,
  dropDocuments,
  feedTokenHash,
  freshAuthEvent,
  freshClient,
  freshContact,
  freshCriterion,
  freshDocument,
  freshFeed,
  freshLogo,
  freshMilestone,
  freshPerson,
  freshPhase,
  freshSignoffDocument,
  freshStaff,
  freshTask,
  freshTemplate,
  freshVersion,
  nameApprovers,
  nowSeconds,
  readRow,
  readRows,
  rest,
  restoreRow,
  rowExists,
  seedPortal,
  seedRequirements,
  seedRow,
  seedWorld,
  sha256Hex,
  signAs,
  signToken,
  slip,
  unsignedToken,
  wrongSecret,
  type Actor,
  type Outcome,
  type Portal,
  type Result,
  type Row,
  type StandardActor,
  type Table,
  type TenantRequirements,
  type World,
} from "../support/attack";
import { asPerson, sql, stackEnv, uniq, type Db } from "../support/stack";

let w: World;
/** The client portal's rows for both tenants (migration 20261125000200). */
let p: Portal;
/** Each tenant's requirement document, version, approver and sign-off (migration 20261125000400). */
let rq: { a: TenantRequirements; b: TenantRequirements };
/** One sign-in event for the select cases. */
let authEventId: number | undefined;
/** One server-side session per signed-in actor, for the select cases. */
const sessionIds: Record<string, string> = {};

beforeAll(async () => {
  w = await seedWorld();
  p = await seedPortal(w);
  rq = await seedRequirements(w);
  authEventId = await freshAuthEvent();
  for (const [actor, person] of Object.entries(w.person)) {
    const row = await seedRow("auth_sessions", { person_id: person.id, user_agent: uniq("sec-session") });
    sessionIds[actor] = String(row.id);
    w.name(String(row.id), `session:${actor}`);
  }
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

type PortalTable = "success_criteria" | "phases" | "milestones" | "client_tasks";

/** Reads the seeded portal rows of both tenants by id (other cases add and remove rows of their own). */
async function readSeeded(db: Db, table: PortalTable, rows: (t: Portal["a"]) => Row[]) {
  const ids = [p.a, p.b].flatMap((t) => rows(t).map((r) => String(r.id)));
  const { data, error } = await db.from(table).select("id").in("id", ids);
  return { labels: labelled(data, (r) => w.label(String(r.id))), error };
}

/**
 * Who sees a client's timeline-like rows: its staff (and admins) everything,
 * its contacts only the rows that are not internal, anyone else nothing.
 * Labels are "<tenant>:<name>".
 */
function internalAware(visible: string[], internal: string[]): Visibility["sees"] {
  const shown = (t: "A" | "B") => visible.map((x) => `${t}:${x}`);
  const all = (t: "A" | "B") => [...shown(t), ...internal.map((x) => `${t}:${x}`)];
  return {
    anon: DENIED,
    viewerA: shown("A"),
    approverA: shown("A"),
    deciderA: shown("A"),
    contactB: shown("B"),
    unassignedStaff: [],
    pmA: all("A"),
    serviceTeamA: all("A"),
    admin: [...all("A"), ...all("B")],
  };
}

/** The seeded requirement rows of both tenants, by kind. */
const requirementIds = (kind: "document" | "version") => [rq.a, rq.b].map((t) => String(t[kind].id));

/** Rows of a client that its contacts and staff (and admins) all read: labels "<tenant>:<name>". */
function clientWide(names: string[]): Visibility["sees"] {
  const of = (t: "A" | "B") => names.map((n) => `${t}:${n}`);
  return {
    anon: DENIED,
    viewerA: of("A"),
    approverA: of("A"),
    deciderA: of("A"),
    contactB: of("B"),
    unassignedStaff: [],
    pmA: of("A"),
    serviceTeamA: of("A"),
    admin: [...of("A"), ...of("B")],
  };
}

/** The seeded approver rows ("A:approverA", "B:approverB"), as clientWide sees them. */
function approverRowsSeen(): Partial<Visibility["sees"]> {
  const a = ["A:approverA"];
  const b = ["B:approverB"];
  return { viewerA: a, approverA: a, deciderA: a, contactB: b, pmA: a, serviceTeamA: a, admin: [...a, ...b] };
}

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

  // ---------------------------------------------------------- the client portal (migration 20261125000200)
  {
    table: "success_criteria",
    read: (db) => readSeeded(db, "success_criteria", (t) => [t.criteria.visible, t.criteria.internal]),
    sees: internalAware(["visible"], ["internal"]),
  },
  {
    table: "phases",
    read: (db) => readSeeded(db, "phases", (t) => [t.phases.visible, t.phases.internal]),
    sees: internalAware(["visible"], ["internal"]),
  },
  {
    table: "milestones",
    read: (db) =>
      readSeeded(db, "milestones", (t) => [t.milestones.visible, t.milestones.internal, t.milestones.inInternalPhase]),
    // A milestone inside an internal phase is hidden from contacts even though it is not internal itself.
    sees: internalAware(["visible"], ["internal", "inInternalPhase"]),
  },
  {
    table: "date_changes",
    read: async (db) => {
      const ids = [p.a, p.b].flatMap((t) => Object.values(t.dateChanges));
      const { data, error } = await db.from("date_changes").select("id").in("id", ids);
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    // The trigger marks a slip internal when its milestone, or the milestone's phase, or the phase is internal.
    sees: internalAware(["milestone", "phase"], ["internalMilestone", "milestoneInInternalPhase", "internalPhase"]),
  },
  {
    table: "client_tasks",
    read: (db) => readSeeded(db, "client_tasks", (t) => [t.task]),
    sees: internalAware(["task"], []),
  },
  {
    table: "client_logos",
    read: async (db) => {
      const { data, error } = await db.from("client_logos").select("client_id").in("client_id", [w.a.client.id, w.b.client.id]);
      return { labels: labelled(data, (r) => w.label(String(r.client_id))), error };
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
    table: "auth_sessions",
    read: async (db) => {
      const ids = Object.values(sessionIds);
      const { data, error } = await db.from("auth_sessions").select("id").in("id", ids);
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    // Each person their own sessions, and nobody else's: not their PM, not an admin.
    sees: {
      anon: DENIED,
      viewerA: ["session:viewerA"],
      approverA: ["session:approverA"],
      deciderA: ["session:deciderA"],
      contactB: ["session:contactB"],
      unassignedStaff: ["session:unassignedStaff"],
      pmA: ["session:pmA"],
      serviceTeamA: ["session:serviceTeamA"],
      admin: ["session:admin"],
    },
  },
  {
    table: "calendar_feeds",
    read: async (db) => {
      const ids = Object.values(p.feeds).map((f) => String(f.id));
      const { data, error } = await db.from("calendar_feeds").select("id").in("id", ids);
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    // Each person their own feed, and nobody else's: not A's PM, not an admin.
    // (unassignedStaff's feed is for client A, which they cannot see: they still see the feed.)
    sees: {
      anon: DENIED,
      viewerA: ["viewerA"],
      approverA: ["approverA"],
      deciderA: ["deciderA"],
      contactB: ["contactB"],
      unassignedStaff: ["unassignedStaff"],
      pmA: ["pmA"],
      serviceTeamA: ["serviceTeamA"],
      admin: ["admin"],
    },
  },
  {
    table: "timeline_templates",
    read: async (db) => {
      const ids = [p.templates.builtin, p.templates.custom].map((t) => String(t.id));
      const { data, error } = await db.from("timeline_templates").select("id").in("id", ids);
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    // Staff only: contacts never see templates (built-in or custom).
    sees: {
      anon: DENIED,
      viewerA: [],
      approverA: [],
      deciderA: [],
      contactB: [],
      unassignedStaff: ["builtin", "custom"],
      pmA: ["builtin", "custom"],
      serviceTeamA: ["builtin", "custom"],
      admin: ["builtin", "custom"],
    },
  },
  // ---------------------------------------------------------- requirements sign-off (migration 20261125000400)
  {
    table: "requirement_documents",
    read: async (db) => {
      const { data, error } = await db.from("requirement_documents").select("id").in("id", requirementIds("document"));
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    sees: clientWide(["document"]),
  },
  {
    table: "requirement_drafts",
    read: async (db) => {
      const { data, error } = await db.from("requirement_drafts").select("document_id").in("document_id", requirementIds("document"));
      return { labels: labelled(data, (r) => w.label(String(r.document_id)).replace(":document", ":draft")), error };
    },
    // Work in progress: the client's staff only, never its contacts.
    sees: internalAware([], ["draft"]),
  },
  {
    table: "requirement_versions",
    read: async (db) => {
      const { data, error } = await db.from("requirement_versions").select("id").in("id", requirementIds("version"));
      return { labels: labelled(data, (r) => w.label(String(r.id))), error };
    },
    sees: clientWide(["version"]),
  },
  {
    table: "requirement_approvers",
    read: async (db) => {
      const { data, error } = await db
        .from("requirement_approvers")
        .select("client_id, person_id")
        .in("document_id", requirementIds("document"));
      return { labels: labelled(data, (r) => `${w.label(String(r.client_id))}:${w.label(String(r.person_id))}`), error };
    },
    sees: { ...clientWide([]), ...approverRowsSeen() },
  },
  {
    table: "signoffs",
    read: async (db) => {
      const { data, error } = await db
        .from("signoffs")
        .select("id")
        .in("id", [rq.a.signoff.id, rq.b.signoff.id].map(Number));
      return { labels: labelled(data, (r) => w.label(`signoff:${r.id}`)), error };
    },
    // The client's people and its staff read the evidence; nobody else does.
    sees: clientWide(["signoff"]),
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

// Embedding goes through the embedded tables' RLS as well: client A read with its
// timeline embedded shows each actor exactly what the plain reads above do.
describe("select: client A with its portal embedded", () => {
  const cases: [StandardActor, string[] | null][] = [
    [
      "viewerA",
      ["phase A:visible", "milestone A:visible", "criterion A:visible", "slip A:milestone", "slip A:phase", "task A:task"],
    ],
    ["contactB", null],
    ["unassignedStaff", null],
    [
      "serviceTeamA",
      [
        "phase A:visible",
        "phase A:internal",
        "milestone A:visible",
        "milestone A:internal",
        "milestone A:inInternalPhase",
        "criterion A:visible",
        "criterion A:internal",
        "slip A:milestone",
        "slip A:internalMilestone",
        "slip A:milestoneInInternalPhase",
        "slip A:phase",
        "slip A:internalPhase",
        "task A:task",
      ],
    ],
  ];
  for (const [actor, expected] of cases) {
    it(`${actor} ${expected ? `sees exactly the ${expected.length} rows it may` : "does not see client A at all"}`, async () => {
      const { data, error } = await w.db[actor]
        .from("clients")
        .select("id, phases(id, milestones(id)), success_criteria(id), date_changes(id), client_tasks(id)")
        .eq("id", w.a.client.id);
      expect(error).toBeNull();
      if (!expected) {
        expect(data).toEqual([]);
        return;
      }
      expect(data).toHaveLength(1);
      const client = data![0];
      const seen = [
        ...client.phases.flatMap((ph) => [`phase ${w.label(ph.id)}`, ...ph.milestones.map((m) => `milestone ${w.label(m.id)}`)]),
        ...client.success_criteria.map((c) => `criterion ${w.label(c.id)}`),
        ...client.date_changes.map((d) => `slip ${w.label(String(d.id))}`),
        ...client.client_tasks.map((t) => `task ${w.label(t.id)}`),
      ];
      expect(sorted(seen)).toEqual(sorted(expected));
    });
  }
});

// The slip log keeps a copy of its item's title and reason. When a PM later makes
// the item internal (or its phase), its history must go out of the client's
// sight with it, or the contacts keep reading what was hidden from them.
describe("select: the slip log follows its item's visibility", () => {
  const cases = [
    ["a milestone made internal after it slipped", "milestone", "milestone"],
    ["a milestone whose phase is made internal after it slipped", "milestone", "phase"],
    ["a phase made internal after it slipped", "phase", "phase"],
  ] as const;
  for (const [what, slipped, hidden] of cases) {
    it(`A's contacts lose sight of the slip of ${what}; A's staff keep it`, async () => {
      const phase = await freshPhase(w.a.client.id);
      const milestone = await freshMilestone(w.a.client.id, String(phase.id));
      try {
        const logIds =
          slipped === "milestone"
            ? await slip("milestones", String(milestone.id), { planned_date: addDays(String(milestone.planned_date), 2) })
            : await slip("phases", String(phase.id), { planned_end: addDays(String(phase.planned_end), 2) });
        expect(logIds).toHaveLength(1);
        const seenBy = async (actor: StandardActor) => {
          const { data, error } = await w.db[actor].from("date_changes").select("id").in("id", logIds);
          expect(error).toBeNull();
          return (data ?? []).map((r) => r.id);
        };
        // Control: while the item is visible, so is its slip.
        expect(await seenBy("viewerA")).toEqual(logIds);

        await restoreRow(
          hidden === "milestone" ? "milestones" : "phases",
          { id: String(hidden === "milestone" ? milestone.id : phase.id) },
          {
            is_internal: true,
          },
        );
        const { data: item } = await w.db.viewerA
          .from(slipped === "milestone" ? "milestones" : "phases")
          .select("id")
          .eq("id", String(slipped === "milestone" ? milestone.id : phase.id));
        expect(item, "the item itself is now hidden from the contact").toEqual([]);
        expect(await seenBy("viewerA"), "its slip is hidden too").toEqual([]);
        expect(await seenBy("serviceTeamA")).toEqual(logIds);
      } finally {
        await deleteRows("date_changes", "phase_id", String(phase.id));
        await dropPlanItem("milestones", String(milestone.id));
        await dropPlanItem("phases", String(phase.id));
      }
    });
  }
});

// ---------------------------------------------------------------- insert, update, delete

type Attempt = {
  /** The request under attack, made with the actor's client (update/delete ask for the affected rows). */
  act: (db: Db) => PromiseLike<Result>;
  /** Read back with the service role: did the change take effect? */
  landed: () => Promise<boolean>;
  /** Further assertions once it worked (what the database stamped, what the actor now sees). */
  afterOk?: (db: Db) => Promise<void>;
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

// ---------------------------------------------------------------- the client portal: vocabulary

type Tenant = "A" | "B";
const tenant = (t: Tenant) => (t === "A" ? w.a : w.b);
const portalOf = (t: Tenant) => (t === "A" ? p.a : p.b);
/** Only the tenant's PM (or an admin) may add rows to it. */
const pmInserts = (t: Tenant): Spec => (t === "A" ? { pmA: OK, admin: OK, others: DENIED } : { admin: OK, others: DENIED });
/** Only the tenant's PM (or an admin) may change or remove its rows; others see none to change. */
const pmEdits = (t: Tenant): Spec =>
  t === "A" ? { pmA: OK, admin: OK, anon: DENIED, others: NONE } : { admin: OK, anon: DENIED, others: NONE };
/** A contact of A who is not this actor. */
const otherContactOfA = (actor: Actor) => (actor === "viewerA" ? w.a.contacts.approver : w.a.contacts.viewer);
const recently = (at: unknown) => typeof at === "string" && Math.abs(Date.now() - Date.parse(at)) < 60_000;

/** A client credited to this person as its creator (seeded), with a project manager already when given. */
async function clientCreatedBy(personId: string, pm?: { id: string }): Promise<string> {
  const slug = uniq("sec-created").toLowerCase();
  const row = await seedRow("clients", { slug, name: `Client ${slug}`, created_by: personId });
  if (pm) await seedRow("client_staff", { client_id: row.id, person_id: pm.id, role: "project_manager", responsibilities: null });
  return String(row.id);
}

const clientArgs = (slug: string, pmId: string) => ({
  p_slug: slug,
  p_name: `Client ${slug}`,
  p_primary_color: "#123456",
  p_accent_color: "#abcdef",
  p_welcome_text: "Welcome aboard.",
  p_go_live_date: addDays(PLAN_START, 60),
  p_service_takeover_date: addDays(PLAN_START, 90),
  p_project_manager: pmId,
});

/** Creates a client through the RPC as this actor, naming its project manager. */
async function createClientAs(actor: Actor, pmId: string): Promise<string> {
  const { data, error } = await w.db[actor].rpc("create_client", clientArgs(uniq("sec-rpc").toLowerCase(), pmId));
  if (error || !data) throw new Error(`create_client as ${actor} failed: ${error?.message}`);
  return data;
}

// ---------------------------------------------------------------- requirements sign-off: vocabulary

/** Sign-off inserts name only the granted columns (or forge others): past the generated Insert type. */
const untyped = (db: Db) => db as unknown as SupabaseClient;

/** Did the row change in any column, or vanish, since it was read as `before`? */
async function rowChanged(table: Table, id: string | number, before: Row): Promise<boolean> {
  const now = await readRow(table, { id });
  return JSON.stringify(now) !== JSON.stringify(before);
}

/** Who an actor signs as: themselves, or (anon, the service role) A's approver's name. */
const signerFor = (actor: Actor) => (actor === "anon" || actor === "serviceRole" ? w.a.contacts.approver : signedIn(actor));

/** Removes a phase or milestone with the slip-log rows written about it. */
async function dropPlanItem(table: "phases" | "milestones", id: string) {
  await deleteRows("date_changes", table === "phases" ? "phase_id" : "milestone_id", id);
  await deleteRows(table, "id", id);
}

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

  // ============================================================ the client portal (migration 20261125000200)

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

  // ------------------------------------------------------------ success_criteria
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "success_criteria",
    op: "insert",
    what: `a success criterion for client ${t}`,
    expect: outcomes(pmInserts(t)),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("success_criteria").insert({
            id,
            client_id: tenant(t).client.id,
            statement: "Every employee enrolled before go-live",
            measure: "100% of eligible employees",
            position: 9,
            is_internal: false,
          }),
        landed: () => rowExists("success_criteria", { id }),
        cleanup: () => deleteRows("success_criteria", "id", id),
      };
    },
  })),
  ...(["without", "with"] as const).map((pm): Mutation => ({
    table: "success_criteria",
    op: "insert",
    what: `a success criterion for a client they created, ${pm} a project manager`,
    // The creator sets a new client up until it has a PM (a contact has no creator right).
    expect: outcomes(
      pm === "without"
        ? { anon: SKIP /* anon is nobody */, contactsA: DENIED, contactB: DENIED, others: OK }
        : { anon: SKIP, admin: OK, others: DENIED },
    ),
    arrange: async (actor) => {
      const otherPm = pm === "with" ? await freshStaff() : null;
      const clientId = await clientCreatedBy(signedIn(actor).id, otherPm ?? undefined);
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("success_criteria").insert({
            id,
            client_id: clientId,
            statement: "Payroll runs on time",
            measure: null,
            position: 0,
            is_internal: false,
          }),
        landed: () => rowExists("success_criteria", { id }),
        cleanup: async () => {
          await deleteClients(clientId);
          if (otherPm) await deletePeople(otherPm.id);
        },
      };
    },
  })),
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "success_criteria",
    op: "update",
    what: `the statement of an internal success criterion of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const row = await freshCriterion(tenant(t).client.id, { isInternal: true });
      const statement = textMarker("Reworded");
      return {
        act: (db) => db.from("success_criteria").update({ statement }).eq("id", String(row.id)).select("id"),
        landed: async () => (await readRow("success_criteria", { id: String(row.id) }))?.statement === statement,
        cleanup: () => deleteRows("success_criteria", "id", String(row.id)),
      };
    },
  })),
  {
    table: "success_criteria",
    op: "update",
    what: "move a success criterion from client A to client B",
    expect: outcomes({ pmA: DENIED, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshCriterion(w.a.client.id);
      return {
        act: (db) => db.from("success_criteria").update({ client_id: w.b.client.id }).eq("id", String(row.id)).select("id"),
        landed: () => rowExists("success_criteria", { id: String(row.id), client_id: w.b.client.id }),
        cleanup: () => deleteRows("success_criteria", "id", String(row.id)),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "success_criteria",
    op: "delete",
    what: `a success criterion of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const row = await freshCriterion(tenant(t).client.id);
      return {
        act: (db) => db.from("success_criteria").delete().eq("id", String(row.id)).select("id"),
        landed: async () => !(await rowExists("success_criteria", { id: String(row.id) })),
        cleanup: () => deleteRows("success_criteria", "id", String(row.id)),
      };
    },
  })),

  // ------------------------------------------------------------ phases
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "phases",
    op: "insert",
    what: `a phase for client ${t} (carrying a change note, which the trigger clears)`,
    expect: outcomes(pmInserts(t)),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("phases").insert({
            id,
            client_id: tenant(t).client.id,
            name: "Parallel runs",
            position: 5,
            planned_start: PLAN_START,
            planned_end: addDays(PLAN_START, 13),
            is_internal: false,
            change_reason: "A smuggled note",
            change_side: "provider",
          }),
        landed: () => rowExists("phases", { id }),
        afterOk: async () => {
          expect(await readRow("phases", { id })).toMatchObject({ change_reason: null, change_side: null });
          expect(await readRows("date_changes", { phase_id: id })).toEqual([]);
        },
        cleanup: () => dropPlanItem("phases", id),
      };
    },
  })),
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "phases",
    op: "update",
    what: `rename an internal phase of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const row = await freshPhase(tenant(t).client.id, { isInternal: true });
      const name = textMarker("Renamed");
      return {
        act: (db) => db.from("phases").update({ name }).eq("id", String(row.id)).select("id"),
        landed: async () => (await readRow("phases", { id: String(row.id) }))?.name === name,
        cleanup: () => dropPlanItem("phases", String(row.id)),
      };
    },
  })),
  {
    table: "phases",
    op: "update",
    what: "move A's phase to client B (client_id not granted)",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const row = await freshPhase(w.a.client.id);
      return {
        act: (db) => db.from("phases").update({ client_id: w.b.client.id }).eq("id", String(row.id)).select("id"),
        landed: () => rowExists("phases", { id: String(row.id), client_id: w.b.client.id }),
        cleanup: () => dropPlanItem("phases", String(row.id)),
      };
    },
  },
  ...(
    [
      ["without a reason or side", {}],
      ["with a reason but no side", { change_reason: "Carrier was late" }],
      ["with a side but no reason", { change_side: "client" }],
      ["with a reason too short to mean anything", { change_reason: " ok ", change_side: "client" }],
    ] as const
  ).map(([how, note]): Mutation => ({
    table: "phases",
    op: "update",
    what: `move A's phase's planned end ${how}`,
    // Every planned-date change is logged with its reason: the trigger refuses one without.
    expect: outcomes({ pmA: { error: "23514" }, admin: { error: "23514" }, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshPhase(w.a.client.id);
      const end = addDays(String(row.planned_end), 7);
      return {
        act: (db) =>
          db
            .from("phases")
            .update({ planned_end: end, ...note })
            .eq("id", String(row.id))
            .select("id"),
        landed: async () =>
          (await readRow("phases", { id: String(row.id) }))?.planned_end === end ||
          (await rowExists("date_changes", { phase_id: String(row.id) })),
        cleanup: () => dropPlanItem("phases", String(row.id)),
      };
    },
  })),
  {
    table: "phases",
    op: "update",
    what: "move A's phase's planned end with a reason and side (logged once, note cleared)",
    expect: outcomes(pmEdits("A")),
    arrange: async (actor) => {
      const row = await freshPhase(w.a.client.id);
      const id = String(row.id);
      const end = addDays(String(row.planned_end), 7);
      const reason = textMarker("Carrier file arrived late:");
      return {
        act: (db) =>
          db
            .from("phases")
            .update({ planned_end: end, change_reason: `  ${reason}  `, change_side: "third_party" })
            .eq("id", id)
            .select("id"),
        landed: async () =>
          (await readRow("phases", { id }))?.planned_end === end || (await rowExists("date_changes", { phase_id: id })),
        afterOk: async () => {
          expect(await readRow("phases", { id })).toMatchObject({
            planned_start: row.planned_start,
            planned_end: end,
            change_reason: null,
            change_side: null,
          });
          const logs = await readRows("date_changes", { phase_id: id });
          expect(logs).toHaveLength(1);
          expect(logs[0]).toMatchObject({
            client_id: w.a.client.id,
            phase_id: id,
            milestone_id: null,
            item_title: row.name,
            field: "planned_end",
            old_date: row.planned_end,
            new_date: end,
            reason,
            side: "third_party",
            is_internal: false,
            changed_by: signedIn(actor).id,
          });
        },
        cleanup: () => dropPlanItem("phases", id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "phases",
    op: "delete",
    what: `a phase of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const row = await freshPhase(tenant(t).client.id);
      return {
        act: (db) => db.from("phases").delete().eq("id", String(row.id)).select("id"),
        landed: async () => !(await rowExists("phases", { id: String(row.id) })),
        cleanup: () => dropPlanItem("phases", String(row.id)),
      };
    },
  })),

  // ------------------------------------------------------------ milestones
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "milestones",
    op: "insert",
    what: `a milestone in a phase of client ${t}`,
    expect: outcomes(pmInserts(t)),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("milestones").insert({
            id,
            client_id: tenant(t).client.id,
            phase_id: String(portalOf(t).phases.visible.id),
            title: "Plan design signed off",
            description: null,
            planned_date: addDays(PLAN_START, 3),
            actual_date: null,
            risk_note: null,
            is_internal: false,
            position: 3,
            change_reason: null,
            change_side: null,
          }),
        landed: () => rowExists("milestones", { id }),
        cleanup: () => dropPlanItem("milestones", id),
      };
    },
  })),
  {
    table: "milestones",
    op: "insert",
    what: "a milestone of client A inside a phase of client B",
    // The composite foreign key (phase_id, client_id) keeps a milestone in its client's phases.
    expect: outcomes({ pmA: { error: "23503" }, admin: { error: "23503" }, others: DENIED }),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("milestones").insert({
            id,
            client_id: w.a.client.id,
            phase_id: String(p.b.phases.visible.id),
            title: "Cross-tenant milestone",
            planned_date: PLAN_START,
          }),
        landed: () => rowExists("milestones", { id }),
        cleanup: () => dropPlanItem("milestones", id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "milestones",
    op: "update",
    what: `the title and risk note of an internal milestone of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const row = await freshMilestone(tenant(t).client.id, String(portalOf(t).phases.visible.id), { isInternal: true });
      const title = textMarker("Retitled");
      return {
        act: (db) =>
          db.from("milestones").update({ title, risk_note: "Watch the carrier" }).eq("id", String(row.id)).select("id"),
        landed: async () => (await readRow("milestones", { id: String(row.id) }))?.title === title,
        cleanup: () => dropPlanItem("milestones", String(row.id)),
      };
    },
  })),
  {
    table: "milestones",
    op: "update",
    what: "move A's milestone into a phase of client B",
    expect: outcomes({ pmA: { error: "23503" }, admin: { error: "23503" }, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshMilestone(w.a.client.id, String(p.a.phases.visible.id));
      const bPhase = String(p.b.phases.visible.id);
      return {
        act: (db) => db.from("milestones").update({ phase_id: bPhase }).eq("id", String(row.id)).select("id"),
        landed: () => rowExists("milestones", { id: String(row.id), phase_id: bPhase }),
        cleanup: () => dropPlanItem("milestones", String(row.id)),
      };
    },
  },
  ...(
    [
      ["without a reason or side", {}],
      ["with a reason but no side", { change_reason: "Carrier was late" }],
      ["with a side but no reason", { change_side: "client" }],
    ] as const
  ).map(([how, note]): Mutation => ({
    table: "milestones",
    op: "update",
    what: `move A's milestone's planned date ${how}`,
    expect: outcomes({ pmA: { error: "23514" }, admin: { error: "23514" }, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshMilestone(w.a.client.id, String(p.a.phases.visible.id));
      const date = addDays(String(row.planned_date), 7);
      return {
        act: (db) =>
          db
            .from("milestones")
            .update({ planned_date: date, ...note })
            .eq("id", String(row.id))
            .select("id"),
        landed: async () =>
          (await readRow("milestones", { id: String(row.id) }))?.planned_date === date ||
          (await rowExists("date_changes", { milestone_id: String(row.id) })),
        cleanup: () => dropPlanItem("milestones", String(row.id)),
      };
    },
  })),
  {
    table: "milestones",
    op: "update",
    what: "move A's milestone's planned date with a reason and side (logged once, note cleared)",
    expect: outcomes(pmEdits("A")),
    arrange: async (actor) => {
      const row = await freshMilestone(w.a.client.id, String(p.a.phases.visible.id));
      const id = String(row.id);
      const date = addDays(String(row.planned_date), 7);
      const reason = textMarker("Client asked for a later date:");
      return {
        act: (db) =>
          db
            .from("milestones")
            .update({ planned_date: date, change_reason: reason, change_side: "client" })
            .eq("id", id)
            .select("id"),
        landed: async () =>
          (await readRow("milestones", { id }))?.planned_date === date || (await rowExists("date_changes", { milestone_id: id })),
        afterOk: async () => {
          expect(await readRow("milestones", { id })).toMatchObject({
            planned_date: date,
            change_reason: null,
            change_side: null,
          });
          const logs = await readRows("date_changes", { milestone_id: id });
          expect(logs).toHaveLength(1);
          expect(logs[0]).toMatchObject({
            client_id: w.a.client.id,
            milestone_id: id,
            phase_id: null,
            item_title: row.title,
            field: "planned_date",
            old_date: row.planned_date,
            new_date: date,
            reason,
            side: "client",
            is_internal: false,
            changed_by: signedIn(actor).id,
          });
          // An edit that keeps the date logs nothing more, and needs no reason.
          const { error } = await w.db[actor].from("milestones").update({ risk_note: "On track" }).eq("id", id);
          expect(error).toBeNull();
          expect(await readRows("date_changes", { milestone_id: id })).toHaveLength(1);
        },
        cleanup: () => dropPlanItem("milestones", id),
      };
    },
  },
  {
    table: "milestones",
    op: "update",
    what: "slip a visible milestone inside an internal phase (the log entry is internal)",
    expect: outcomes(pmEdits("A")),
    arrange: async () => {
      const row = await freshMilestone(w.a.client.id, String(p.a.phases.internal.id));
      const id = String(row.id);
      const date = addDays(String(row.planned_date), 3);
      return {
        act: (db) =>
          db
            .from("milestones")
            .update({ planned_date: date, change_reason: "Internal reshuffle", change_side: "provider" })
            .eq("id", id)
            .select("id"),
        landed: async () => (await readRow("milestones", { id }))?.planned_date === date,
        afterOk: async () => {
          const logs = await readRows("date_changes", { milestone_id: id });
          expect(logs).toHaveLength(1);
          expect(logs[0].is_internal).toBe(true);
          // ...so A's contacts do not see it.
          const { data, error } = await w.db.viewerA.from("date_changes").select("id").eq("milestone_id", id);
          expect(error).toBeNull();
          expect(data).toEqual([]);
        },
        cleanup: () => dropPlanItem("milestones", id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "milestones",
    op: "delete",
    what: `a milestone of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const row = await freshMilestone(tenant(t).client.id, String(portalOf(t).phases.visible.id));
      return {
        act: (db) => db.from("milestones").delete().eq("id", String(row.id)).select("id"),
        landed: async () => !(await rowExists("milestones", { id: String(row.id) })),
        cleanup: () => dropPlanItem("milestones", String(row.id)),
      };
    },
  })),

  // ------------------------------------------------------------ date_changes (append-only: the trigger writes it)
  {
    table: "date_changes",
    op: "insert",
    what: "a forged slip-log entry for client A",
    // Nobody is granted INSERT: not A's PM, not an admin.
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const reason = textMarker("Forged");
      return {
        act: (db) =>
          db.from("date_changes").insert({
            client_id: w.a.client.id,
            phase_id: null,
            milestone_id: String(p.a.milestones.visible.id),
            item_title: "Go-live",
            field: "planned_date",
            old_date: PLAN_START,
            new_date: addDays(PLAN_START, 30),
            reason,
            side: "client",
            is_internal: false,
            changed_by: w.a.contacts.decision_maker.id,
          }),
        landed: () => rowExists("date_changes", { reason }),
        cleanup: async () => {
          const row = await readRow("date_changes", { reason });
          if (row) await deleteRows("date_changes", "id", Number(row.id));
        },
      };
    },
  },
  {
    table: "date_changes",
    op: "update",
    what: "rewrite the reason and side of a logged slip of client A",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const row = await freshMilestone(w.a.client.id, String(p.a.phases.visible.id));
      const [logId] = await slip("milestones", String(row.id), { planned_date: addDays(String(row.planned_date), 1) });
      const reason = textMarker("It was the client's fault");
      return {
        act: (db) => db.from("date_changes").update({ reason, side: "client" }).eq("id", logId).select("id"),
        landed: async () => (await readRow("date_changes", { id: logId }))?.reason === reason,
        cleanup: () => dropPlanItem("milestones", String(row.id)),
      };
    },
  },
  {
    table: "date_changes",
    op: "delete",
    what: "a logged slip of client A",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const row = await freshMilestone(w.a.client.id, String(p.a.phases.visible.id));
      const [logId] = await slip("milestones", String(row.id), { planned_date: addDays(String(row.planned_date), 1) });
      return {
        act: (db) => db.from("date_changes").delete().eq("id", logId).select("id"),
        landed: async () => !(await rowExists("date_changes", { id: logId })),
        cleanup: () => dropPlanItem("milestones", String(row.id)),
      };
    },
  },

  // ------------------------------------------------------------ client_tasks
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_tasks",
    op: "insert",
    what: `a task for client ${t}, owned by its viewer`,
    // Contacts tick tasks off; they do not create them.
    expect: outcomes(pmInserts(t)),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("client_tasks").insert({
            id,
            client_id: tenant(t).client.id,
            title: "Send the census file",
            description: null,
            due_date: addDays(PLAN_START, 5),
            owner_id: tenant(t).contacts.viewer.id,
            milestone_id: null,
            status: "open",
          }),
        landed: () => rowExists("client_tasks", { id }),
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  })),
  {
    table: "client_tasks",
    op: "insert",
    what: "a done task for client A claiming another completer and time",
    // completed_by and completed_at are stamped by the database, whatever the request says.
    expect: outcomes(pmInserts("A")),
    arrange: async (actor) => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("client_tasks").insert({
            id,
            client_id: w.a.client.id,
            title: "Already done, honest",
            description: null,
            due_date: null,
            owner_id: w.a.contacts.viewer.id,
            milestone_id: null,
            status: "done",
            completed_by: w.a.contacts.decision_maker.id,
            completed_at: "2001-01-01T00:00:00Z",
          }),
        landed: () => rowExists("client_tasks", { id }),
        afterOk: async () => {
          const row = await readRow("client_tasks", { id });
          expect(row?.completed_by).toBe(signedIn(actor).id);
          expect(recently(row?.completed_at), `completed_at ${row?.completed_at} is now`).toBe(true);
        },
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  },
  ...(
    [
      ["a contact of client B", () => w.b.contacts.viewer.id],
      ["A's project manager (staff)", () => w.a.pm.id],
    ] as const
  ).map(([who, owner]): Mutation => ({
    table: "client_tasks",
    op: "insert",
    what: `a task for client A owned by ${who}`,
    // The owner must be a contact of the same client (23514 from the trigger).
    // The trigger runs before RLS, so A's own people learn that reason too; an
    // outsider must learn nothing about who is whose contact: only 42501.
    expect: outcomes({
      pmA: { error: "23514" },
      admin: { error: "23514" },
      contactsA: { error: "23514" },
      serviceTeamA: { error: "23514" },
      others: DENIED,
    }),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("client_tasks").insert({
            id,
            client_id: w.a.client.id,
            title: "Owned by a stranger",
            description: null,
            due_date: null,
            owner_id: owner(),
            milestone_id: null,
            status: "open",
          }),
        landed: () => rowExists("client_tasks", { id }),
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  })),
  {
    table: "client_tasks",
    op: "insert",
    what: "a task for client A linked to a milestone of client B",
    expect: outcomes({
      pmA: { error: "23514" },
      admin: { error: "23514" },
      contactsA: { error: "23514" },
      serviceTeamA: { error: "23514" },
      others: DENIED,
    }),
    arrange: async () => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("client_tasks").insert({
            id,
            client_id: w.a.client.id,
            title: "Linked across tenants",
            description: null,
            due_date: null,
            owner_id: null,
            milestone_id: String(p.b.milestones.visible.id),
            status: "open",
          }),
        landed: () => rowExists("client_tasks", { id }),
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_tasks",
    op: "update",
    what: `mark a task of client ${t} done`,
    // Anyone who sees the client ticks its tasks; the database stamps who and when.
    expect: outcomes(
      t === "A"
        ? { contactsA: OK, pmA: OK, serviceTeamA: OK, admin: OK, anon: DENIED, others: NONE }
        : { contactB: OK, admin: OK, anon: DENIED, others: NONE },
    ),
    arrange: async (actor) => {
      const row = await freshTask(tenant(t).client.id, { ownerId: tenant(t).contacts.viewer.id });
      const id = String(row.id);
      return {
        act: (db) => db.from("client_tasks").update({ status: "done" }).eq("id", id).select("id"),
        landed: async () => (await readRow("client_tasks", { id }))?.status === "done",
        afterOk: async () => {
          const after = await readRow("client_tasks", { id });
          expect(after?.completed_by).toBe(signedIn(actor).id);
          expect(recently(after?.completed_at), `completed_at ${after?.completed_at} is now`).toBe(true);
          expect(after).toMatchObject({ title: row.title, due_date: row.due_date, owner_id: row.owner_id });
        },
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  })),
  {
    table: "client_tasks",
    op: "update",
    what: "reopen a done task of client A",
    expect: outcomes({ contactsA: OK, pmA: OK, serviceTeamA: OK, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshTask(w.a.client.id, { ownerId: w.a.contacts.viewer.id, status: "done" });
      const id = String(row.id);
      return {
        act: (db) => db.from("client_tasks").update({ status: "open" }).eq("id", id).select("id"),
        landed: async () => (await readRow("client_tasks", { id }))?.status === "open",
        afterOk: async () => {
          expect(await readRow("client_tasks", { id })).toMatchObject({ completed_by: null, completed_at: null });
        },
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  },
  ...(
    [
      ["title", () => ({ title: textMarker("Renamed task") })],
      ["due date", () => ({ due_date: addDays(PLAN_START, Math.floor(Math.random() * 300) + 30) })],
      ["title while marking it done", () => ({ title: textMarker("Renamed task"), status: "done" as const })],
    ] as const
  ).map(([field, values]): Mutation => ({
    table: "client_tasks",
    op: "update",
    what: `change the ${field} of a task of client A`,
    // Only the PM changes a task; the trigger turns A's contacts and service team away with 42501.
    expect: outcomes({ pmA: OK, admin: OK, contactsA: DENIED, serviceTeamA: DENIED, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshTask(w.a.client.id, { ownerId: w.a.contacts.viewer.id });
      const id = String(row.id);
      const change = values();
      return {
        act: (db) => db.from("client_tasks").update(change).eq("id", id).select("id"),
        landed: async () => {
          const after = await readRow("client_tasks", { id });
          return Object.entries(change).some(([k, v]) => k !== "status" && after?.[k] === v) || after?.status !== "open";
        },
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  })),
  {
    table: "client_tasks",
    op: "update",
    what: "mark a task of client A done, naming someone else as completer (completed_by not granted)",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const row = await freshTask(w.a.client.id, { ownerId: w.a.contacts.viewer.id });
      const id = String(row.id);
      return {
        act: (db) =>
          db
            .from("client_tasks")
            .update({ status: "done", completed_by: w.a.contacts.decision_maker.id, completed_at: "2001-01-01T00:00:00Z" })
            .eq("id", id)
            .select("id"),
        landed: async () => (await readRow("client_tasks", { id }))?.status !== "open",
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  },
  {
    table: "client_tasks",
    op: "update",
    what: "hand a task of client A to a contact of client B",
    // The owner check comes first in the trigger, so whoever may update the row hits 23514.
    expect: outcomes({
      pmA: { error: "23514" },
      admin: { error: "23514" },
      contactsA: { error: "23514" },
      serviceTeamA: { error: "23514" },
      anon: DENIED,
      others: NONE,
    }),
    arrange: async () => {
      const row = await freshTask(w.a.client.id, { ownerId: w.a.contacts.viewer.id });
      const id = String(row.id);
      return {
        act: (db) => db.from("client_tasks").update({ owner_id: w.b.contacts.viewer.id }).eq("id", id).select("id"),
        landed: () => rowExists("client_tasks", { id, owner_id: w.b.contacts.viewer.id }),
        cleanup: () => deleteRows("client_tasks", "id", id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_tasks",
    op: "delete",
    what: `a task of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const row = await freshTask(tenant(t).client.id, { ownerId: tenant(t).contacts.viewer.id });
      return {
        act: (db) => db.from("client_tasks").delete().eq("id", String(row.id)).select("id"),
        landed: async () => !(await rowExists("client_tasks", { id: String(row.id) })),
        cleanup: () => deleteRows("client_tasks", "id", String(row.id)),
      };
    },
  })),

  // ------------------------------------------------------------ auth_sessions (each person their own; updating means signing out)
  {
    table: "auth_sessions",
    op: "insert",
    what: "a session of their own (as sign-in does)",
    expect: outcomes({ anon: DENIED, others: OK }),
    arrange: async (actor) => {
      const agent = uniq("sec-agent");
      return {
        act: (db) => db.from("auth_sessions").insert({ user_agent: agent }),
        landed: () => rowExists("auth_sessions", { user_agent: agent }),
        afterOk: async () => {
          expect(await readRow("auth_sessions", { user_agent: agent })).toMatchObject({ person_id: signedIn(actor).id, revoked_at: null });
        },
        cleanup: () => deleteRows("auth_sessions", "user_agent", agent),
      };
    },
  },
  {
    table: "auth_sessions",
    op: "insert",
    what: "a session in another contact of A's name",
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const agent = uniq("sec-agent");
      return {
        act: (db) => db.from("auth_sessions").insert({ person_id: otherContactOfA(actor).id, user_agent: agent, revoked_at: null }),
        landed: () => rowExists("auth_sessions", { user_agent: agent }),
        cleanup: () => deleteRows("auth_sessions", "user_agent", agent),
      };
    },
  },
  {
    table: "auth_sessions",
    op: "update",
    what: "sign out their own session",
    expect: outcomes({ anon: SKIP /* anon has no session */, others: OK }),
    arrange: async (actor) => {
      const id = String((await seedRow("auth_sessions", { person_id: signedIn(actor).id, user_agent: uniq("sec-agent") })).id);
      return {
        act: (db) => db.from("auth_sessions").update({ revoked_at: new Date().toISOString() }).eq("id", id).select("id"),
        landed: async () => Boolean((await readRow("auth_sessions", { id }))?.revoked_at),
        cleanup: () => deleteRows("auth_sessions", "id", id),
      };
    },
  },
  {
    table: "auth_sessions",
    op: "update",
    what: "bring back their own signed-out session",
    expect: outcomes({ anon: DENIED, others: NONE }),
    arrange: async (actor) => {
      const owner = actor === "anon" ? w.a.contacts.viewer : signedIn(actor);
      const id = String(
        (await seedRow("auth_sessions", { person_id: owner.id, user_agent: uniq("sec-agent"), revoked_at: new Date().toISOString() })).id,
      );
      return {
        act: (db) => db.from("auth_sessions").update({ revoked_at: null }).eq("id", id).select("id"),
        landed: async () => (await readRow("auth_sessions", { id }))?.revoked_at === null,
        cleanup: () => deleteRows("auth_sessions", "id", id),
      };
    },
  },
  {
    table: "auth_sessions",
    op: "update",
    what: "sign out another contact of A's session",
    // Nobody ends (or reads) someone else's session: not A's PM, not an admin.
    expect: outcomes({ anon: DENIED, others: NONE }),
    arrange: async (actor) => {
      const id = String((await seedRow("auth_sessions", { person_id: otherContactOfA(actor).id, user_agent: uniq("sec-agent") })).id);
      return {
        act: (db) => db.from("auth_sessions").update({ revoked_at: new Date().toISOString() }).eq("id", id).select("id"),
        landed: async () => Boolean((await readRow("auth_sessions", { id }))?.revoked_at),
        cleanup: () => deleteRows("auth_sessions", "id", id),
      };
    },
  },
  {
    table: "auth_sessions",
    op: "update",
    what: "hand their own session to another person (column not granted)",
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const owner = actor === "anon" ? w.a.contacts.viewer : signedIn(actor);
      const id = String((await seedRow("auth_sessions", { person_id: owner.id, user_agent: uniq("sec-agent") })).id);
      const other = owner.id === w.a.contacts.decision_maker.id ? w.a.contacts.approver : w.a.contacts.decision_maker;
      return {
        act: (db) => db.from("auth_sessions").update({ person_id: other.id }).eq("id", id).select("id"),
        landed: async () => (await readRow("auth_sessions", { id }))?.person_id === other.id,
        cleanup: () => deleteRows("auth_sessions", "id", id),
      };
    },
  },
  {
    table: "auth_sessions",
    op: "delete",
    what: "their own session (no grant: sessions are revoked, not erased)",
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const owner = actor === "anon" ? w.a.contacts.viewer : signedIn(actor);
      const id = String((await seedRow("auth_sessions", { person_id: owner.id, user_agent: uniq("sec-agent") })).id);
      return {
        act: (db) => db.from("auth_sessions").delete().eq("id", id).select("id"),
        landed: async () => !(await rowExists("auth_sessions", { id })),
        cleanup: () => deleteRows("auth_sessions", "id", id),
      };
    },
  },

  // ------------------------------------------------------------ calendar_feeds (each person their own; updating means revoking)
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "calendar_feeds",
    op: "insert",
    what: `their own feed for client ${t} (person_id defaults to them, as the app inserts it)`,
    // Only for a client they can see.
    expect: outcomes(
      t === "A"
        ? { contactsA: OK, pmA: OK, serviceTeamA: OK, admin: OK, others: DENIED }
        : { contactB: OK, admin: OK, others: DENIED },
    ),
    arrange: async (actor) => {
      const tokenHash = feedTokenHash();
      return {
        act: (db) => db.from("calendar_feeds").insert({ client_id: tenant(t).client.id, token_hash: tokenHash }),
        landed: () => rowExists("calendar_feeds", { token_hash: tokenHash }),
        afterOk: async () => {
          expect(await readRow("calendar_feeds", { token_hash: tokenHash })).toMatchObject({
            person_id: signedIn(actor).id,
            revoked_at: null,
          });
        },
        cleanup: () => deleteRows("calendar_feeds", "token_hash", tokenHash),
      };
    },
  })),
  {
    table: "calendar_feeds",
    op: "insert",
    what: "a feed for client A in another contact of A's name",
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const tokenHash = feedTokenHash();
      return {
        act: (db) =>
          db.from("calendar_feeds").insert({
            person_id: otherContactOfA(actor).id,
            client_id: w.a.client.id,
            token_hash: tokenHash,
            revoked_at: null,
          }),
        landed: () => rowExists("calendar_feeds", { token_hash: tokenHash }),
        cleanup: () => deleteRows("calendar_feeds", "token_hash", tokenHash),
      };
    },
  },
  {
    table: "calendar_feeds",
    op: "update",
    what: "revoke their own feed",
    // Also for a client they can no longer see (unassignedStaff's feed is for A).
    expect: outcomes({ anon: SKIP /* anon has no feed */, others: OK }),
    arrange: async (actor) => {
      const row = await freshFeed(signedIn(actor).id, actor === "contactB" ? w.b.client.id : w.a.client.id);
      const id = String(row.id);
      return {
        act: (db) => db.from("calendar_feeds").update({ revoked_at: new Date().toISOString() }).eq("id", id).select("id"),
        landed: async () => Boolean((await readRow("calendar_feeds", { id }))?.revoked_at),
        cleanup: () => deleteRows("calendar_feeds", "id", id),
      };
    },
  },
  {
    table: "calendar_feeds",
    op: "update",
    what: "un-revoke their own revoked feed",
    expect: outcomes({ anon: DENIED, others: NONE }),
    arrange: async (actor) => {
      const owner = actor === "anon" ? w.a.contacts.viewer : signedIn(actor);
      const row = await freshFeed(owner.id, actor === "contactB" ? w.b.client.id : w.a.client.id, { revoked: true });
      const id = String(row.id);
      return {
        act: (db) => db.from("calendar_feeds").update({ revoked_at: null }).eq("id", id).select("id"),
        landed: async () => (await readRow("calendar_feeds", { id }))?.revoked_at !== row.revoked_at,
        cleanup: () => deleteRows("calendar_feeds", "id", id),
      };
    },
  },
  {
    table: "calendar_feeds",
    op: "update",
    what: "revoke another contact of A's feed",
    // Nobody revokes (or reads) someone else's feed: not A's PM, not an admin.
    expect: outcomes({ anon: DENIED, others: NONE }),
    arrange: async (actor) => {
      const row = await freshFeed(otherContactOfA(actor).id, w.a.client.id);
      const id = String(row.id);
      return {
        act: (db) => db.from("calendar_feeds").update({ revoked_at: new Date().toISOString() }).eq("id", id).select("id"),
        landed: async () => Boolean((await readRow("calendar_feeds", { id }))?.revoked_at),
        cleanup: () => deleteRows("calendar_feeds", "id", id),
      };
    },
  },
  ...(
    [
      ["point their own feed at client B", () => ({ client_id: w.b.client.id })],
      ["replace their own feed's token", () => ({ token_hash: feedTokenHash() })],
      [
        "hand their own feed to another person",
        (ownerId: string) => ({
          person_id: (ownerId === w.a.contacts.decision_maker.id ? w.a.contacts.approver : w.a.contacts.decision_maker).id,
        }),
      ],
    ] as const
  ).map(([what, values]): Mutation => ({
    table: "calendar_feeds",
    op: "update",
    what: `${what} (column not granted)`,
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const owner = actor === "anon" ? w.a.contacts.viewer : signedIn(actor);
      const row = await freshFeed(owner.id, w.a.client.id);
      const id = String(row.id);
      const change = values(owner.id);
      return {
        act: (db) => db.from("calendar_feeds").update(change).eq("id", id).select("id"),
        landed: async () => {
          const after = await readRow("calendar_feeds", { id });
          return Object.entries(change).some(([k, v]) => after?.[k] === v);
        },
        cleanup: () => deleteRows("calendar_feeds", "id", id),
      };
    },
  })),
  ...(["own", "another contact of A's"] as const).map((whose): Mutation => ({
    table: "calendar_feeds",
    op: "delete",
    what: `${whose} feed (nobody is granted DELETE: feeds are revoked)`,
    expect: outcomes(whose === "own" ? { anon: SKIP /* anon has no feed */, others: DENIED } : { others: DENIED }),
    arrange: async (actor) => {
      const owner = whose === "own" ? signedIn(actor) : otherContactOfA(actor);
      const row = await freshFeed(owner.id, w.a.client.id);
      const id = String(row.id);
      return {
        act: (db) => db.from("calendar_feeds").delete().eq("id", id).select("id"),
        landed: async () => !(await rowExists("calendar_feeds", { id })),
        cleanup: () => deleteRows("calendar_feeds", "id", id),
      };
    },
  })),

  // ------------------------------------------------------------ client_logos
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_logos",
    op: "insert",
    what: `client ${t}'s logo (replacing none)`,
    expect: outcomes(pmInserts(t)),
    arrange: async () => {
      const clientId = tenant(t).client.id;
      await deleteRows("client_logos", "client_id", clientId);
      const data = `${LOGO_PNG}${randomUUID().replace(/-/g, "")}`;
      return {
        act: (db) => db.from("client_logos").insert({ client_id: clientId, content_type: "image/webp", data_base64: data }),
        landed: () => rowExists("client_logos", { client_id: clientId, data_base64: data }),
        cleanup: async () => {
          await deleteRows("client_logos", "client_id", clientId);
          await freshLogo(clientId);
        },
      };
    },
  })),
  ...(["without", "with"] as const).map((pm): Mutation => ({
    table: "client_logos",
    op: "insert",
    what: `the logo of a client they created, ${pm} a project manager`,
    expect: outcomes(
      pm === "without"
        ? { anon: SKIP /* anon is nobody */, contactsA: DENIED, contactB: DENIED, others: OK }
        : { anon: SKIP, admin: OK, others: DENIED },
    ),
    arrange: async (actor) => {
      const otherPm = pm === "with" ? await freshStaff() : null;
      const clientId = await clientCreatedBy(signedIn(actor).id, otherPm ?? undefined);
      return {
        act: (db) => db.from("client_logos").insert({ client_id: clientId, content_type: "image/png", data_base64: LOGO_PNG }),
        landed: () => rowExists("client_logos", { client_id: clientId }),
        cleanup: async () => {
          await deleteClients(clientId);
          if (otherPm) await deletePeople(otherPm.id);
        },
      };
    },
  })),
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_logos",
    op: "update",
    what: `client ${t}'s logo`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const clientId = tenant(t).client.id;
      const data = `${LOGO_PNG}${randomUUID().replace(/-/g, "")}`;
      return {
        act: (db) =>
          db
            .from("client_logos")
            .update({ data_base64: data, content_type: "image/jpeg" })
            .eq("client_id", clientId)
            .select("client_id"),
        landed: () => rowExists("client_logos", { client_id: clientId, data_base64: data }),
        cleanup: () => restoreRow("client_logos", { client_id: clientId }, { data_base64: LOGO_PNG, content_type: "image/png" }),
      };
    },
  })),
  {
    table: "client_logos",
    op: "update",
    what: "move client A's logo to a client without one",
    expect: outcomes({ pmA: DENIED, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const other = await freshClient();
      return {
        act: (db) => db.from("client_logos").update({ client_id: other.id }).eq("client_id", w.a.client.id).select("client_id"),
        landed: () => rowExists("client_logos", { client_id: other.id }),
        cleanup: async () => {
          await deleteClients(other.id);
          if (!(await rowExists("client_logos", { client_id: w.a.client.id }))) await freshLogo(w.a.client.id);
        },
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "client_logos",
    op: "delete",
    what: `client ${t}'s logo`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const clientId = tenant(t).client.id;
      return {
        act: (db) => db.from("client_logos").delete().eq("client_id", clientId).select("client_id"),
        landed: async () => !(await rowExists("client_logos", { client_id: clientId })),
        cleanup: async () => {
          if (!(await rowExists("client_logos", { client_id: clientId }))) await freshLogo(clientId);
        },
      };
    },
  })),

  // ------------------------------------------------------------ timeline_templates (staff only; built-ins read-only)
  {
    table: "timeline_templates",
    op: "insert",
    what: "their own template (created_by defaults to them)",
    expect: outcomes({ unassignedStaff: OK, pmA: OK, serviceTeamA: OK, admin: OK, others: DENIED }),
    arrange: async (actor) => {
      const name = uniq("sec-template");
      return {
        act: (db) =>
          db.from("timeline_templates").insert({ name, description: "Mine", phases: TEMPLATE_PHASES, is_builtin: false }),
        landed: () => rowExists("timeline_templates", { name }),
        afterOk: async () => {
          expect(await readRow("timeline_templates", { name })).toMatchObject({
            created_by: signedIn(actor).id,
            is_builtin: false,
          });
        },
        cleanup: () => deleteRows("timeline_templates", "name", name),
      };
    },
  },
  ...(
    [
      ["a built-in template", () => ({ is_builtin: true })],
      ["a template credited to someone else", (actor: Actor) => ({ created_by: (actor === "admin" ? w.a.pm : w.admin).id })],
    ] as const
  ).map(([what, values]): Mutation => ({
    table: "timeline_templates",
    op: "insert",
    what,
    // Not even an admin makes built-ins through the API; they ship in migrations.
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const name = uniq("sec-template");
      return {
        act: (db) => db.from("timeline_templates").insert({ name, description: null, phases: TEMPLATE_PHASES, ...values(actor) }),
        landed: () => rowExists("timeline_templates", { name }),
        cleanup: () => deleteRows("timeline_templates", "name", name),
      };
    },
  })),
  {
    table: "timeline_templates",
    op: "update",
    what: "a built-in template",
    expect: outcomes({ anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshTemplate({ createdBy: null, isBuiltin: true });
      const id = String(row.id);
      const description = textMarker("Vandalised");
      return {
        act: (db) => db.from("timeline_templates").update({ description, is_builtin: false }).eq("id", id).select("id"),
        landed: async () => (await readRow("timeline_templates", { id }))?.description === description,
        cleanup: () => deleteRows("timeline_templates", "id", id),
      };
    },
  },
  {
    table: "timeline_templates",
    op: "update",
    what: "a shipped built-in template (Quick start)",
    expect: outcomes({ anon: DENIED, others: NONE }),
    arrange: async () => {
      const id = String(p.templates.builtin.id);
      const description = textMarker("Vandalised");
      return {
        act: (db) => db.from("timeline_templates").update({ description }).eq("id", id).select("id"),
        landed: async () => (await readRow("timeline_templates", { id }))?.description === description,
        cleanup: () => restoreRow("timeline_templates", { id }, { description: p.templates.builtin.description }),
      };
    },
  },
  {
    table: "timeline_templates",
    op: "update",
    what: "their own template's description",
    // A contact recorded as author (a former staff member) cannot reach it: templates are for staff.
    expect: outcomes({ anon: SKIP /* anon is nobody */, contactsA: NONE, contactB: NONE, others: OK }),
    arrange: async (actor) => {
      const row = await freshTemplate({ createdBy: signedIn(actor).id });
      const id = String(row.id);
      const description = textMarker("Reworded");
      return {
        act: (db) => db.from("timeline_templates").update({ description }).eq("id", id).select("id"),
        landed: async () => (await readRow("timeline_templates", { id }))?.description === description,
        cleanup: () => deleteRows("timeline_templates", "id", id),
      };
    },
  },
  {
    table: "timeline_templates",
    op: "update",
    what: "A's PM's template's description",
    expect: outcomes({ pmA: OK, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshTemplate({ createdBy: w.a.pm.id });
      const id = String(row.id);
      const description = textMarker("Reworded");
      return {
        act: (db) => db.from("timeline_templates").update({ description }).eq("id", id).select("id"),
        landed: async () => (await readRow("timeline_templates", { id }))?.description === description,
        cleanup: () => deleteRows("timeline_templates", "id", id),
      };
    },
  },
  {
    table: "timeline_templates",
    op: "update",
    what: "promote A's PM's template to built-in",
    expect: outcomes({ pmA: DENIED, admin: DENIED, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshTemplate({ createdBy: w.a.pm.id });
      const id = String(row.id);
      return {
        act: (db) => db.from("timeline_templates").update({ is_builtin: true }).eq("id", id).select("id"),
        landed: () => rowExists("timeline_templates", { id, is_builtin: true }),
        cleanup: () => deleteRows("timeline_templates", "id", id),
      };
    },
  },
  {
    table: "timeline_templates",
    op: "update",
    what: "hand A's PM's template to A's service team member (created_by)",
    // Its author may not give it away (WITH CHECK: created_by = them); an admin may.
    expect: outcomes({ pmA: DENIED, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshTemplate({ createdBy: w.a.pm.id });
      const id = String(row.id);
      return {
        act: (db) => db.from("timeline_templates").update({ created_by: w.a.serviceTeam.id }).eq("id", id).select("id"),
        landed: () => rowExists("timeline_templates", { id, created_by: w.a.serviceTeam.id }),
        cleanup: () => deleteRows("timeline_templates", "id", id),
      };
    },
  },
  ...(["a built-in template", "the shipped built-in (Quick start)"] as const).map((what): Mutation => ({
    table: "timeline_templates",
    op: "delete",
    what,
    expect: outcomes({ anon: DENIED, others: NONE }),
    arrange: async () => {
      const row =
        what === "a built-in template" ? await freshTemplate({ createdBy: null, isBuiltin: true }) : p.templates.builtin;
      const id = String(row.id);
      return {
        act: (db) => db.from("timeline_templates").delete().eq("id", id).select("id"),
        landed: async () => !(await rowExists("timeline_templates", { id })),
        cleanup: async () => {
          if (row === p.templates.builtin) {
            if (!(await rowExists("timeline_templates", { id }))) await seedRow("timeline_templates", row);
          } else await deleteRows("timeline_templates", "id", id);
        },
      };
    },
  })),
  {
    table: "timeline_templates",
    op: "delete",
    what: "their own template",
    expect: outcomes({ anon: SKIP /* anon is nobody */, contactsA: NONE, contactB: NONE, others: OK }),
    arrange: async (actor) => {
      const row = await freshTemplate({ createdBy: signedIn(actor).id });
      const id = String(row.id);
      return {
        act: (db) => db.from("timeline_templates").delete().eq("id", id).select("id"),
        landed: async () => !(await rowExists("timeline_templates", { id })),
        cleanup: () => deleteRows("timeline_templates", "id", id),
      };
    },
  },
  {
    table: "timeline_templates",
    op: "delete",
    what: "A's PM's template",
    expect: outcomes({ pmA: OK, admin: OK, anon: DENIED, others: NONE }),
    arrange: async () => {
      const row = await freshTemplate({ createdBy: w.a.pm.id });
      const id = String(row.id);
      return {
        act: (db) => db.from("timeline_templates").delete().eq("id", id).select("id"),
        landed: async () => !(await rowExists("timeline_templates", { id })),
        cleanup: () => deleteRows("timeline_templates", "id", id),
      };
    },
  },

  // ============================================================ requirements sign-off (migration 20261125000400)
  // Versions and sign-offs refuse UPDATE and DELETE for every role, so every row
  // these cases create sits on a throwaway document that dropDocuments purges.

  // ------------------------------------------------------------ requirement_documents
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "requirement_documents",
    op: "insert",
    what: `a requirement document for client ${t} (created_by defaults to them)`,
    expect: outcomes(pmInserts(t)),
    arrange: async (actor) => {
      const id = randomUUID();
      return {
        act: (db) =>
          db.from("requirement_documents").insert({
            id,
            client_id: tenant(t).client.id,
            title: "Payroll requirements",
            area: "Payroll",
            due_date: addDays(PLAN_START, 14),
          }),
        landed: () => rowExists("requirement_documents", { id }),
        afterOk: async () => {
          expect(await readRow("requirement_documents", { id })).toMatchObject({ created_by: signedIn(actor).id });
        },
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  })),
  {
    table: "requirement_documents",
    op: "insert",
    what: "a document of A credited to someone else (created_by)",
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const id = randomUUID();
      const creditee = actor === "admin" ? w.a.pm : w.admin;
      return {
        act: (db) =>
          db
            .from("requirement_documents")
            .insert({ id, client_id: w.a.client.id, title: "Payroll requirements", created_by: creditee.id }),
        landed: () => rowExists("requirement_documents", { id }),
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "requirement_documents",
    op: "update",
    what: `the title of a document of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const doc = await freshDocument(tenant(t).client.id);
      const id = String(doc.id);
      const title = textMarker("Renamed");
      return {
        act: (db) => db.from("requirement_documents").update({ title }).eq("id", id).select("id"),
        landed: async () => (await readRow("requirement_documents", { id }))?.title === title,
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  })),

  // ------------------------------------------------------------ requirement_drafts (the client's staff read; the PM edits; rows come with documents)
  {
    table: "requirement_drafts",
    op: "insert",
    what: "a draft row (no grant: the document's trigger creates it)",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      const id = String(doc.id);
      await deleteRows("requirement_drafts", "document_id", id);
      return {
        act: (db) => db.from("requirement_drafts").insert({ document_id: id, client_id: w.a.client.id, body_markdown: "# Mine" }),
        landed: () => rowExists("requirement_drafts", { document_id: id }),
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "requirement_drafts",
    op: "update",
    what: `the draft of a document of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const doc = await freshDocument(tenant(t).client.id);
      const id = String(doc.id);
      const body = textMarker("# Reworded");
      return {
        act: (db) => db.from("requirement_drafts").update({ body_markdown: body }).eq("document_id", id).select("document_id"),
        landed: async () => (await readRow("requirement_drafts", { document_id: id }))?.body_markdown === body,
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  })),
  {
    table: "requirement_drafts",
    op: "update",
    what: "move a draft of A to client B (client_id not granted)",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      const id = String(doc.id);
      return {
        act: (db) => db.from("requirement_drafts").update({ client_id: w.b.client.id }).eq("document_id", id).select("document_id"),
        landed: async () => (await readRow("requirement_drafts", { document_id: id }))?.client_id === w.b.client.id,
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  },
  {
    table: "requirement_drafts",
    op: "delete",
    what: "a draft of A (no grant: it goes with its document)",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      const id = String(doc.id);
      return {
        act: (db) => db.from("requirement_drafts").delete().eq("document_id", id).select("document_id"),
        landed: async () => !(await rowExists("requirement_drafts", { document_id: id })),
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  },
  ...(
    [
      ["move A's document to client B (client_id not granted)", () => ({ client_id: w.b.client.id })],
      ["claim A's document as its creator (created_by not granted)", (actor: Actor) => ({ created_by: (actor === "admin" ? w.a.pm : w.admin).id })],
    ] as const
  ).map(([what, values]): Mutation => ({
    table: "requirement_documents",
    op: "update",
    what,
    expect: outcomes({ others: DENIED }),
    arrange: async (actor) => {
      const doc = await freshDocument(w.a.client.id);
      const id = String(doc.id);
      return {
        act: (db) => db.from("requirement_documents").update(values(actor)).eq("id", id).select("id"),
        landed: () => rowChanged("requirement_documents", id, doc),
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  })),
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "requirement_documents",
    op: "delete",
    what: `a document of client ${t} with an approver and no version`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const doc = await freshDocument(tenant(t).client.id);
      const id = String(doc.id);
      await nameApprovers(doc, tenant(t).contacts.approver);
      return {
        act: (db) => db.from("requirement_documents").delete().eq("id", id).select("id"),
        landed: async () => !(await rowExists("requirement_documents", { id })),
        afterOk: async () => {
          expect(await readRows("requirement_approvers", { document_id: id }), "its approvers go with it").toEqual([]);
        },
        cleanup: () => deleteRows("requirement_documents", "id", id),
      };
    },
  })),
  {
    table: "requirement_documents",
    op: "delete",
    what: "a document of A that has a published version",
    // The cascade reaches the frozen version, whose trigger refuses: not even the
    // PM, an admin or the service role removes a published document.
    expect: outcomes({ pmA: DENIED, admin: DENIED, serviceRole: DENIED, anon: DENIED, others: NONE }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      const id = String(doc.id);
      const version = await freshVersion(id);
      return {
        act: (db) => db.from("requirement_documents").delete().eq("id", id).select("id"),
        landed: async () =>
          !(await rowExists("requirement_documents", { id })) ||
          (await rowChanged("requirement_versions", String(version.id), version)),
        cleanup: () => dropDocuments(id),
      };
    },
  },

  // ------------------------------------------------------------ requirement_versions (numbered, hashed, attributed by the database; frozen)
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "requirement_versions",
    op: "insert",
    what: `publish a version of a document of client ${t}, forging its number, hash, publisher, date and client`,
    // The trigger overwrites every forged column (client_id from the document,
    // so claiming the other tenant does not move the row, nor help a PM of the other).
    expect: outcomes(t === "A" ? { ...pmInserts("A"), serviceRole: OK } : pmInserts("B")),
    arrange: async (actor) => {
      const doc = await freshDocument(tenant(t).client.id);
      const documentId = String(doc.id);
      await freshVersion(documentId); // version 1: the new one is 2
      const id = randomUUID();
      const body = `# Payroll\n\n${textMarker("Runs twice a month")} — “smart quotes” and ümlauts`;
      return {
        act: (db) =>
          db.from("requirement_versions").insert({
            id,
            document_id: documentId,
            client_id: tenant(t === "A" ? "B" : "A").client.id,
            version: 41,
            body_markdown: body,
            body_sha256: "f".repeat(64),
            change_note: "Second version",
            published_by: (actor === "admin" ? w.a.pm : w.admin).id,
            published_at: "2001-01-01T00:00:00Z",
          }),
        landed: () => rowExists("requirement_versions", { id }),
        afterOk: async () => {
          const row = await readRow("requirement_versions", { id });
          expect(row).toMatchObject({
            document_id: documentId,
            client_id: tenant(t).client.id,
            version: 2,
            body_markdown: body,
            body_sha256: sha256Hex(body),
            published_by: actor === "serviceRole" ? null : signedIn(actor).id,
          });
          expect(recently(row?.published_at), "published_at is the database's now()").toBe(true);
        },
        cleanup: () => dropDocuments(documentId),
      };
    },
  })),
  {
    table: "requirement_versions",
    op: "update",
    what: "a published version's text, hash and number (frozen)",
    // No grant for the API roles; the trigger refuses the service role too.
    expect: outcomes({ others: DENIED, serviceRole: DENIED }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      const version = await freshVersion(String(doc.id));
      const id = String(version.id);
      const body = textMarker("Rewritten after approval");
      return {
        act: (db) =>
          db
            .from("requirement_versions")
            .update({ body_markdown: body, body_sha256: sha256Hex(body), version: 7 })
            .eq("id", id)
            .select("id"),
        landed: () => rowChanged("requirement_versions", id, version),
        cleanup: () => dropDocuments(String(doc.id)),
      };
    },
  },
  {
    table: "requirement_versions",
    op: "delete",
    what: "a published version",
    expect: outcomes({ others: DENIED, serviceRole: DENIED }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      const version = await freshVersion(String(doc.id));
      const id = String(version.id);
      return {
        act: (db) => db.from("requirement_versions").delete().eq("id", id).select("id"),
        landed: () => rowChanged("requirement_versions", id, version),
        cleanup: () => dropDocuments(String(doc.id)),
      };
    },
  },

  // ------------------------------------------------------------ requirement_approvers
  ...(
    [
      ["A", "approver"],
      ["A", "decision_maker"],
      ["B", "approver"],
    ] as const
  ).map(([t, role]): Mutation => ({
    table: "requirement_approvers",
    op: "insert",
    what: `name client ${t}'s ${role} as an approver of a document of ${t}`,
    expect: outcomes(pmInserts(t)),
    arrange: async () => {
      const doc = await freshDocument(tenant(t).client.id);
      const person = tenant(t).contacts[role];
      return {
        act: (db) =>
          db.from("requirement_approvers").insert({ document_id: String(doc.id), client_id: tenant(t).client.id, person_id: person.id }),
        landed: () => rowExists("requirement_approvers", { document_id: String(doc.id), person_id: person.id }),
        cleanup: () => deleteRows("requirement_documents", "id", String(doc.id)),
      };
    },
  })),
  ...(
    [
      ["A's viewer", () => w.a.contacts.viewer],
      ["B's contact", () => w.b.contacts.viewer],
      ["A's project manager (staff)", () => w.a.pm],
    ] as const
  ).map(([who, person]): Mutation => ({
    table: "requirement_approvers",
    op: "insert",
    what: `name ${who} as an approver of a document of A`,
    // The approver trigger runs before the RLS check: every signed-in caller meets its 23514.
    expect: outcomes({ anon: DENIED, others: { error: "23514" } }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      return {
        act: (db) =>
          db.from("requirement_approvers").insert({ document_id: String(doc.id), client_id: w.a.client.id, person_id: person().id }),
        landed: () => rowExists("requirement_approvers", { document_id: String(doc.id) }),
        cleanup: () => deleteRows("requirement_documents", "id", String(doc.id)),
      };
    },
  })),
  {
    table: "requirement_approvers",
    op: "insert",
    what: "name themselves as an approver of a document of A",
    expect: outcomes({ approverA: DENIED, deciderA: DENIED, others: SKIP }),
    arrange: async (actor) => {
      const doc = await freshDocument(w.a.client.id);
      const me = signedIn(actor);
      return {
        act: (db) =>
          db.from("requirement_approvers").insert({ document_id: String(doc.id), client_id: w.a.client.id, person_id: me.id }),
        landed: () => rowExists("requirement_approvers", { document_id: String(doc.id) }),
        cleanup: () => deleteRows("requirement_documents", "id", String(doc.id)),
      };
    },
  },
  {
    table: "requirement_approvers",
    op: "update",
    what: "hand A's approver's place to A's viewer (no update grant)",
    expect: outcomes({ others: DENIED }),
    arrange: async () => {
      const doc = await freshDocument(w.a.client.id);
      await nameApprovers(doc, w.a.contacts.approver);
      return {
        act: (db) =>
          db
            .from("requirement_approvers")
            .update({ person_id: w.a.contacts.viewer.id })
            .eq("document_id", String(doc.id))
            .select("person_id"),
        landed: async () =>
          !(await rowExists("requirement_approvers", { document_id: String(doc.id), person_id: w.a.contacts.approver.id })),
        cleanup: () => deleteRows("requirement_documents", "id", String(doc.id)),
      };
    },
  },
  ...(["A", "B"] as const).map((t): Mutation => ({
    table: "requirement_approvers",
    op: "delete",
    what: `an approver of a document of client ${t}`,
    expect: outcomes(pmEdits(t)),
    arrange: async () => {
      const doc = await freshDocument(tenant(t).client.id);
      const person = tenant(t).contacts.decision_maker;
      await nameApprovers(doc, person);
      return {
        act: (db) =>
          db
            .from("requirement_approvers")
            .delete()
            .eq("document_id", String(doc.id))
            .eq("person_id", person.id)
            .select("person_id"),
        landed: async () => !(await rowExists("requirement_approvers", { document_id: String(doc.id), person_id: person.id })),
        cleanup: () => deleteRows("requirement_documents", "id", String(doc.id)),
      };
    },
  })),

  // ------------------------------------------------------------ signoffs (append-only; evidence from the database)
  {
    table: "signoffs",
    op: "insert",
    what: "approve the current version of A's document, required on it, with consent and their full name",
    // Only the required approvers sign: a viewer is not one, staff (PM, admin) are
    // not contacts, B's contact is not A's, and the service role is nobody.
    expect: outcomes({ approverA: OK, deciderA: OK, others: DENIED, serviceRole: DENIED }),
    arrange: async (actor) => {
      const { document, version } = await freshSignoffDocument(w.a.client.id, [w.a.contacts.approver, w.a.contacts.decision_maker]);
      const signer = signerFor(actor);
      const versionId = String(version.id);
      return {
        act: (db) =>
          untyped(db)
            .from("signoffs")
            .insert({
              version_id: versionId,
              decision: "approved",
              signature_name: `  ${signer.fullName.toUpperCase()} `,
              consent_text: CONSENT,
              ip: "203.0.113.9",
              user_agent: "vitest",
            }),
        landed: () => rowExists("signoffs", { version_id: versionId }),
        afterOk: async () => {
          const row = await readRow("signoffs", { version_id: versionId });
          expect(row).toMatchObject({
            document_id: String(document.id),
            client_id: w.a.client.id,
            version: 1,
            person_id: signer.id,
            person_name: signer.fullName,
            person_email: signer.email,
            decision: "approved",
            body_sha256: sha256Hex(String(version.body_markdown)),
          });
          expect(row?.body_sha256).toBe(version.body_sha256);
          expect(recently(row?.created_at)).toBe(true);
        },
        cleanup: () => dropDocuments(String(document.id)),
      };
    },
  },
  {
    table: "signoffs",
    op: "insert",
    what: "request changes to the current version of A's document, with a comment",
    expect: outcomes({ approverA: OK, deciderA: OK, others: SKIP }),
    arrange: async (actor) => {
      const { document, version } = await freshSignoffDocument(w.a.client.id, [w.a.contacts.approver, w.a.contacts.decision_maker]);
      const versionId = String(version.id);
      return {
        act: (db) =>
          untyped(db).from("signoffs").insert({ version_id: versionId, decision: "changes_requested", comment: "Add the bonus runs." }),
        landed: () => rowExists("signoffs", { version_id: versionId, person_id: signedIn(actor).id, decision: "changes_requested" }),
        cleanup: () => dropDocuments(String(document.id)),
      };
    },
  },
  ...(
    [
      ["the person_id of the other approver", (other: { id: string }) => ({ person_id: other.id })],
      ["a fake body_sha256", () => ({ body_sha256: "f".repeat(64) })],
      ["a fake person_name and person_email", () => ({ person_name: "Somebody Else", person_email: "else@test.example" })],
      ["a forged version number and created_at", () => ({ version: 9, created_at: "2001-01-01T00:00:00Z" })],
    ] as const
  ).map(([forged, values]): Mutation => ({
    table: "signoffs",
    op: "insert",
    what: `approve A's document with ${forged} (evidence columns not granted)`,
    expect: outcomes({ approverA: DENIED, deciderA: DENIED, others: SKIP }),
    arrange: async (actor) => {
      const { document, version } = await freshSignoffDocument(w.a.client.id, [w.a.contacts.approver, w.a.contacts.decision_maker]);
      const me = signedIn(actor);
      const other = actor === "approverA" ? w.a.contacts.decision_maker : w.a.contacts.approver;
      const versionId = String(version.id);
      return {
        act: (db) =>
          untyped(db)
            .from("signoffs")
            .insert({ version_id: versionId, decision: "approved", signature_name: me.fullName, consent_text: CONSENT, ...values(other) }),
        landed: () => rowExists("signoffs", { version_id: versionId }),
        cleanup: () => dropDocuments(String(document.id)),
      };
    },
  })),
  {
    table: "signoffs",
    op: "insert",
    what: "approve a document of A they are not required on",
    expect: outcomes({ approverA: DENIED, deciderA: DENIED, viewerA: DENIED, others: SKIP }),
    arrange: async (actor) => {
      const { document, version } = await freshSignoffDocument(w.a.client.id, []);
      const me = signedIn(actor);
      const versionId = String(version.id);
      return {
        act: (db) =>
          untyped(db)
            .from("signoffs")
            .insert({ version_id: versionId, decision: "approved", signature_name: me.fullName, consent_text: CONSENT }),
        landed: () => rowExists("signoffs", { version_id: versionId }),
        cleanup: () => dropDocuments(String(document.id)),
      };
    },
  },
  ...(
    [
      ["approve a superseded version (a newer one was published)", { error: "PT409" }, "superseded", (me: { fullName: string }) => ({ decision: "approved", signature_name: me.fullName, consent_text: CONSENT })],
      ["decide a second time on the same version", { error: "23505" }, "signed", () => ({ decision: "changes_requested", comment: "On second thoughts." })],
      ["request changes without a comment", { error: "23514" }, "current", () => ({ decision: "changes_requested", comment: "   " })],
      ["approve without the consent statement", { error: "23514" }, "current", (me: { fullName: string }) => ({ decision: "approved", signature_name: me.fullName })],
      ["approve with a signature that is not their full name", { error: "23514" }, "current", (me: { fullName: string }) => ({ decision: "approved", signature_name: `${me.fullName} Jr`, consent_text: CONSENT })],
    ] as const
  ).map(([what, outcome, state, values]): Mutation => ({
    table: "signoffs",
    op: "insert",
    what,
    expect: outcomes({ approverA: outcome, deciderA: outcome, others: SKIP }),
    arrange: async (actor) => {
      const me = signedIn(actor);
      const { document, version } = await freshSignoffDocument(w.a.client.id, [w.a.contacts.approver, w.a.contacts.decision_maker]);
      const versionId = String(version.id);
      if (state === "superseded") await freshVersion(String(document.id));
      const first = state === "signed" ? await signAs(me, versionId) : null;
      return {
        act: (db) => untyped(db).from("signoffs").insert({ version_id: versionId, ...values(me) }),
        landed: async () => {
          const rows = await readRows("signoffs", { version_id: versionId });
          return first ? rows.length !== 1 || JSON.stringify(rows[0]) !== JSON.stringify(first) : rows.length > 0;
        },
        cleanup: () => dropDocuments(String(document.id)),
      };
    },
  })),
  {
    table: "signoffs",
    op: "update",
    what: "an approval's decision, comment and signature (append-only)",
    expect: outcomes({ others: DENIED, serviceRole: DENIED }),
    arrange: async () => {
      const { document, version } = await freshSignoffDocument(w.a.client.id, [w.a.contacts.approver]);
      const signoff = await signAs(w.a.contacts.approver, String(version.id));
      const id = Number(signoff.id);
      return {
        act: (db) =>
          untyped(db)
            .from("signoffs")
            .update({ decision: "changes_requested", comment: "Never mind.", signature_name: null })
            .eq("id", id)
            .select("id"),
        landed: () => rowChanged("signoffs", id, signoff),
        cleanup: () => dropDocuments(String(document.id)),
      };
    },
  },
  {
    table: "signoffs",
    op: "delete",
    what: "an approval (append-only)",
    expect: outcomes({ others: DENIED, serviceRole: DENIED }),
    arrange: async () => {
      const { document, version } = await freshSignoffDocument(w.a.client.id, [w.a.contacts.approver]);
      const signoff = await signAs(w.a.contacts.approver, String(version.id));
      const id = Number(signoff.id);
      return {
        act: (db) => untyped(db).from("signoffs").delete().eq("id", id).select("id"),
        landed: () => rowChanged("signoffs", id, signoff),
        cleanup: () => dropDocuments(String(document.id)),
      };
    },
  },
];

async function assertOutcome(kind: "insert" | "rows" | "rpc", actor: Actor, outcome: Outcome, attempt: Attempt, db: Db) {
  const { data, error, status } = await attempt.act(db);
  if (outcome === OK) {
    expect(error).toBeNull();
    // Inserts ask for no representation (the new row need not be readable by its author).
    if (kind === "rows") expect(data).toHaveLength(1);
    if (kind === "rpc") expect(data).not.toBeNull();
    expect(await attempt.landed(), "the service role reads the change").toBe(true);
    await attempt.afterOk?.(db);
    return;
  }
  if (outcome === NONE) {
    if (kind === "rpc") throw new Error("a function call has no rows to hide: expect ok, denied or an error");
    expect(error).toBeNull();
    expect(data).toEqual([]);
  } else {
    expect(error?.code).toBe(outcome === DENIED ? "42501" : outcome.error);
    expect(data).toBeNull();
    // PostgREST answers a missing privilege with 401 to anon and 403 to a signed-in person.
    if (kind === "rpc" && outcome === DENIED) expect(status).toBe(actor === "anon" ? 401 : 403);
    // anon must be stopped at the door (no EXECUTE), not by some table inside the function.
    if (kind === "rpc" && actor === "anon") expect(error?.message).toMatch(/^permission denied for function /);
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
                  await assertOutcome(m.op === "insert" ? "insert" : "rows", actor, outcome, attempt, w.db[actor]);
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

// ---------------------------------------------------------------- sign-offs: what the matrix cannot say in one outcome

describe("signoffs: the signing rules, read off the raw results", () => {
  const approverA = () => w.a.contacts.approver;

  it("approving a superseded version answers HTTP 409 (PT409), naming the current version in the hint", async () => {
    const { document, version } = await freshSignoffDocument(w.a.client.id, [approverA()]);
    try {
      await freshVersion(String(document.id));
      const result = await untyped(w.db.approverA)
        .from("signoffs")
        .insert({ version_id: String(version.id), decision: "approved", signature_name: approverA().fullName, consent_text: CONSENT });
      expect(result.status).toBe(409);
      expect(result.error?.code).toBe("PT409");
      expect(result.error?.hint).toBe("2");
      expect(await readRows("signoffs", { document_id: String(document.id) })).toEqual([]);
    } finally {
      await dropDocuments(String(document.id));
    }
  });

  it("the trigger overwrites forged evidence even for a caller who may write every column (rolled back)", async () => {
    // The API roles cannot name the evidence columns at all (see the matrix); here the
    // database owner does, carrying approverA's JWT claims, and the trigger still wins.
    const { document, version } = await freshSignoffDocument(w.a.client.id, [approverA()]);
    const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
    await db.connect();
    try {
      await db.query("begin");
      await db.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: approverA().id, role: "authenticated" })]);
      const { rows } = await db.query<Row>(
        `insert into public.signoffs (version_id, document_id, client_id, version, person_id, person_name, person_email,
                                      decision, signature_name, consent_text, body_sha256, created_at)
         values ($1, $2, $3, 9, $4, 'Somebody Else', 'else@test.example', 'approved', $5, $6, $7, '2001-01-01')
         returning *`,
        [version.id, rq.b.document.id, w.b.client.id, w.a.contacts.decision_maker.id, approverA().fullName, CONSENT, "f".repeat(64)],
      );
      expect(rows[0]).toMatchObject({
        document_id: String(document.id),
        client_id: w.a.client.id,
        version: 1,
        person_id: approverA().id,
        person_name: approverA().fullName,
        person_email: approverA().email,
        body_sha256: sha256Hex(String(version.body_markdown)),
      });
      expect(recently((rows[0].created_at as Date).toISOString())).toBe(true);
    } finally {
      await db.query("rollback").catch(() => {});
      await db.end();
      await dropDocuments(String(document.id));
    }
  });

  // A required approver's right to sign comes from their role at the client: once
  // they are demoted to viewer (or removed), being on the document's list must not
  // let them sign. (The approver trigger checks the role only when they are named.)
  for (const change of ["demoted to viewer", "removed from the client"] as const) {
    it(`a required approver ${change} after being named cannot sign (42501)`, async () => {
      const person = await freshContact(w.a.client.id, "approver");
      const { document, version } = await freshSignoffDocument(w.a.client.id, [person]);
      try {
        if (change === "demoted to viewer") await restoreRow("client_contacts", { client_id: w.a.client.id, person_id: person.id }, { role: "viewer" });
        else await deleteRows("client_contacts", "person_id", person.id);
        const { error } = await untyped(await asPerson(person.id))
          .from("signoffs")
          .insert({ version_id: String(version.id), decision: "approved", signature_name: person.fullName, consent_text: CONSENT });
        expect(error?.code).toBe("42501");
        expect(await readRows("signoffs", { version_id: String(version.id) })).toEqual([]);
      } finally {
        await dropDocuments(String(document.id));
        await deletePeople(person.id);
      }
    });
  }
});

// ---------------------------------------------------------------- functions (/rpc)

type RpcName = keyof Database["public"]["Functions"];

type RpcCase = {
  fn: RpcName;
  what: string;
  expect: [Actor, Outcome][];
  /** Fresh state for one call; act calls the function with supabase-js .rpc(). */
  arrange: (actor: Actor) => Promise<Attempt>;
};

/** A's (or B's) phase ids as the service role reads them. */
const phaseIds = async (clientId: string) => (await readRows("phases", { client_id: clientId })).map((r) => String(r.id));

async function deleteClientBySlug(slug: string) {
  const row = await readRow("clients", { slug });
  if (row) await deleteClients(String(row.id));
}

async function deletePersonByEmail(email: string) {
  const row = await readRow("people", { email });
  if (row) await deletePeople(String(row.id));
}

const RPCS: RpcCase[] = [
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

  // ------------------------------------------------------------ apply_timeline_template
  ...(["A", "B"] as const).map((t): RpcCase => ({
    fn: "apply_timeline_template",
    what: `the Quick start template to client ${t}`,
    // Security invoker: contacts cannot read templates (P0002, "no such template"),
    // other staff cannot insert the phases (42501). Nothing is created either way.
    expect: outcomes({
      ...pmInserts(t),
      contactsA: { error: "P0002" },
      contactB: { error: "P0002" },
    }),
    arrange: async () => {
      const clientId = tenant(t).client.id;
      const before = new Set(await phaseIds(clientId));
      const created = async () => (await phaseIds(clientId)).filter((id) => !before.has(id));
      return {
        act: (db) =>
          db.rpc("apply_timeline_template", {
            p_client: clientId,
            p_template: String(p.templates.builtin.id),
            p_start: addDays(PLAN_START, 100),
          }),
        landed: async () => (await created()).length > 0,
        afterOk: async () => {
          const phases = await created();
          const template = p.templates.builtin.phases as { milestones: unknown[] }[];
          expect(phases).toHaveLength(template.length);
          const milestones = (await Promise.all(phases.map((id) => readRows("milestones", { phase_id: id })))).flat();
          expect(milestones).toHaveLength(template.flatMap((ph) => ph.milestones).length);
          expect(milestones.every((m) => m.client_id === clientId)).toBe(true);
        },
        cleanup: async () => {
          for (const id of await created()) await dropPlanItem("phases", id);
        },
      };
    },
  })),

  // ------------------------------------------------------------ save_timeline_as_template
  ...(["A", "B"] as const).map((t): RpcCase => ({
    fn: "save_timeline_as_template",
    what: `client ${t}'s timeline`,
    // Only the client's project manager (or an admin) may copy its plan, internal items included.
    expect: outcomes(t === "A" ? { pmA: OK, admin: OK, others: DENIED } : { admin: OK, others: DENIED }),
    arrange: async (actor) => {
      const name = uniq(`sec-saved-${t}`);
      return {
        act: (db) =>
          db.rpc("save_timeline_as_template", { p_client: tenant(t).client.id, p_name: ` ${name} `, p_description: "" }),
        landed: () => rowExists("timeline_templates", { name }),
        afterOk: async () => {
          const row = await readRow("timeline_templates", { name });
          expect(row).toMatchObject({ created_by: signedIn(actor).id, is_builtin: false, description: null });
          expect(sorted((row!.phases as { name: string }[]).map((ph) => ph.name))).toEqual(
            sorted([String(portalOf(t).phases.visible.name), String(portalOf(t).phases.internal.name)]),
          );
        },
        cleanup: () => deleteRows("timeline_templates", "name", name),
      };
    },
  })),
];

describe("rpc", () => {
  for (const fn of new Set(RPCS.map((c) => c.fn))) {
    describe(fn, () => {
      for (const c of RPCS.filter((x) => x.fn === fn)) {
        describe(c.what, () => {
          for (const [actor, outcome] of c.expect) {
            it(`${actor}: ${describeOutcome(outcome)}`, async () => {
              const attempt = await c.arrange(actor);
              try {
                await assertOutcome("rpc", actor, outcome, attempt, w.db[actor]);
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

// ---------------------------------------------------------------- coverage guards

/** Tables whose attack tests live in a file of their own (named here), not in this matrix. */
const ATTACKED_IN_OWN_FILE = new Set(["email_outbox" /* tests/security/outbox.test.ts */]);

// House rule 7: every policy has an attack test. A table added to public
// without rows in VISIBILITY and MUTATIONS fails here, by name; so does an
// operation no case attempts as one of the standard actors.
it("the matrix covers select, insert, update and delete on every table in public, by every actor", async () => {
  const tables = (
    await sql<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    )
  ).filter(({ name }) => !ATTACKED_IN_OWN_FILE.has(name));
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
  const unattempted = tables.flatMap(({ name }) =>
    (["insert", "update", "delete"] as const).flatMap((op) => {
      const actors = new Set(MUTATIONS.filter((m) => m.table === name && m.op === op).flatMap((m) => m.expect.map(([a]) => a)));
      return actors.size === 0 ? [] : ACTORS.filter((a) => !actors.has(a)).map((a) => `${name}: ${op} never attempted by ${a}`);
    }),
  );
  expect(
    [...missing, ...unattempted],
    `tables in public without attack cases in this matrix:\n  ${[...missing, ...unattempted].join("\n  ")}`,
  ).toEqual([]);
});

type Query = (text: string) => Promise<{ name: string }[]>;

/** Functions PostgREST would run for a caller: in public, executable by anon or authenticated, not an extension's. */
async function callableFunctions(query: Query): Promise<string[]> {
  const rows = await query(
    `select distinct p.proname as name
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prokind in ('f', 'p')
        and (has_function_privilege('authenticated', p.oid, 'EXECUTE') or has_function_privilege('anon', p.oid, 'EXECUTE'))
        and not exists (select 1 from pg_depend d
                         where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1`,
  );
  return rows.map((r) => r.name);
}

/** What the RPC matrix fails to attack: a callable function with no case, or one some actor never calls. */
function rpcGaps(callable: string[], cases: { fn: string; expect: [Actor, Outcome][] }[] = RPCS): string[] {
  return callable.flatMap((fn) => {
    const mine = cases.filter((c) => c.fn === fn);
    if (mine.length === 0) return [`${fn}: no attack case`];
    const callers = new Set(mine.flatMap((c) => c.expect.map(([a]) => a)));
    return ACTORS.filter((a) => !callers.has(a)).map((a) => `${fn}: never called by ${a}`);
  });
}

describe("the matrix covers every function a caller can execute through /rpc", () => {
  it("every such function in public is attacked by every actor", async () => {
    const gaps = rpcGaps(await callableFunctions((text) => sql<{ name: string }>(text)));
    expect(gaps, `functions in public without attack cases in RPCS:\n  ${gaps.join("\n  ")}`).toEqual([]);
  });

  it("anon may execute no function in public", async () => {
    const open = await sql<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prokind in ('f', 'p') and has_function_privilege('anon', p.oid, 'EXECUTE')
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
        order by 1`,
    );
    expect(open.map((f) => f.name)).toEqual([]);
  });

  it("every function the matrix names exists in public", async () => {
    const existing = (
      await sql<{ name: string }>(
        `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'`,
      )
    ).map((r) => r.name);
    const stale = [...new Set(RPCS.map((c) => c.fn))].filter((fn) => !existing.includes(fn));
    expect(stale, "RPCS names functions that are gone").toEqual([]);
  });

  it("the guard names a new callable function, and an actor left out (self-test, rolled back)", async () => {
    const db = new pg.Client({ connectionString: stackEnv.databaseUrl });
    await db.connect();
    const tag = `zz_selftest_${randomUUID().slice(0, 8)}`;
    try {
      await db.query("begin");
      await db.query(`
        create function public.${tag}_signed_in() returns int language sql set search_path = '' as 'select 1';
        revoke all on function public.${tag}_signed_in() from public;
        grant execute on function public.${tag}_signed_in() to authenticated;
        create function public.${tag}_anon() returns int language sql set search_path = '' as 'select 1';
        revoke all on function public.${tag}_anon() from public;
        grant execute on function public.${tag}_anon() to anon;
        create function public.${tag}_closed() returns int language sql set search_path = '' as 'select 1';
        revoke all on function public.${tag}_closed() from public;
      `);
      const callable = await callableFunctions(async (text) => (await db.query<{ name: string }>(text)).rows);
      expect(rpcGaps(callable).filter((g) => g.includes(tag))).toEqual([
        `${tag}_anon: no attack case`,
        `${tag}_signed_in: no attack case`,
      ]);
      // A case that leaves actors out is named too.
      const partial = [{ fn: `${tag}_signed_in`, expect: outcomes({ pmA: OK, others: SKIP }) }];
      expect(rpcGaps([`${tag}_signed_in`], partial)).toEqual(
        ACTORS.filter((a) => a !== "pmA").map((a) => `${tag}_signed_in: never called by ${a}`),
      );
    } finally {
      await db.query("rollback").catch(() => {});
      await db.end();
    }
  });
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
