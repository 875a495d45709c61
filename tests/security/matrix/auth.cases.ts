// Attack cases: sign-in events and server-side sessions (migrations
// 20261125000100 and 20261125000300), and the JWT PostgREST accepts.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  authEventId,
  DENIED,
  labelled,
  NONE,
  OK,
  otherContactOfA,
  outcomes,
  sessionIds,
  signedIn,
  SKIP,
  w,
  type Mutation,
  type Visibility,
} from "./context";
import {
  deleteAuthEvents,
  deleteRows,
  freshAuthEvent,
  nowSeconds,
  readRow,
  rest,
  rowExists,
  seedRow,
  signToken,
  unsignedToken,
  wrongSecret,
} from "../../support/attack";
import { stackEnv, uniq } from "../../support/stack";

export const visibility: Visibility[] = [
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
];

export const mutations: Mutation[] = [
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
];

/** The JWT itself: forged, expired, unsigned and role-switching tokens. */
export function jwtScenarios() {
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
}
