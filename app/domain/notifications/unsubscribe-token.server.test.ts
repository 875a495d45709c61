import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { unsubscribeToken, verifyUnsubscribeToken, type UnsubscribeClaim } from "./unsubscribe-token.server";

const claim: UnsubscribeClaim = { personId: randomUUID(), clientId: randomUUID(), kind: "updates" };

describe("unsubscribe tokens", () => {
  it("carry one contact, one client and one kind, and verify", () => {
    const token = unsubscribeToken(claim);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(verifyUnsubscribeToken(token)).toEqual(claim);
    expect(verifyUnsubscribeToken(unsubscribeToken({ ...claim, kind: "digest" }))).toEqual({ ...claim, kind: "digest" });
  });

  it("refuse any change: another kind, person or client, a changed or missing signature, junk", () => {
    const token = unsubscribeToken(claim);
    const [, person, client, signature] = token.split(".");
    const other = randomUUID();
    for (const altered of [
      `g.${person}.${client}.${signature}`, // another kind, same signature
      `u.${other}.${client}.${signature}`, // another person
      `u.${person}.${other}.${signature}`, // another client
      `u.${client}.${person}.${signature}`, // swapped
      `u.${person}.${client}.${signature!.slice(0, -1)}${signature!.endsWith("A") ? "B" : "A"}`,
      `u.${person}.${client}`,
      `u.${person}.${client}.`,
      `x.${person}.${client}.${signature}`,
      "",
      "not-a-token",
      `${token}.extra`,
    ]) {
      expect(verifyUnsubscribeToken(altered), altered).toBeNull();
    }
  });

  it("are signed with the server's secret: a token signed with another key is refused", () => {
    const forged = unsubscribeToken(claim, randomBytes(32));
    expect(verifyUnsubscribeToken(forged)).toBeNull();
  });
});
