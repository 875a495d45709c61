// Attack cases: timeline templates (staff only; built-ins read-only) and
// the functions that apply and save them (migration 20261125000200).
import { expect } from "vitest";
import {
  DENIED,
  dropPlanItem,
  labelled,
  NONE,
  OK,
  outcomes,
  p,
  phaseIds,
  pmInserts,
  portalOf,
  signedIn,
  SKIP,
  sorted,
  tenant,
  textMarker,
  w,
  type Mutation,
  type RpcCase,
  type Visibility,
} from "./context";
import {
  addDays,
  deleteRows,
  freshTemplate,
  PLAN_START,
  readRow,
  readRows,
  restoreRow,
  rowExists,
  seedRow,
  TEMPLATE_PHASES,
  type Actor,
} from "../../support/attack";
import { uniq } from "../../support/stack";

export const visibility: Visibility[] = [
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
];

export const mutations: Mutation[] = [
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
];

export const rpcs: RpcCase[] = [
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
