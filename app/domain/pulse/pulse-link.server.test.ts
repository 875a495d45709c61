// One-click pulse answers from the email, against the real local stack: the PM asks,
// the contact's queued email is rendered as the worker renders it, and its score
// links are followed. Opening a link records nothing; sending records the score; a
// second click changes it (never adds an answer); altered, expired, foreign-key and
// other-contact or other-pulse tokens record nothing.
import { render } from "@react-email/render";
import { beforeAll, describe, expect, it } from "vitest";
import { emailFromRegistry } from "../../../emails/registry";
import { asPerson, sql } from "../../../tests/support/stack";
import { seedTenant, type Tenant } from "../../../tests/support/tenants";
import { answerPulseByLink, getPulseLinkPage, readPulseLink, signPulseLink } from "./pulse-link.server";

let t: Tenant;
let other: Tenant;
let pulseId = "";
let otherPulseId = "";
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

const answersOf = (pulse: string) =>
  sql<{ person_id: string; score: number; comment: string | null }>(
    "select person_id, score, comment from public.pulse_answers where pulse_id = $1 order by person_id",
    [pulse],
  );

/** The five score links of the pulse email queued for `email`, rendered as the worker renders it. */
async function scoreLinks(email: string, clientId: string): Promise<{ links: string[]; html: string; text: string; subject: string }> {
  const [row] = await sql<{ template: string; props: Record<string, unknown> }>(
    "select template, props from public.email_outbox where recipient = $1 and client_id = $2 and template = 'pulse-request'",
    [email, clientId],
  );
  const { subject, element } = emailFromRegistry(row!.template, row!.props);
  const html = await render(element);
  const text = await render(element, { plainText: true });
  const links = [...html.matchAll(/href="([^"]*\/pulse\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  return { links, html, text, subject };
}
const tokenOf = (link: string) => decodeURIComponent(new URL(link).pathname.split("/").pop()!);

beforeAll(async () => {
  [t, other] = await Promise.all([seedTenant("pulse-link"), seedTenant("pulse-link-other")]);
  const asked = await (await asPerson(t.pm.id)).rpc("request_pulse", { p_client: t.client.id });
  pulseId = (asked.data as { id: string }).id;
  const otherAsked = await (await asPerson(other.pm.id)).rpc("request_pulse", { p_client: other.client.id });
  otherPulseId = (otherAsked.data as { id: string }).id;
});

describe("the pulse email", () => {
  it("asks each contact with five score links on the configured origin, carrying a token for them and this pulse", async () => {
    const contact = t.contacts.approver;
    const { links, html, text, subject } = await scoreLinks(contact.email, t.client.id);
    expect(subject).toBe(`${t.client.name}: how is the onboarding going?`);
    expect(html).toContain("How is the onboarding going for you?");
    expect(html).toContain("Your project manager would like to know how it is going.");
    expect(text).toContain("1 badly");
    expect(links).toHaveLength(5);
    expect(links.map((l) => new URL(l).searchParams.get("score"))).toEqual(["1", "2", "3", "4", "5"]);
    expect(new Set(links.map((l) => new URL(l).origin)).size).toBe(1);
    const read = readPulseLink(tokenOf(links[0]!));
    expect(read).toMatchObject({ ok: true, value: { pulseId, personId: contact.id } });
    // The token is signed at render: the database holds no token.
    const [row] = await sql<{ props: string }>("select props::text from public.email_outbox where recipient = $1 and template = 'pulse-request'", [contact.email]);
    expect(row!.props).not.toContain(tokenOf(links[0]!));
  });
});

describe("following a score link", () => {
  it("opening the page (a prefetch) records nothing; sending records the score; a second click changes it", async () => {
    const contact = t.contacts.approver;
    const { links } = await scoreLinks(contact.email, t.client.id);
    const token = tokenOf(links[1]!);

    const page = await getPulseLinkPage(token);
    expect(page).toMatchObject({ ok: true, value: { clientName: t.client.name, clientSlug: t.client.slug, myScore: null } });
    await getPulseLinkPage(token);
    expect(await answersOf(pulseId)).toEqual([]);

    expect((await answerPulseByLink(token, { score: 2 })).ok).toBe(true);
    expect(await answersOf(pulseId)).toEqual([{ person_id: contact.id, score: 2, comment: null }]);
    // A 2 opened a dissatisfier, raised by this contact.
    const opened = await sql("select 1 from public.dissatisfiers where client_id = $1 and raised_by = $2 and source = 'low_score'", [t.client.id, contact.id]);
    expect(opened).toHaveLength(1);

    // The comment, then the same link clicked again with another score: one answer, changed.
    expect((await answerPulseByLink(token, { score: 2, comment: "Nobody calls back" })).ok).toBe(true);
    expect((await answerPulseByLink(tokenOf(links[3]!), { score: 4, comment: "Nobody calls back" })).ok).toBe(true);
    expect(await answersOf(pulseId)).toEqual([{ person_id: contact.id, score: 4, comment: "Nobody calls back" }]);
    expect(await getPulseLinkPage(token)).toMatchObject({ ok: true, value: { myScore: 4, myComment: "Nobody calls back" } });
  });

  it("an altered token records nothing", async () => {
    const contact = t.contacts.viewer;
    const token = tokenOf((await scoreLinks(contact.email, t.client.id)).links[0]!);
    const [, p, person, exp, sig] = token.split(".");
    const flipped = sig!.slice(0, -1) + (sig!.endsWith("A") ? "B" : "A");
    const altered = [
      `p1.${p}.${person}.${exp}.${flipped}`,
      `p1.${p}.${t.contacts.decision_maker.id}.${exp}.${sig}`, // another contact, same signature
      `p1.${otherPulseId}.${person}.${exp}.${sig}`, // another pulse, same signature
      `p1.${p}.${person}.${Number(exp) + 86_400 * 365}.${sig}`, // a later expiry
      token.slice(0, -3),
      "p1.garbage",
      "",
    ];
    for (const bad of altered) {
      expect(await getPulseLinkPage(bad)).toMatchObject({ ok: false, kind: "not_found" });
      expect(await answerPulseByLink(bad, { score: 1 })).toMatchObject({ ok: false, kind: "not_found" });
    }
    expect(await answersOf(pulseId)).not.toContainEqual(expect.objectContaining({ person_id: contact.id }));
    expect((await answersOf(otherPulseId)).length).toBe(0);
  });

  it("an expired token, or one signed with another key, records nothing", async () => {
    const contact = t.contacts.decision_maker;
    const expired = signPulseLink({ pulseId, personId: contact.id, expiresAt: new Date(Date.now() - 1000) });
    expect(await getPulseLinkPage(expired)).toMatchObject({ ok: false, kind: "conflict", message: expect.stringMatching(/expired/) });
    expect(await answerPulseByLink(expired, { score: 1 })).toMatchObject({ ok: false, kind: "conflict" });
    const foreign = signPulseLink({ pulseId, personId: contact.id, expiresAt: inAWeek() }, "another-secret-another-secret-another");
    expect(await answerPulseByLink(foreign, { score: 1 })).toMatchObject({ ok: false, kind: "not_found" });
    expect(await answersOf(pulseId)).not.toContainEqual(expect.objectContaining({ person_id: contact.id }));
  });

  it("a validly signed token for a pulse of another client answers nothing (the contact is not theirs)", async () => {
    // What a leaked signing key could not do either: RLS and answer_pulse still decide.
    const contact = t.contacts.viewer;
    const crossed = signPulseLink({ pulseId: otherPulseId, personId: contact.id, expiresAt: inAWeek() });
    expect(await getPulseLinkPage(crossed)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await answerPulseByLink(crossed, { score: 1 })).toMatchObject({ ok: false, kind: "not_found" });
    expect(await answersOf(otherPulseId)).toEqual([]);
  });

  it("a bad score is refused on its field and changes nothing", async () => {
    const contact = t.contacts.viewer;
    const token = signPulseLink({ pulseId, personId: contact.id, expiresAt: inAWeek() });
    expect(await answerPulseByLink(token, { score: 9 })).toMatchObject({ ok: false, kind: "invalid", fieldErrors: { score: [expect.any(String)] } });
    expect(await answersOf(pulseId)).not.toContainEqual(expect.objectContaining({ person_id: contact.id }));
  });
});
