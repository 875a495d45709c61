// The invitation, requirement-review and requirement-decision emails are queued in
// the outbox by the RPC that makes the change, in its transaction (migration
// 20261201002000; docs/decisions/0008-email-outbox.md), attacked through PostgREST
// with real JWTs:
// - a failing enqueue saves nothing of the change;
// - a change rolled back after its email was queued (a deferred check failing at
//   commit) leaves no email;
// - 50 requests at once queue exactly the right emails, once each;
// - sign_off_requirement (new) is attacked by every actor.
// The failures are made by test-only triggers that fire only for this file's own
// addresses and notes, so the other test files running meanwhile are untouched.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTORS,
  CONSENT,
  disposeWorld,
  dropDocuments,
  freshContact,
  freshSignoffDocument,
  readRows,
  rowExists,
  seedWorld,
  type Actor,
  type Row,
  type World,
} from "../support/attack";
import { asPerson, serviceDb, sql, uniq } from "../support/stack";
import { seedTenant, type Tenant } from "../support/tenants";

const REFUSE = "app_private.emails_in_transaction_test_refuse";
const ENQUEUE_FAILS = "enqueue-fails.test";
const COMMIT_FAILS = "commit-fails.test";
const ROLLED_BACK = "Rolled back at commit";

let w: World;
let t: Tenant;

beforeAll(async () => {
  [w, t] = await Promise.all([seedWorld(), seedTenant("emails-tx")]);
  await sql(`
    create or replace function ${REFUSE}() returns trigger language plpgsql set search_path = '' as $$
    begin
      raise exception 'refused by the emails-in-transaction test (%)', tg_name;
    end $$;
    revoke all on function ${REFUSE}() from public;
    -- The outbox refuses this file's failing addresses: the enqueue itself fails.
    create trigger emails_tx_test_enqueue_fails before insert on public.email_outbox for each row
      when (new.recipient like '%@${ENQUEUE_FAILS}') execute function ${REFUSE}();
    -- The change fails at commit, after the RPC queued its email.
    create constraint trigger emails_tx_test_invite_fails after insert on public.people
      deferrable initially deferred for each row
      when (new.email like '%@${COMMIT_FAILS}') execute function ${REFUSE}();
    create constraint trigger emails_tx_test_publish_fails after insert on public.requirement_versions
      deferrable initially deferred for each row
      when (new.change_note = '${ROLLED_BACK}') execute function ${REFUSE}();
    create constraint trigger emails_tx_test_signoff_fails after insert on public.signoffs
      deferrable initially deferred for each row
      when (new.comment = '${ROLLED_BACK}') execute function ${REFUSE}();
  `);
}, 60_000);

afterAll(async () => {
  await sql(`
    drop trigger if exists emails_tx_test_enqueue_fails on public.email_outbox;
    drop trigger if exists emails_tx_test_invite_fails on public.people;
    drop trigger if exists emails_tx_test_publish_fails on public.requirement_versions;
    drop trigger if exists emails_tx_test_signoff_fails on public.signoffs;
    drop function if exists ${REFUSE}();
  `);
  if (w) await disposeWorld(w);
}, 60_000);

type Queued = { recipient: string; template: string; idempotency_key: string; status: string; client_id: string | null; props: Record<string, unknown> };

const queued = async (column: "recipient" | "idempotency_key", values: string[]) =>
  (
    await sql<Queued>(
      `select recipient, template, idempotency_key, status, client_id, props from public.email_outbox where ${column} = any($1::text[]) order by idempotency_key`,
      [values],
    )
  );
const queuedLike = async (keyPattern: string) =>
  sql<Queued>("select recipient, template, idempotency_key, status, client_id, props from public.email_outbox where idempotency_key like $1 order by idempotency_key", [
    keyPattern,
  ]);
/** The review emails of a document (their link names it). */
const reviewsOf = (documentId: string) =>
  sql<Queued>(
    "select recipient, template, idempotency_key, status, client_id, props from public.email_outbox where template = 'requirement-review' and props ->> 'documentUrl' like $1 order by idempotency_key",
    [`%/requirements/${documentId}`],
  );

/** Untyped, so a test can send what an attacker would. */
const untyped = (db: unknown) => db as SupabaseClient;

// ---------------------------------------------------------------- invite_contact

describe("invite_contact queues the invitation in its own transaction", () => {
  const invite = async (email: string, db?: SupabaseClient) =>
    (db ?? untyped(await asPerson(t.pm.id))).rpc("invite_contact", {
      p_client: t.client.id,
      p_email: email,
      p_full_name: "Dana Whitfield",
      p_role: "approver",
    });

  it("queues one invitation, keyed by the new person, with the client's colour and a path (the worker adds the origin)", async () => {
    const email = `${uniq("tx-invite")}@invitee.example`;
    const { data: personId, error } = await invite(email);
    expect(error).toBeNull();
    expect(await queued("recipient", [email])).toEqual([
      {
        recipient: email,
        template: "invitation",
        idempotency_key: `invitation:${personId}`,
        status: "pending",
        client_id: t.client.id,
        props: {
          personName: "Dana Whitfield",
          personEmail: email,
          roleLabel: "Approver",
          clientName: t.client.name,
          brand: { primaryColor: "#123456" },
          projectManager: { fullName: t.pm.fullName, email: t.pm.email },
          loginUrl: "/login",
        },
      },
    ]);
  });

  it("saves nothing when the email cannot be queued", async () => {
    const email = `${uniq("tx-invite")}@${ENQUEUE_FAILS}`;
    const { error } = await invite(email);
    expect(error?.message).toContain("refused by the emails-in-transaction test");
    expect(await rowExists("people", { email })).toBe(false);
    expect(await queued("recipient", [email])).toEqual([]);
  });

  it("queues nothing when the invitation is rolled back after its email was queued", async () => {
    const email = `${uniq("tx-invite")}@${COMMIT_FAILS}`;
    const { error } = await invite(email);
    expect(error?.message).toContain("emails_tx_test_invite_fails");
    expect(await rowExists("people", { email })).toBe(false);
    expect(await queued("recipient", [email])).toEqual([]);
  });

  it("50 invitations at once queue 50 emails, one per person; 50 of the same address add one person and one email", async () => {
    const pm = untyped(await asPerson(t.pm.id));
    const emails = Array.from({ length: 50 }, () => `${uniq("tx-many")}@invitee.example`);
    const results = await Promise.all(emails.map((email) => invite(email, pm)));
    expect(results.map((r) => r.error)).toEqual(emails.map(() => null));
    const rows = await queued("recipient", emails);
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r.idempotency_key).sort()).toEqual(results.map((r) => `invitation:${r.data}`).sort());

    const same = `${uniq("tx-same")}@invitee.example`;
    const racing = await Promise.all(Array.from({ length: 50 }, () => invite(same, pm)));
    expect(racing.filter((r) => r.error === null)).toHaveLength(1);
    expect(new Set(racing.filter((r) => r.error).map((r) => r.error!.code))).toEqual(new Set(["23505"]));
    expect(await readRows("people", { email: same })).toHaveLength(1);
    expect(await queued("recipient", [same])).toHaveLength(1);
  }, 60_000);
});

// ---------------------------------------------------------------- publish_requirement_version

describe("publish_requirement_version queues a review email per required approver in its own transaction", () => {
  const documents: string[] = [];
  afterAll(() => dropDocuments(...documents));

  /** A document of t with the given approvers, and no version yet. */
  async function draftDocument(approvers: string[]) {
    const { data, error } = await untyped(await asPerson(t.pm.id)).rpc("create_requirement_document", {
      p_client: t.client.id,
      p_title: uniq("Eligibility"),
      p_area: null,
      p_due_date: null,
      p_approvers: approvers,
    });
    if (error) throw new Error(`create_requirement_document: ${error.message}`);
    documents.push(String(data));
    return String(data);
  }
  const publish = (db: SupabaseClient, document: string, approvers: string[], extra: Record<string, unknown> = {}) =>
    db.rpc("publish_requirement_version", {
      p_document: document,
      p_title: "Eligibility rules",
      p_area: null,
      p_due_date: "2027-04-01",
      p_approvers: approvers,
      p_body: `# Eligibility\n\n${uniq("After 30 days")}\n`,
      p_change_note: null,
      ...extra,
    });
  const approvers = () => [t.contacts.approver.id, t.contacts.decision_maker.id];

  it("queues one email per approver of the version, keyed by version and person, with a path to the client's document", async () => {
    const doc = await draftDocument(approvers());
    const { data, error } = await publish(untyped(await asPerson(t.pm.id)), doc, approvers(), { p_change_note: "30 days" }).single<Row>();
    expect(error).toBeNull();
    const rows = await reviewsOf(doc);
    expect(rows.map((r) => [r.recipient, r.idempotency_key])).toEqual(
      [t.contacts.approver, t.contacts.decision_maker]
        .map((p) => [p.email, `requirement-review:${data!.id}:${p.id}`])
        .sort((x, y) => x[1]!.localeCompare(y[1]!)),
    );
    expect(rows[0]!.props).toMatchObject({
      clientName: t.client.name,
      brand: { primaryColor: "#123456" },
      version: 1,
      changeNote: "30 days",
      dueDate: "2027-04-01",
      publishedBy: t.pm.fullName,
      documentUrl: `/c/${t.client.slug}/requirements/${doc}`,
    });
    expect(rows.every((r) => r.client_id === t.client.id && r.status === "pending")).toBe(true);
  });

  it("saves nothing (no version, the draft as it was) when an approver's email cannot be queued", async () => {
    const failing = await freshContact(t.client.id, "approver");
    await serviceDb().from("people").update({ email: `${uniq("tx-approver")}@${ENQUEUE_FAILS}` }).eq("id", failing.id);
    const doc = await draftDocument([t.contacts.approver.id, failing.id]);
    const { error } = await publish(untyped(await asPerson(t.pm.id)), doc, [t.contacts.approver.id, failing.id]);
    expect(error?.message).toContain("refused by the emails-in-transaction test");
    expect(await readRows("requirement_versions", { document_id: doc })).toEqual([]);
    expect((await readRows("requirement_drafts", { document_id: doc }))[0]?.body_markdown).toBe("");
    expect(await reviewsOf(doc)).toEqual([]);
  });

  it("queues nothing when the version is rolled back after its emails were queued", async () => {
    const doc = await draftDocument(approvers());
    const { error } = await publish(untyped(await asPerson(t.pm.id)), doc, approvers(), { p_change_note: ROLLED_BACK });
    expect(error?.message).toContain("emails_tx_test_publish_fails");
    expect(await readRows("requirement_versions", { document_id: doc })).toEqual([]);
    expect(await reviewsOf(doc)).toEqual([]);
  });

  it("50 publishes at once on top of the same version: one is published and emails its approvers once; 49 get 409 and queue nothing", async () => {
    const doc = await draftDocument(approvers());
    const pm = untyped(await asPerson(t.pm.id));
    const results = await Promise.all(Array.from({ length: 50 }, () => publish(pm, doc, approvers(), { p_base_version: 0 })));
    expect(results.filter((r) => r.error === null)).toHaveLength(1);
    expect(results.filter((r) => r.error).map((r) => r.status)).toEqual(Array.from({ length: 49 }, () => 409));
    const [version] = await readRows("requirement_versions", { document_id: doc });
    expect((await reviewsOf(doc)).map((r) => r.idempotency_key).sort()).toEqual(
      approvers()
        .map((id) => `requirement-review:${version!.id}:${id}`)
        .sort(),
    );
  }, 60_000);

  it("50 publishes at once without a base: 50 versions, each asking its approvers once (100 emails)", async () => {
    const doc = await draftDocument(approvers());
    const pm = untyped(await asPerson(t.pm.id));
    const results = await Promise.all(Array.from({ length: 50 }, () => publish(pm, doc, approvers())));
    expect(results.map((r) => r.error)).toEqual(results.map(() => null));
    const versions = await readRows("requirement_versions", { document_id: doc });
    expect(versions.map((v) => Number(v.version)).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const expected = versions.flatMap((v) => approvers().map((id) => `requirement-review:${v.id}:${id}`)).sort();
    const rows = await reviewsOf(doc);
    expect(rows.map((r) => r.idempotency_key).sort()).toEqual(expected);
    // Each email names its own version.
    for (const row of rows) {
      const version = versions.find((v) => row.idempotency_key.startsWith(`requirement-review:${v.id}:`))!;
      expect(row.props.version).toBe(version.version);
    }
  }, 90_000);
});

// ---------------------------------------------------------------- sign_off_requirement

describe("sign_off_requirement records a decision and queues the PM's email in one transaction", () => {
  const documents: string[] = [];
  afterAll(() => dropDocuments(...documents));

  async function freshDoc(clientId: string, people: Parameters<typeof freshSignoffDocument>[1]) {
    const { document, version } = await freshSignoffDocument(clientId, people);
    documents.push(String(document.id));
    return { documentId: String(document.id), versionId: String(version.id) };
  }
  const approveAs = (db: SupabaseClient, versionId: string, name: string) =>
    db.rpc("sign_off_requirement", { p_version: versionId, p_decision: "approved", p_signature_name: name, p_consent_text: CONSENT });
  const decisionsOf = (versionId: string) => readRows("signoffs", { version_id: versionId });

  const SIGNERS: Actor[] = ["approverA", "deciderA"];
  it.each(ACTORS)("only a required approver of A's version signs it, and only then is A's PM emailed: %s", async (actor) => {
    const { documentId, versionId } = await freshDoc(w.a.client.id, [w.a.contacts.approver, w.a.contacts.decision_maker]);
    const name = actor === "anon" ? "Nobody" : w.person[actor as keyof World["person"]].fullName;
    const { data, error, status } = await approveAs(untyped(w.db[actor]), versionId, name).single<Row>();
    const emails = await queuedLike(`requirement-decision:%`).then((rows) =>
      rows.filter((r) => String(r.props.documentUrl).endsWith(`/requirements/${documentId}`)),
    );
    if (SIGNERS.includes(actor)) {
      expect(error).toBeNull();
      expect(data).toMatchObject({ already_recorded: false, emails_queued: 1 });
      const [row] = await decisionsOf(versionId);
      expect(row).toMatchObject({ person_id: w.person[actor as keyof World["person"]].id, decision: "approved" });
      expect(emails.map((e) => [e.recipient, e.idempotency_key])).toEqual([[w.a.pm.email, `requirement-decision:${row!.id}:${w.a.pm.id}`]]);
      expect(emails[0]!.props).toMatchObject({
        approverName: name,
        decision: "approved",
        documentUrl: `/staff/clients/${w.a.client.slug}/requirements/${documentId}`,
        brand: { primaryColor: "#123456" },
      });
    } else {
      expect(status).toBe(actor === "anon" ? 401 : 403);
      expect(error?.code).toBe("42501");
      expect(await decisionsOf(versionId)).toEqual([]);
      expect(emails).toEqual([]);
    }
  });

  it("refuses what the sign-off rules refuse, as a direct insert would: a wrong signature name names its field", async () => {
    const { versionId } = await freshDoc(w.a.client.id, [w.a.contacts.approver]);
    const { error } = await approveAs(untyped(w.db.approverA), versionId, "Someone Else");
    expect(error).toMatchObject({ code: "23514", hint: "field:signatureName" });
    expect(await decisionsOf(versionId)).toEqual([]);
  });

  it("50 identical decisions at once record one and queue one email; the rest are already recorded", async () => {
    const { documentId, versionId } = await freshDoc(w.a.client.id, [w.a.contacts.approver]);
    const db = untyped(await asPerson(w.a.contacts.approver.id));
    const results = await Promise.all(
      Array.from({ length: 50 }, () => approveAs(db, versionId, w.a.contacts.approver.fullName).single<Row>()),
    );
    expect(results.map((r) => r.error)).toEqual(results.map(() => null));
    expect(results.filter((r) => r.data!.already_recorded === false)).toHaveLength(1);
    const decisions = await decisionsOf(versionId);
    expect(decisions).toHaveLength(1);
    const emails = (await queuedLike(`requirement-decision:${decisions[0]!.id}:%`)).filter((r) =>
      String(r.props.documentUrl).endsWith(documentId),
    );
    expect(emails.map((e) => e.recipient)).toEqual([w.a.pm.email]);
  }, 60_000);

  it("records nothing when the PM's email cannot be queued", async () => {
    const failing = await seedTenant("emails-tx-failing-pm");
    await serviceDb().from("people").update({ email: `${uniq("tx-pm")}@${ENQUEUE_FAILS}` }).eq("id", failing.pm.id);
    const { versionId } = await freshDoc(failing.client.id, [failing.contacts.approver]);
    const { error } = await approveAs(untyped(await asPerson(failing.contacts.approver.id)), versionId, failing.contacts.approver.fullName);
    expect(error?.message).toContain("refused by the emails-in-transaction test");
    expect(await decisionsOf(versionId)).toEqual([]);
    expect(await sql("select 1 from public.email_outbox where client_id = $1 and template = 'requirement-decision'", [failing.client.id])).toEqual([]);
  });

  it("queues nothing when the decision is rolled back after its email was queued", async () => {
    const { versionId } = await freshDoc(t.client.id, [t.contacts.approver]);
    const { error } = await untyped(await asPerson(t.contacts.approver.id)).rpc("sign_off_requirement", {
      p_version: versionId,
      p_decision: "changes_requested",
      p_comment: ROLLED_BACK,
    });
    expect(error?.message).toContain("emails_tx_test_signoff_fails");
    expect(await decisionsOf(versionId)).toEqual([]);
    expect(await sql("select 1 from public.email_outbox where client_id = $1 and template = 'requirement-decision'", [t.client.id])).toEqual([]);
  });
});
