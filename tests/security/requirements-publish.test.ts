// Publishing requirement versions, creating documents and changing client
// settings, attacked through PostgREST with real JWTs (migration
// 20261201000300_consistency_core): each is one SECURITY INVOKER RPC, so RLS
// decides who may, and a failure on the last step leaves nothing of the first.
// Versions are numbered under a lock: a race gives exactly the right numbers and
// a 409 to each loser, never a 500. Each version keeps the approvers it was
// published for (requirement_version_approvers), which nobody can write.
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireClient } from "~/domain/clients/require-client.server";
import { getRequirementDocument } from "~/domain/requirements/get-requirement-document.server";
import { publishRequirementVersion } from "~/domain/requirements/publish-requirement-version.server";
import {
  ACTORS,
  CONSENT,
  LOGO_PNG,
  disposeWorld,
  dropDocuments,
  freshDocument,
  freshLogo,
  freshSignoffDocument,
  freshVersion,
  nameApprovers,
  readRow,
  readRows,
  rowExists,
  seedWorld,
  signAs,
  type Actor,
  type Row,
  type StandardActor,
  type World,
} from "../support/attack";
import { asPerson, serviceDb } from "../support/stack";

let w: World;
beforeAll(async () => {
  w = await seedWorld();
}, 60_000);
afterAll(async () => {
  if (w) await disposeWorld(w);
}, 60_000);

/** Untyped, so a test can send what an attacker would (wrong types, extra columns). */
const raw = (actor: Actor) => w.db[actor] as unknown as SupabaseClient;
const MAY_EDIT_A: StandardActor[] = ["pmA", "admin"];
const body = (text: string) => `# Payroll\n\n${text} ${randomUUID().slice(0, 8)}\n`;

// ---------------------------------------------------------------- requirement_version_approvers

describe("requirement_version_approvers (the approvers a version was published for)", () => {
  let doc: Row;
  let version: Row;
  beforeAll(async () => {
    ({ document: doc } = await freshSignoffDocument(w.a.client.id, [w.a.contacts.approver]));
    await nameApprovers(doc, w.a.contacts.decision_maker);
    // The snapshot is taken when a version is published: this one has both.
    version = await freshVersion(String(doc.id));
  });
  afterAll(() => dropDocuments(String(doc.id)));

  it("is written by the database when a version is published, with the approvers of that moment", async () => {
    const rows = await readRows("requirement_version_approvers", { version_id: String(version.id) });
    expect(rows.map((r) => r.person_id).sort()).toEqual([w.a.contacts.approver.id, w.a.contacts.decision_maker.id].sort());
    expect(rows.every((r) => r.client_id === w.a.client.id && r.document_id === doc.id)).toBe(true);
  });

  it.each(ACTORS)("is read only by the client's people and staff: %s", async (actor) => {
    const { data, error, status } = await w.db[actor].from("requirement_version_approvers").select("person_id").eq("version_id", String(version.id));
    const sees = ["viewerA", "approverA", "deciderA", "pmA", "serviceTeamA", "admin"].includes(actor);
    if (actor === "anon") {
      expect(status).toBe(401);
      expect(error?.code).toBe("42501");
      return;
    }
    expect(error).toBeNull();
    expect(data).toHaveLength(sees ? 2 : 0);
  });

  it.each([...ACTORS, "serviceRole"] as const)("cannot be inserted, changed or deleted by anyone: %s", async (actor) => {
    const db = raw(actor);
    const forged = { version_id: version.id, document_id: doc.id, client_id: w.a.client.id, person_id: w.a.contacts.viewer.id };
    const insert = await db.from("requirement_version_approvers").insert(forged);
    const update = await db
      .from("requirement_version_approvers")
      .update({ person_id: w.a.contacts.viewer.id })
      .eq("version_id", String(version.id))
      .select("person_id");
    const remove = await db.from("requirement_version_approvers").delete().eq("version_id", String(version.id)).select("person_id");
    // No insert or update grant for anyone (the service role included); a delete is refused by the append-only trigger.
    expect(insert.error?.code).toBe("42501");
    expect(update.error?.code).toBe("42501");
    expect(remove.error?.code).toBe("42501");
    const rows = await readRows("requirement_version_approvers", { version_id: String(version.id) });
    expect(rows.map((r) => r.person_id).sort()).toEqual([w.a.contacts.approver.id, w.a.contacts.decision_maker.id].sort());
  });
});

// ---------------------------------------------------------------- approval is judged against the snapshot

describe("approval against the snapshot (issue 7, item 9)", () => {
  it("an approver added after publishing cannot sign that version, and is not needed for it; the next version needs them", async () => {
    const { document, version } = await freshSignoffDocument(w.a.client.id, []);
    // freshSignoffDocument names approvers after publishing: name them, then publish the version that counts.
    await nameApprovers(document, w.a.contacts.approver);
    const v2 = await freshVersion(String(document.id));
    try {
      // Added later: the decision maker is asked for the next version only.
      await nameApprovers(document, w.a.contacts.decision_maker);
      const late = await raw("deciderA")
        .from("signoffs")
        .insert({ version_id: v2.id, decision: "approved", signature_name: w.a.contacts.decision_maker.fullName, consent_text: CONSENT });
      expect(late.error).toMatchObject({ code: "42501", message: "You are not an approver of this version." });

      await signAs(w.a.contacts.approver, String(v2.id));
      const pm = await asPerson(w.a.pm.id);
      const access = await requireClient(pm, w.a.client.slug);
      const doc = (await getRequirementDocument(pm, access.client.slug, String(document.id), w.a.pm.id))!;
      // Today's list has two people, one of whom never signed: version 2 is still approved.
      expect(doc.approvers).toHaveLength(2);
      expect(doc.status).toBe("approved");
      expect(doc.versions.find((v) => v.version === 2)!.approved).toBe(true);
      // Version 1 was published before anyone was named: it can never be approved.
      expect(doc.versions.find((v) => v.id === version.id)!.approved).toBe(false);

      const v3 = await freshVersion(String(document.id));
      const snapshot = await readRows("requirement_version_approvers", { version_id: String(v3.id) });
      expect(snapshot.map((r) => r.person_id).sort()).toEqual([w.a.contacts.approver.id, w.a.contacts.decision_maker.id].sort());
      const after = (await getRequirementDocument(pm, access.client.slug, String(document.id), w.a.pm.id))!;
      expect(after.status).toBe("awaiting_signoff");
    } finally {
      await dropDocuments(String(document.id));
    }
  });
});

describe("an approver removed after publishing (issue 7, item 9)", () => {
  it("can still sign the version they were asked to sign, and that signature completes its approval", async () => {
    const { document } = await freshSignoffDocument(w.a.client.id, []);
    await nameApprovers(document, w.a.contacts.approver);
    const v2 = await freshVersion(String(document.id));
    try {
      // Taken off the document after version 2 went out: the list today is empty.
      const removed = await serviceDb()
        .from("requirement_approvers")
        .delete()
        .eq("document_id", String(document.id))
        .eq("person_id", w.a.contacts.approver.id);
      expect(removed.error).toBeNull();

      await signAs(w.a.contacts.approver, String(v2.id));
      const pm = await asPerson(w.a.pm.id);
      const access = await requireClient(pm, w.a.client.slug);
      const doc = (await getRequirementDocument(pm, access.client.slug, String(document.id), w.a.pm.id))!;
      expect(doc.versions.find((v) => v.id === v2.id)!.approved).toBe(true);
    } finally {
      await dropDocuments(String(document.id));
    }
  });
});

// ---------------------------------------------------------------- the RPCs, by every actor

const publishArgs = (documentId: string, text: string, extra: Record<string, unknown> = {}) => ({
  p_document: documentId,
  p_title: "Payroll requirements",
  p_area: "Payroll",
  p_due_date: null,
  p_approvers: [w.a.contacts.approver.id],
  p_body: text,
  p_change_note: null,
  ...extra,
});

describe("create_requirement_document", () => {
  it.each(ACTORS)("creates a document of client A only for its PM or an admin: %s", async (actor) => {
    const title = `Doc ${randomUUID()}`;
    const { data, error, status } = await raw(actor).rpc("create_requirement_document", {
      p_client: w.a.client.id,
      p_title: title,
      p_area: null,
      p_due_date: null,
      p_approvers: [w.a.contacts.approver.id],
    });
    const landed = (await readRows("requirement_documents", { title })).map((r) => String(r.id));
    try {
      if (MAY_EDIT_A.includes(actor)) {
        expect(error).toBeNull();
        expect(landed).toEqual([data]);
        expect(await rowExists("requirement_approvers", { document_id: String(data), person_id: w.a.contacts.approver.id })).toBe(true);
        expect(await rowExists("requirement_drafts", { document_id: String(data) })).toBe(true);
      } else {
        expect(status).toBe(actor === "anon" ? 401 : 403);
        expect(error?.code).toBe("42501");
        expect(landed).toEqual([]);
      }
    } finally {
      if (landed.length) await dropDocuments(...landed);
    }
  });

  it("leaves no document when its last step (an approver who may not approve) fails", async () => {
    const title = `Half-made ${randomUUID()}`;
    for (const person of [w.a.contacts.viewer, w.b.contacts.approver]) {
      const { error } = await raw("pmA").rpc("create_requirement_document", {
        p_client: w.a.client.id,
        p_title: title,
        p_area: null,
        p_due_date: null,
        p_approvers: [w.a.contacts.approver.id, person.id],
      });
      expect(error).toMatchObject({ code: "23514", hint: "field:approverIds" });
    }
    expect(await readRows("requirement_documents", { title })).toEqual([]);
  });
});

describe("save_requirement_draft and publish_requirement_version", () => {
  it.each(ACTORS)("publish a version of A's document only as its PM or an admin: %s", async (actor) => {
    const doc = await freshDocument(w.a.client.id);
    try {
      const { data, error, status } = await raw(actor).rpc("publish_requirement_version", publishArgs(String(doc.id), body("Runs monthly")));
      const versions = await readRows("requirement_versions", { document_id: String(doc.id) });
      if (MAY_EDIT_A.includes(actor)) {
        expect(error).toBeNull();
        expect(data).toEqual([expect.objectContaining({ version: 1 })]);
        expect(versions).toHaveLength(1);
        expect(versions[0]!.published_by).toBe(w.person[actor as keyof World["person"]].id);
      } else {
        // Contacts of A see the document but cannot lock it (RLS); everyone else cannot see it: PT404 (HTTP 404) either way.
        expect(status).toBe(actor === "anon" ? 401 : 404);
        expect(error?.code).toBe(actor === "anon" ? "42501" : "PT404");
        expect(versions).toEqual([]);
      }
      const saved = await raw(actor).rpc("save_requirement_draft", {
        p_document: doc.id,
        p_title: "Renamed",
        p_area: null,
        p_due_date: null,
        p_approvers: [],
        p_body: "draft",
      });
      const row = await readRow("requirement_documents", { id: String(doc.id) });
      if (MAY_EDIT_A.includes(actor)) {
        expect(saved.error).toBeNull();
        expect(row?.title).toBe("Renamed");
      } else {
        expect(saved.error?.code).toBe(actor === "anon" ? "42501" : "PT404");
        expect(row?.title).toBe(doc.title);
      }
    } finally {
      await dropDocuments(String(doc.id));
    }
  });

  it("a publish that fails on its last step saves nothing of the draft it saved first", async () => {
    const doc = await freshDocument(w.a.client.id);
    try {
      await raw("pmA").rpc("save_requirement_draft", {
        p_document: doc.id,
        p_title: "Before",
        p_area: null,
        p_due_date: null,
        p_approvers: [w.a.contacts.approver.id],
        p_body: "old draft",
      });
      // The change note is too long for a version (its check constraint, on the insert: the last step).
      const { error } = await raw("pmA").rpc("publish_requirement_version", {
        ...publishArgs(String(doc.id), "new text"),
        p_title: "After",
        p_approvers: [w.a.contacts.decision_maker.id],
        p_change_note: "x".repeat(2001),
      });
      expect(error?.code).toBe("23514");
      expect(await readRow("requirement_documents", { id: String(doc.id) })).toMatchObject({ title: "Before" });
      expect(await readRow("requirement_drafts", { document_id: String(doc.id) })).toMatchObject({ body_markdown: "old draft" });
      expect((await readRows("requirement_approvers", { document_id: String(doc.id) })).map((r) => r.person_id)).toEqual([
        w.a.contacts.approver.id,
      ]);
      expect(await readRows("requirement_versions", { document_id: String(doc.id) })).toEqual([]);
    } finally {
      await dropDocuments(String(doc.id));
    }
  });

  it("20 publishes of the same draft at once: one version 1, nineteen 409s, no 500", async () => {
    const doc = await freshDocument(w.a.client.id);
    try {
      const dbs = await Promise.all(Array.from({ length: 20 }, () => asPerson(w.a.pm.id)));
      const results = await Promise.all(
        dbs.map((db, i) =>
          (db as unknown as SupabaseClient).rpc("publish_requirement_version", publishArgs(String(doc.id), body(`Attempt ${i}`), { p_base_version: 0 })),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(results.filter((r) => r.error).every((r) => r.error!.code === "PT409" && r.error!.hint === "field:draftMarkdown")).toBe(true);
      const versions = await readRows("requirement_versions", { document_id: String(doc.id) });
      expect(versions.map((v) => v.version)).toEqual([1]);
    } finally {
      await dropDocuments(String(doc.id));
    }
  });

  it("20 different publishes at once without a base: versions 1 to 20, each once, no error", async () => {
    const doc = await freshDocument(w.a.client.id);
    try {
      const dbs = await Promise.all(Array.from({ length: 20 }, () => asPerson(w.a.pm.id)));
      const results = await Promise.all(
        dbs.map((db, i) => (db as unknown as SupabaseClient).rpc("publish_requirement_version", publishArgs(String(doc.id), body(`Text ${i}`)))),
      );
      expect(results.map((r) => r.error)).toEqual(results.map(() => null));
      const versions = (await readRows("requirement_versions", { document_id: String(doc.id) })).map((v) => Number(v.version));
      expect(versions.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    } finally {
      await dropDocuments(String(doc.id));
    }
  });

  it("20 direct inserts into requirement_versions at once are numbered under the same lock", async () => {
    const doc = await freshDocument(w.a.client.id);
    try {
      const dbs = await Promise.all(Array.from({ length: 20 }, () => asPerson(w.a.pm.id)));
      const results = await Promise.all(
        dbs.map((db, i) =>
          (db as unknown as SupabaseClient)
            .from("requirement_versions")
            .insert({ document_id: doc.id, client_id: w.a.client.id, version: 0, body_sha256: "0".repeat(64), body_markdown: body(`Direct ${i}`) }),
        ),
      );
      expect(results.map((r) => r.error)).toEqual(results.map(() => null));
      const versions = (await readRows("requirement_versions", { document_id: String(doc.id) })).map((v) => Number(v.version));
      expect(versions.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    } finally {
      await dropDocuments(String(doc.id));
    }
  });

  it("the app reports a lost race as a conflict on the draft, and saves nothing", async () => {
    const doc = await freshDocument(w.a.client.id);
    try {
      const pm = await asPerson(w.a.pm.id);
      const input = {
        intent: "publish" as const,
        title: "Payroll requirements",
        approverIds: [w.a.contacts.approver.id],
        draftMarkdown: body("Mine"),
        baseVersion: 0,
      };
      const [first, second] = await Promise.all([
        publishRequirementVersion(pm, String(doc.id), input),
        publishRequirementVersion(await asPerson(w.a.pm.id), String(doc.id), { ...input, draftMarkdown: body("Theirs") }),
      ]);
      const outcomes = [first, second].map((r) => (r.ok ? "ok" : r.kind)).sort();
      expect(outcomes).toEqual(["conflict", "ok"]);
      const lost = [first, second].find((r) => !r.ok)!;
      expect(lost).toMatchObject({ ok: false, kind: "conflict", fieldErrors: { draftMarkdown: [expect.stringMatching(/Version 1 was published/)] } });
      expect(await readRows("requirement_versions", { document_id: String(doc.id) })).toHaveLength(1);
    } finally {
      await dropDocuments(String(doc.id));
    }
  });
});

// ---------------------------------------------------------------- update_client_settings

describe("update_client_settings", () => {
  const settings = (name: string, extra: Record<string, unknown> = {}) => ({
    p_client: w.a.client.id,
    p_name: name,
    p_primary_color: "#123456",
    p_accent_color: "#abcdef",
    p_welcome_text: null,
    p_go_live_date: null,
    p_service_takeover_date: null,
    ...extra,
  });

  it.each(ACTORS)("changes client A only for its PM or an admin: %s", async (actor) => {
    const before = await readRow("clients", { id: w.a.client.id });
    const name = `Renamed ${randomUUID().slice(0, 8)}`;
    const { data, error, status } = await raw(actor).rpc("update_client_settings", settings(name));
    const after = await readRow("clients", { id: w.a.client.id });
    try {
      if (MAY_EDIT_A.includes(actor)) {
        expect(error).toBeNull();
        expect(data).toBe("kept");
        expect(after?.name).toBe(name);
      } else {
        expect(status).toBe(actor === "anon" ? 401 : 403);
        expect(error?.code).toBe("42501");
        expect(after?.name).toBe(before?.name);
      }
    } finally {
      await serviceDb().from("clients").update({ name: String(before?.name) }).eq("id", w.a.client.id);
    }
  });

  it("a logo refused on the last step leaves the name and colours as they were", async () => {
    const before = await readRow("clients", { id: w.a.client.id });
    const { error } = await raw("pmA").rpc(
      "update_client_settings",
      settings("Half-changed", { p_primary_color: "#000000", p_logo_content_type: "image/gif", p_logo_base64: LOGO_PNG }),
    );
    expect(error?.code).toBe("23514");
    expect(await readRow("clients", { id: w.a.client.id })).toMatchObject({ name: before?.name, primary_color: before?.primary_color });
    expect(await rowExists("client_logos", { client_id: w.a.client.id })).toBe(false);
  });

  it("replaces and removes the logo in the same transaction", async () => {
    const name = String((await readRow("clients", { id: w.a.client.id }))?.name);
    await freshLogo(w.a.client.id);
    const replaced = await raw("pmA").rpc("update_client_settings", settings(name, { p_logo_content_type: "image/png", p_logo_base64: LOGO_PNG }));
    expect(replaced).toMatchObject({ error: null, data: "replaced" });
    const removed = await raw("pmA").rpc("update_client_settings", settings(name, { p_remove_logo: true }));
    expect(removed).toMatchObject({ error: null, data: "removed" });
    expect(await rowExists("client_logos", { client_id: w.a.client.id })).toBe(false);
    const again = await raw("pmA").rpc("update_client_settings", settings(name, { p_remove_logo: true }));
    expect(again).toMatchObject({ error: null, data: "kept" });
  });
});

// ---------------------------------------------------------------- client_access

describe("client_access (what the signed-in person may do on each client)", () => {
  it.each(ACTORS)("shows a person only the clients they can see, with their own rights: %s", async (actor) => {
    const { data, error, status } = await w.db[actor]
      .from("client_access")
      .select("id, is_pm, is_staff, is_contact, contact_role, staff_role")
      .in("id", [w.a.client.id, w.b.client.id]);
    if (actor === "anon") {
      expect(status).toBe(401);
      expect(error?.code).toBe("42501");
      return;
    }
    expect(error).toBeNull();
    const expected: Record<StandardActor, unknown[]> = {
      anon: [],
      viewerA: [{ id: w.a.client.id, is_pm: false, is_staff: false, is_contact: true, contact_role: "viewer", staff_role: null }],
      approverA: [{ id: w.a.client.id, is_pm: false, is_staff: false, is_contact: true, contact_role: "approver", staff_role: null }],
      deciderA: [{ id: w.a.client.id, is_pm: false, is_staff: false, is_contact: true, contact_role: "decision_maker", staff_role: null }],
      contactB: [{ id: w.b.client.id, is_pm: false, is_staff: false, is_contact: true, contact_role: "viewer", staff_role: null }],
      unassignedStaff: [],
      pmA: [{ id: w.a.client.id, is_pm: true, is_staff: true, is_contact: false, contact_role: null, staff_role: "project_manager" }],
      serviceTeamA: [{ id: w.a.client.id, is_pm: false, is_staff: true, is_contact: false, contact_role: null, staff_role: "service_team" }],
      admin: [w.a.client.id, w.b.client.id].map((id) => ({ id, is_pm: true, is_staff: true, is_contact: false, contact_role: null, staff_role: null })),
    };
    const byId = (x: unknown, y: unknown) => String((x as Row).id).localeCompare(String((y as Row).id));
    expect([...(data ?? [])].sort(byId)).toEqual([...expected[actor]].sort(byId));
  });

  it.each(ACTORS)("cannot be written: %s", async (actor) => {
    const { error } = await raw(actor).from("client_access").update({ is_pm: true }).eq("id", w.a.client.id);
    // No write grant (42501), and its columns are computed anyway (0A000).
    expect(["42501", "0A000"]).toContain(error?.code);
  });
});
