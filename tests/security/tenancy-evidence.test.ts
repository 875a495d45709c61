// Tenancy and evidence holes found by an outside attack through PostgREST
// (issue 7, items 7, 8 and 11), each replayed as the attacker did it: raw
// requests with real JWTs against the running stack. Each must now fail to get in.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserClient } from "~/lib/supabase.server";
import {
  CONSENT,
  deleteClients,
  deletePeople,
  freshMilestone,
  freshPerson,
  freshPhase,
  freshSignoffDocument,
  purgeRequirementHistory,
  readRow,
  readRows,
  rowExists,
  slip,
  addDays,
  PLAN_START,
} from "../support/attack";
import { serviceDb, stackEnv, tokenFor } from "../support/stack";
import { seedStaff, seedTenant, type SeededPerson, type Tenant } from "../support/tenants";

type Answer = { status: number; body: unknown };

/** One PostgREST request through the gateway, as a person (or with a hand-made token). */
async function call(method: string, path: string, { as, token, body }: { as?: string; token?: string; body?: unknown }): Promise<Answer> {
  const bearer = token ?? (as ? await tokenFor(as) : undefined);
  const res = await fetch(`${stackEnv.url}/rest/v1${path}`, {
    method,
    headers: {
      apikey: stackEnv.anonKey,
      "content-type": "application/json",
      prefer: "return=minimal",
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

const code = (a: Answer) => (a.body as { code?: string } | null)?.code;

let a: Tenant;
let b: Tenant;
let admin: SeededPerson;
const extraPeople: string[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([seedTenant("te-a"), seedTenant("te-b")]);
  admin = await seedStaff("te-admin", { isAdmin: true });
});

afterAll(async () => {
  await purgeRequirementHistory({ clientIds: [a.client.id, b.client.id] });
  await deleteClients(a.client.id, b.client.id);
  const people = [a, b].flatMap((t) => [...Object.values(t.contacts), t.pm, t.serviceTeam]).map((p) => p.id);
  await deletePeople(...people, admin.id, ...extraPeople);
});

// ---------------------------------------------------------------- 7. one client per contact
describe("attaching another client's contact (item 7)", () => {
  it("refuses a PM who attaches B's contact to A: no row, no email or phone, no access for that person", async () => {
    const victim = b.contacts.decision_maker;
    const answer = await call("POST", "/client_contacts", { as: a.pm.id, body: { client_id: a.client.id, person_id: victim.id, role: "viewer" } });
    expect(answer.status).toBe(403);
    expect(code(answer)).toBe("42501");
    expect(await rowExists("client_contacts", { client_id: a.client.id, person_id: victim.id })).toBe(false);

    // Still invisible to A's PM, and A stays invisible to the victim.
    const people = await call("GET", `/people?id=eq.${victim.id}&select=email,phone`, { as: a.pm.id });
    expect(people).toEqual({ status: 200, body: [] });
    const clients = await call("GET", `/clients?id=eq.${a.client.id}&select=id`, { as: victim.id });
    expect(clients).toEqual({ status: 200, body: [] });
  });

  it("refuses an admin too: a contact belongs to exactly one client", async () => {
    const answer = await call("POST", "/client_contacts", {
      as: admin.id,
      body: { client_id: a.client.id, person_id: b.contacts.viewer.id, role: "viewer" },
    });
    expect(answer.status).toBe(403);
    expect(code(answer)).toBe("42501");
    expect(await rowExists("client_contacts", { client_id: a.client.id, person_id: b.contacts.viewer.id })).toBe(false);
  });

  it("answers a person id that does not exist exactly as one that belongs to another client (no existence oracle)", async () => {
    const existing = await call("POST", "/client_contacts", {
      as: a.pm.id,
      body: { client_id: a.client.id, person_id: b.contacts.approver.id, role: "viewer" },
    });
    const missing = await call("POST", "/client_contacts", { as: a.pm.id, body: { client_id: a.client.id, person_id: randomUUID(), role: "viewer" } });
    expect(missing.status).toBe(403);
    expect(code(missing)).toBe("42501"); // not 23503 (foreign key)
    expect(missing).toEqual(existing);
  });

  it("refuses swapping the person of one of A's contact rows for B's contact", async () => {
    const answer = await call("PATCH", `/client_contacts?client_id=eq.${a.client.id}&person_id=eq.${a.contacts.viewer.id}`, {
      as: a.pm.id,
      body: { person_id: b.contacts.viewer.id },
    });
    expect(answer.status).toBe(403);
    expect(code(answer)).toBe("42501");
    expect(await rowExists("client_contacts", { client_id: a.client.id, person_id: a.contacts.viewer.id })).toBe(true);
    expect(await rowExists("client_contacts", { client_id: a.client.id, person_id: b.contacts.viewer.id })).toBe(false);
  });

  it("still lets the PM invite a new contact, and attach a person who belongs to no client", async () => {
    const email = `te-invited-${randomUUID().slice(0, 8)}@test.example`;
    const invited = await call("POST", "/rpc/invite_contact", {
      as: a.pm.id,
      body: { p_client: a.client.id, p_email: email, p_full_name: "Invited Person", p_role: "viewer" },
    });
    expect(invited.status).toBe(200);
    const invitedId = String(invited.body);
    extraPeople.push(invitedId);
    expect(await rowExists("client_contacts", { client_id: a.client.id, person_id: invitedId })).toBe(true);

    const loose = await freshPerson("te-loose");
    extraPeople.push(loose.id);
    const attached = await call("POST", "/client_contacts", { as: a.pm.id, body: { client_id: a.client.id, person_id: loose.id, role: "viewer" } });
    expect(attached.status).toBe(201);
    // ...who then belongs to A, and B's PM cannot take them.
    const taken = await call("POST", "/client_contacts", { as: b.pm.id, body: { client_id: b.client.id, person_id: loose.id, role: "viewer" } });
    expect(taken.status).toBe(403);
    expect(await rowExists("client_contacts", { client_id: b.client.id, person_id: loose.id })).toBe(false);
  });
});

// ---------------------------------------------------------------- 8. evidence the server vouches for
describe("sign-off evidence shaped by the caller (item 8)", () => {
  const approve = (versionId: string, signer: SeededPerson, forged: Record<string, unknown> = {}) => ({
    version_id: versionId,
    decision: "approved",
    signature_name: signer.fullName,
    consent_text: CONSENT,
    ...forged,
  });

  it("ignores an IP and user agent sent as columns: without the server's claims nothing is recorded", async () => {
    const { version } = await freshSignoffDocument(a.client.id, [a.contacts.approver]);
    const versionId = String(version.id);
    const answer = await call("POST", "/signoffs", {
      as: a.contacts.approver.id,
      body: approve(versionId, a.contacts.approver, { ip: "10.6.6.6", user_agent: "Forged/1.0" }),
    });
    expect(answer.status).toBe(201);
    const row = await readRow("signoffs", { version_id: versionId });
    expect(row).toMatchObject({ person_id: a.contacts.approver.id, ip: null, user_agent: null });
  });

  it("records the IP and user agent the server put in the token it signed, whatever the columns say", async () => {
    const { version } = await freshSignoffDocument(a.client.id, [a.contacts.approver]);
    const versionId = String(version.id);
    const token = await tokenFor(a.contacts.approver.id, { portal_request: { ip: "198.51.100.7", ua: "Mozilla/5.0 (Served)" } });
    const answer = await call("POST", "/signoffs", {
      token,
      body: approve(versionId, a.contacts.approver, { ip: "10.6.6.6", user_agent: "Forged/1.0" }),
    });
    expect(answer.status).toBe(201);
    expect(await readRow("signoffs", { version_id: versionId })).toMatchObject({ ip: "198.51.100.7", user_agent: "Mozilla/5.0 (Served)" });
  });

  it("the app's per-request client carries the evidence claim, and cannot be made to carry another role", async () => {
    const { version } = await freshSignoffDocument(a.client.id, [a.contacts.decision_maker]);
    const versionId = String(version.id);
    const db = await createUserClient(a.contacts.decision_maker, undefined, {
      portal_request: { ip: "203.0.113.50", ua: "Mozilla/5.0 (Portal)" },
      role: "service_role",
    });
    const { error } = await db.from("signoffs").insert(approve(versionId, a.contacts.decision_maker) as never);
    expect(error).toBeNull();
    expect(await readRow("signoffs", { version_id: versionId })).toMatchObject({
      person_id: a.contacts.decision_maker.id,
      ip: "203.0.113.50",
      user_agent: "Mozilla/5.0 (Portal)",
    });
    // role stayed "authenticated": the service role could read every client's people, this token cannot.
    const { data } = await db.from("people").select("id").eq("id", b.contacts.viewer.id);
    expect(data).toEqual([]);
  });

  it("refuses a contact renaming themselves to the name of someone at their client, so they cannot sign as them", async () => {
    const impostor = a.contacts.viewer;
    const target = a.contacts.decision_maker;
    const answer = await call("PATCH", `/people?id=eq.${impostor.id}`, {
      as: impostor.id,
      body: { full_name: `  ${target.fullName.toUpperCase()} ` },
    });
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe("23514");
    expect((await readRow("people", { id: impostor.id }))?.full_name).toBe(impostor.fullName);
    // Doubled spaces look the same on a page: refused too.
    const spaced = await call("PATCH", `/people?id=eq.${impostor.id}`, {
      as: impostor.id,
      body: { full_name: target.fullName.replace(" ", "   ") },
    });
    expect(code(spaced)).toBe("23514");
    expect((await readRow("people", { id: impostor.id }))?.full_name).toBe(impostor.fullName);

    // The same for an approver about to sign: the typed name can only be their own.
    const { version } = await freshSignoffDocument(a.client.id, [a.contacts.approver]);
    const rename = await call("PATCH", `/people?id=eq.${a.contacts.approver.id}`, {
      as: a.contacts.approver.id,
      body: { full_name: a.pm.fullName },
    });
    expect(code(rename)).toBe("23514");
    const signed = await call("POST", "/signoffs", {
      as: a.contacts.approver.id,
      body: approve(String(version.id), a.pm),
    });
    expect(signed.status).toBe(400);
    expect(code(signed)).toBe("23514");
    expect(await rowExists("signoffs", { version_id: String(version.id) })).toBe(false);
  });

  it("still lets a person correct their own name to one nobody else in their portal has", async () => {
    const me = b.contacts.viewer;
    const fresh = `${me.fullName} Jr`;
    const answer = await call("PATCH", `/people?id=eq.${me.id}`, { as: me.id, body: { full_name: fresh } });
    expect(answer.status).toBe(204);
    expect((await readRow("people", { id: me.id }))?.full_name).toBe(fresh);
    const { error } = await serviceDb().from("people").update({ full_name: me.fullName }).eq("id", me.id);
    expect(error).toBeNull();
  });
});

// ---------------------------------------------------------------- 11. slips stay hidden
describe("a slip on an internal item (item 11)", () => {
  const seesSlip = async (ids: number[]) => {
    const answer = await call("GET", `/date_changes?id=in.(${ids.join(",")})&select=id`, { as: a.contacts.viewer.id });
    expect(answer.status).toBe(200);
    return (answer.body as unknown[]).length > 0;
  };

  it("stays hidden from contacts after its milestone, made internal, is deleted", async () => {
    const phase = await freshPhase(a.client.id);
    const milestone = await freshMilestone(a.client.id, String(phase.id));
    const ids = await slip("milestones", String(milestone.id), { planned_date: addDays(PLAN_START, 20) });
    expect(await seesSlip(ids)).toBe(true);

    const hide = await call("PATCH", `/milestones?id=eq.${milestone.id}`, { as: a.pm.id, body: { is_internal: true } });
    expect(hide.status).toBe(204);
    expect(await seesSlip(ids)).toBe(false);

    const remove = await call("DELETE", `/milestones?id=eq.${milestone.id}`, { as: a.pm.id });
    expect(remove.status).toBe(204);
    expect((await readRows("date_changes", { id: ids[0]! }))[0]).toMatchObject({ milestone_id: null });
    expect(await seesSlip(ids)).toBe(false);
    // Staff still see the whole log.
    const staff = await call("GET", `/date_changes?id=in.(${ids.join(",")})&select=id`, { as: a.pm.id });
    expect((staff.body as unknown[]).length).toBe(ids.length);
  });

  it("stays hidden after a phase made internal is deleted, with its milestones", async () => {
    const phase = await freshPhase(a.client.id);
    const milestone = await freshMilestone(a.client.id, String(phase.id));
    const milestoneSlips = await slip("milestones", String(milestone.id), { planned_date: addDays(PLAN_START, 21) });
    const phaseSlips = await slip("phases", String(phase.id), { planned_end: addDays(PLAN_START, 40) });
    expect(await seesSlip(milestoneSlips)).toBe(true);
    expect(await seesSlip(phaseSlips)).toBe(true);

    expect((await call("PATCH", `/phases?id=eq.${phase.id}`, { as: a.pm.id, body: { is_internal: true } })).status).toBe(204);
    expect(await seesSlip(milestoneSlips)).toBe(false);
    expect(await seesSlip(phaseSlips)).toBe(false);

    expect((await call("DELETE", `/phases?id=eq.${phase.id}`, { as: a.pm.id })).status).toBe(204);
    expect(await rowExists("milestones", { id: String(milestone.id) })).toBe(false);
    expect(await seesSlip(milestoneSlips)).toBe(false);
    expect(await seesSlip(phaseSlips)).toBe(false);
  });

  it("stays hidden when its milestone moves into an internal phase and is then deleted", async () => {
    const open = await freshPhase(a.client.id);
    const internal = await freshPhase(a.client.id, { isInternal: true });
    const milestone = await freshMilestone(a.client.id, String(open.id));
    const ids = await slip("milestones", String(milestone.id), { planned_date: addDays(PLAN_START, 22) });
    expect(await seesSlip(ids)).toBe(true);
    expect((await call("PATCH", `/milestones?id=eq.${milestone.id}`, { as: a.pm.id, body: { phase_id: internal.id } })).status).toBe(204);
    expect(await seesSlip(ids)).toBe(false);
    expect((await call("DELETE", `/milestones?id=eq.${milestone.id}`, { as: a.pm.id })).status).toBe(204);
    expect(await seesSlip(ids)).toBe(false);
  });

  it("shows again when the item is made visible again, and a public item's slip outlives its deletion", async () => {
    const phase = await freshPhase(a.client.id);
    const milestone = await freshMilestone(a.client.id, String(phase.id));
    const ids = await slip("milestones", String(milestone.id), { planned_date: addDays(PLAN_START, 23) });
    await call("PATCH", `/milestones?id=eq.${milestone.id}`, { as: a.pm.id, body: { is_internal: true } });
    expect(await seesSlip(ids)).toBe(false);
    await call("PATCH", `/milestones?id=eq.${milestone.id}`, { as: a.pm.id, body: { is_internal: false } });
    expect(await seesSlip(ids)).toBe(true);
    expect((await call("DELETE", `/milestones?id=eq.${milestone.id}`, { as: a.pm.id })).status).toBe(204);
    expect(await seesSlip(ids)).toBe(true);
    // ...and never to another client's contact.
    const other = await call("GET", `/date_changes?id=in.(${ids.join(",")})&select=id`, { as: b.contacts.viewer.id });
    expect(other).toEqual({ status: 200, body: [] });
  });
});
