// Requirements sign-off against the real local stack: publishing, signing with
// evidence, the rules the database enforces, and the emails in the local mailbox.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appOrigin } from "~/lib/env.server";
import { deliverOutboxOf } from "../../../tests/support/outbox";
import { asPerson, serviceDb } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { requireClient } from "../clients/require-client.server";
import { getClientPortal } from "../portal/get-client-portal.server";
import { createRequirementDocument } from "./create-requirement-document.server";
import { getRequirementDocument } from "./get-requirement-document.server";
import { getSignoffCertificate } from "./get-signoff-certificate.server";
import { listRequirementDocuments } from "./list-requirement-documents.server";
import { publishRequirementVersion } from "./publish-requirement-version.server";
import { CONSENT_STATEMENT, type SaveDocumentInput } from "./schema";
import { signOffRequirement } from "./sign-off-requirement.server";

type Mail = { to: string[]; subject: string; html: string; text: string };
async function mailFor(email: string): Promise<Mail[]> {
  const res = await fetch(`${process.env.LOCAL_MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  expect(res.ok).toBe(true);
  return ((await res.json()) as { data: Mail[] }).data;
}

/** Links in emails are on the configured origin (APP_URL). */
const ORIGIN = appOrigin;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const EVIDENCE = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (TestBrowser)" };

let a: Tenant;
let b: Tenant;
let documentId: string;

const draft = (draftMarkdown: string, overrides: Partial<SaveDocumentInput> = {}): SaveDocumentInput => ({
  intent: "publish",
  title: "Eligibility rules",
  area: "Eligibility",
  dueDate: "2026-12-15",
  approverIds: [a.contacts.approver.id, a.contacts.decision_maker.id],
  draftMarkdown,
  changeNote: undefined,
  ...overrides,
});
/** The document as this person sees it, through the same guard the routes use. */
const documentAs = async (personId: string) => {
  const db = await asPerson(personId);
  return getRequirementDocument(db, a.client.slug, documentId, personId);
};
const certificateAs = async (personId: string, version: number) => {
  const db = await asPerson(personId);
  return getSignoffCertificate(db, await requireClient(db, a.client.slug), documentId, version, personId);
};
const versionIdOf = async (n: number) =>
  (await serviceDb().from("requirement_versions").select("id").eq("document_id", documentId).eq("version", n).single()).data!.id;
const approve = (versionId: string, signatureName: string) => ({ decision: "approved" as const, versionId, consent: true as const, signatureName });

const V1 = "# Eligibility\n\nÉmployees are eligible after **60 days**.  \nSee [the plan](https://example.com/plan).\n\n";
const V2 = "# Eligibility\n\nÉmployees are eligible after **30 days**.  \nSee [the plan](https://example.com/plan).\n\n";

beforeAll(async () => {
  [a, b] = await Promise.all([seedTenant("req-a"), seedTenant("req-b")]);
  const pm = await asPerson(a.pm.id);
  const created = await createRequirementDocument(pm, a.client.id, {
    intent: "create-document",
    title: "Eligibility rules",
    area: "Eligibility",
    dueDate: "2026-12-15",
    approverIds: [a.contacts.approver.id, a.contacts.decision_maker.id],
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  documentId = created.value.id;
});

describe("creating and publishing", () => {
  it("refuses a viewer (or another client's contact) as a required approver", async () => {
    const pm = await asPerson(a.pm.id);
    for (const person of [a.contacts.viewer, b.contacts.approver]) {
      const result = await createRequirementDocument(pm, a.client.id, { intent: "create-document", title: "Nope", approverIds: [person.id] });
      expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { approverIds: [expect.stringMatching(/approver/)] } });
    }
  });

  it("is the PM's: a contact and another client's PM cannot publish", async () => {
    for (const person of [a.contacts.approver, b.pm]) {
      const db = await asPerson(person.id);
      const result = await publishRequirementVersion(db, documentId, draft("Sneaky"));
      expect(result.ok).toBe(false);
    }
    const { count } = await serviceDb().from("requirement_versions").select("id", { count: "exact", head: true }).eq("document_id", documentId);
    expect(count).toBe(0);
  });

  it("numbers versions and hashes the exact text, and emails every required approver", async () => {
    const pm = await asPerson(a.pm.id);
    const first = await publishRequirementVersion(pm, documentId, draft(V1));
    expect(first).toMatchObject({ ok: true, value: { version: 1, bodySha256: sha256(V1) } });
    const row = (await serviceDb().from("requirement_versions").select("version, body_markdown, body_sha256, published_by").eq("document_id", documentId).single()).data!;
    expect(row).toEqual({ version: 1, body_markdown: V1, body_sha256: sha256(V1), published_by: a.pm.id });

    await deliverOutboxOf(a.client.id);
    for (const approver of [a.contacts.approver, a.contacts.decision_maker]) {
      const [mail] = await mailFor(approver.email);
      expect(mail!.subject).toBe("Please review: Eligibility rules, version 1");
      expect(mail!.text).toContain(`${ORIGIN}/c/${a.client.slug}/requirements/${documentId}`);
      expect(mail!.html).toContain("#123456"); // the client's brand colour
    }
    expect(await mailFor(a.contacts.viewer.email)).toEqual([]);

    // The same text again is not a new version.
    const again = await publishRequirementVersion(pm, documentId, draft(V1));
    expect(again).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { draftMarkdown: [expect.stringMatching(/same as version 1/)] } });
  });
});

describe("signing off", () => {
  it("needs a comment to request changes, even when the form is bypassed; the PM is emailed the decision", async () => {
    const approver = a.contacts.approver; // the signer: the server mints their token with the evidence
    const v1 = await versionIdOf(1);
    const empty = await signOffRequirement(approver, { decision: "changes_requested", versionId: v1, comment: " " }, EVIDENCE);
    expect(empty).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { comment: ["Say what should change."] } });

    const result = await signOffRequirement(approver, { decision: "changes_requested", versionId: v1, comment: "30 days, not 60." }, EVIDENCE);
    expect(result).toEqual({ ok: true, value: { alreadyRecorded: false, pmEmailed: true } });
    await deliverOutboxOf(a.client.id);
    const [mail] = await mailFor(a.pm.email);
    expect(mail!.subject).toBe(`${a.contacts.approver.fullName} requested changes to Eligibility rules, version 1`);
    expect(mail!.text).toContain("30 days, not 60.");
    expect(mail!.text).toContain(`${ORIGIN}/staff/clients/${a.client.slug}/requirements/${documentId}`);

    const doc = await documentAs(a.pm.id);
    expect(doc!.status).toBe("changes_requested");
  });

  it("refuses approving a superseded version with 409, and records nothing", async () => {
    const pm = await asPerson(a.pm.id);
    const published = await publishRequirementVersion(pm, documentId, draft(V2, { changeNote: "30 days" }));
    expect(published).toMatchObject({ ok: true, value: { version: 2, bodySha256: sha256(V2) } });
    const dm = a.contacts.decision_maker;
    const result = await signOffRequirement(dm, approve(await versionIdOf(1), a.contacts.decision_maker.fullName), EVIDENCE);
    expect(result).toMatchObject({ ok: false, kind: "conflict", message: expect.stringMatching(/Version 1 is no longer current.*read version 2 /) });
    const { count } = await serviceDb().from("signoffs").select("id", { count: "exact", head: true }).eq("person_id", a.contacts.decision_maker.id);
    expect(count).toBe(0);
  });

  it("refuses a wrong signature name", async () => {
    const approver = a.contacts.approver; // the signer: the server mints their token with the evidence
    const result = await signOffRequirement(approver, approve(await versionIdOf(2), "Someone Else"), EVIDENCE);
    expect(result).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { signatureName: [expect.stringContaining(a.contacts.approver.fullName)] } });
  });

  it("records the approval with the evidence the server saw; a double submit records one decision", async () => {
    const approver = a.contacts.approver; // the signer: the server mints their token with the evidence
    const v2 = await versionIdOf(2);
    const input = approve(v2, `  ${a.contacts.approver.fullName.toUpperCase()} `);
    expect(await signOffRequirement(approver, input, EVIDENCE)).toEqual({ ok: true, value: { alreadyRecorded: false, pmEmailed: true } });
    expect(await signOffRequirement(approver, input, EVIDENCE)).toEqual({ ok: true, value: { alreadyRecorded: true, pmEmailed: false } });

    const rows = (await serviceDb().from("signoffs").select("*").eq("version_id", v2)).data!;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      person_id: a.contacts.approver.id,
      person_name: a.contacts.approver.fullName,
      person_email: a.contacts.approver.email,
      decision: "approved",
      version: 2,
      body_sha256: sha256(V2),
      consent_text: CONSENT_STATEMENT,
      ip: EVIDENCE.ip,
      user_agent: EVIDENCE.userAgent,
    });
    await deliverOutboxOf(a.client.id);
    const [mail] = await mailFor(a.pm.email);
    expect(mail!.subject).toBe(`${a.contacts.approver.fullName} approved Eligibility rules, version 2`);
    // The double submit queued no second email.
    expect((await mailFor(a.pm.email)).filter((m) => m.subject === mail!.subject)).toHaveLength(1);
  });

  it("cannot be done by a viewer, by staff, or by another client's approver", async () => {
    const v2 = await versionIdOf(2);
    for (const person of [a.contacts.viewer, a.pm, a.serviceTeam, b.contacts.approver]) {
      const result = await signOffRequirement(person, approve(v2, person.fullName), EVIDENCE);
      expect(result).toMatchObject({ ok: false, kind: "forbidden" });
    }
    const { count } = await serviceDb().from("signoffs").select("id", { count: "exact", head: true }).eq("version_id", v2);
    expect(count).toBe(1);
  });

  it("is approved once every required approver approved; the certificate holds the evidence; a new version voids it", async () => {
    const dm = a.contacts.decision_maker;
    const v2 = await versionIdOf(2);
    // The decision and the PM's email are one transaction: the email waits in the outbox for the worker.
    const result = await signOffRequirement(dm, approve(v2, a.contacts.decision_maker.fullName), EVIDENCE);
    expect(result).toEqual({ ok: true, value: { alreadyRecorded: false, pmEmailed: true } });
    const { data: queued } = await serviceDb()
      .from("email_outbox")
      .select("template, recipient, status")
      .like("idempotency_key", "requirement-decision:%")
      .eq("client_id", a.client.id)
      .eq("status", "pending");
    expect(queued).toEqual([{ template: "requirement-decision", recipient: a.pm.email, status: "pending" }]);

    const doc = (await documentAs(a.contacts.viewer.id))!;
    expect(doc.status).toBe("approved");
    expect(doc.draftMarkdown).toBeNull(); // the PM's working copy is not shown to contacts
    expect(doc.viewer).toMatchObject({ isRequiredApprover: false, contactRole: "viewer" });
    const certificate = (await certificateAs(a.contacts.viewer.id, 2))!;
    expect(certificate.version.bodySha256).toBe(sha256(V2));
    expect(certificate.approvals.map((s) => [s.personEmail, s.ip, s.userAgent, s.consentText])).toEqual([
      [a.contacts.approver.email, EVIDENCE.ip, EVIDENCE.userAgent, CONSENT_STATEMENT],
      [a.contacts.decision_maker.email, EVIDENCE.ip, EVIDENCE.userAgent, CONSENT_STATEMENT],
    ]);
    expect(await certificateAs(a.contacts.viewer.id, 1)).toBeNull();
    // Another client's approver cannot even reach the client (404).
    await expect(certificateAs(b.contacts.approver.id, 2)).rejects.toMatchObject({ status: 404 });

    const pm = await asPerson(a.pm.id);
    const v3 = await publishRequirementVersion(pm, documentId, draft(`${V2}Also: part-timers.\n`));
    expect(v3).toMatchObject({
      ok: true,
      value: { version: 3, notified: [a.contacts.approver.fullName, a.contacts.decision_maker.fullName].sort((x, y) => x.localeCompare(y)) },
    });
    const after = (await documentAs(a.pm.id))!;
    expect(after.status).toBe("awaiting_signoff");
    expect(after.signoffs.filter((s) => s.version === 2).map((s) => s.supersededBy)).toEqual([3, 3]);
    expect(after.versions[0]!.diff!.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["Also: part-timers."]);
    // The old certificate stays as a record.
    expect(await certificateAs(a.pm.id, 2)).not.toBeNull();
  });

  it("shows on the client's page and the staff list with the derived status", async () => {
    const portal = (await getClientPortal(await asPerson(a.contacts.viewer.id), a.client.slug))!;
    expect(portal.requirements).toEqual([
      {
        id: documentId,
        title: "Eligibility rules",
        area: "Eligibility",
        dueDate: "2026-12-15",
        status: "awaiting_signoff",
        currentVersion: 3,
        publishedAt: expect.any(String),
        approvers: expect.any(Array),
      },
    ]);
    const pm = await asPerson(a.pm.id);
    const list = (await listRequirementDocuments(pm, a.client.slug))!;
    expect(list.canEdit).toBe(true);
    expect(list.documents.map((d) => [d.title, d.status, d.currentVersion])).toEqual([["Eligibility rules", "awaiting_signoff", 3]]);
    await expect(requireClient(await asPerson(b.pm.id), a.client.slug)).rejects.toMatchObject({ status: 404 });
    expect(await listRequirementDocuments(await asPerson(b.pm.id), a.client.slug)).toBeNull();
  });
});
