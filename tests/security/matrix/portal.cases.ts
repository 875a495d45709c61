// Attack cases: the client portal (migration 20261125000200): success
// criteria, the timeline, the slip log, client tasks, logos and calendar feeds.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  clientCreatedBy,
  DENIED,
  dropPlanItem,
  internalAware,
  labelled,
  NONE,
  OK,
  otherContactOfA,
  outcomes,
  p,
  pmEdits,
  pmInserts,
  portalOf,
  readSeeded,
  recently,
  signedIn,
  SKIP,
  sorted,
  tenant,
  textMarker,
  w,
  type Mutation,
  type Visibility,
} from "./context";
import {
  addDays,
  deleteClients,
  deletePeople,
  deleteRows,
  feedTokenHash,
  freshClient,
  freshCriterion,
  freshFeed,
  freshLogo,
  freshMilestone,
  freshPhase,
  freshStaff,
  freshTask,
  LOGO_PNG,
  PLAN_START,
  readRow,
  readRows,
  restoreRow,
  rowExists,
  slip,
  type StandardActor,
} from "../../support/attack";

export const visibility: Visibility[] = [
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
];

export const mutations: Mutation[] = [
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
];

/** What one outcome per actor cannot say: embedded reads and the slip log following its item. */
export function portalScenarios() {
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
}
