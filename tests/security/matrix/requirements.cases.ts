// Attack cases: requirements sign-off (migration 20261125000400): documents,
// drafts, frozen versions, approvers and sign-offs.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  approverRowsSeen,
  clientWide,
  DENIED,
  internalAware,
  labelled,
  NONE,
  OK,
  outcomes,
  pmEdits,
  pmInserts,
  recently,
  requirementIds,
  rowChanged,
  rq,
  signedIn,
  signerFor,
  SKIP,
  tenant,
  textMarker,
  untyped,
  w,
  type Mutation,
  type Visibility,
} from "./context";
import {
  addDays,
  CONSENT,
  deletePeople,
  deleteRows,
  dropDocuments,
  freshContact,
  freshDocument,
  freshSignoffDocument,
  freshVersion,
  nameApprovers,
  PLAN_START,
  readRow,
  readRows,
  restoreRow,
  rowExists,
  sha256Hex,
  signAs,
  type Actor,
  type Row,
} from "../../support/attack";
import { asPerson, stackEnv } from "../../support/stack";

export const visibility: Visibility[] = [
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

export const mutations: Mutation[] = [
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

/** The signing rules, read off the raw results (409 on a stale version, forged evidence, demoted approvers). */
export function signoffScenarios() {
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
}
