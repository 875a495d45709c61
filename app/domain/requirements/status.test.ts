import { describe, expect, it } from "vitest";
import { diffVersions } from "./diff-versions";
import { SignoffSchema } from "./schema";
import { currentVersion, isVersionApproved, requirementStatus, supersededBy, type SignoffRef } from "./status";

const v1 = { id: "v1", version: 1 };
const v2 = { id: "v2", version: 2 };
const approve = (version_id: string, person_id: string): SignoffRef => ({ version_id, person_id, decision: "approved" });
const changes = (version_id: string, person_id: string): SignoffRef => ({ version_id, person_id, decision: "changes_requested" });

describe("requirement status", () => {
  it("is draft with no version", () => {
    expect(requirementStatus([], ["a"], [])).toBe("draft");
  });
  it("awaits sign-off until every required approver approved the current version", () => {
    expect(requirementStatus([v1], ["a", "b"], [])).toBe("awaiting_signoff");
    expect(requirementStatus([v1], ["a", "b"], [approve("v1", "a")])).toBe("awaiting_signoff");
    expect(requirementStatus([v1], ["a", "b"], [approve("v1", "a"), approve("v1", "b")])).toBe("approved");
  });
  it("is never approved without required approvers", () => {
    expect(requirementStatus([v1], [], [approve("v1", "a")])).toBe("awaiting_signoff");
  });
  it("is changes requested when anyone asked for changes on the current version", () => {
    expect(requirementStatus([v1], ["a", "b"], [approve("v1", "a"), changes("v1", "b")])).toBe("changes_requested");
  });
  it("counts only the current version: a new version voids earlier decisions", () => {
    const old = [approve("v1", "a"), approve("v1", "b")];
    expect(requirementStatus([v1, v2], ["a", "b"], old)).toBe("awaiting_signoff");
    expect(requirementStatus([v2, v1], ["a", "b"], [changes("v1", "a")])).toBe("awaiting_signoff");
    expect(requirementStatus([v1, v2], ["a", "b"], [...old, approve("v2", "a"), approve("v2", "b")])).toBe("approved");
    expect(isVersionApproved("v1", ["a", "b"], old)).toBe(true);
    expect(currentVersion([v2, v1])).toBe(v2);
  });
  it("ignores approvals by people who are not required", () => {
    expect(requirementStatus([v1], ["a"], [approve("v1", "x")])).toBe("awaiting_signoff");
  });
  it("marks sign-offs of older versions as superseded by the next version", () => {
    expect(supersededBy(1, 3)).toBe(2);
    expect(supersededBy(2, 3)).toBe(3);
    expect(supersededBy(3, 3)).toBeNull();
  });
});

describe("the sign-off form", () => {
  const form = (entries: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(entries)) fd.set(k, v);
    return Object.fromEntries(fd);
  };
  const versionId = "6f1b8a3e-3b1a-4c5d-9e8f-0a1b2c3d4e5f";
  it("keeps only the decision, comment, signature and consent: evidence never comes from the form", () => {
    const parsed = SignoffSchema.parse(
      form({ decision: "approved", versionId, consent: "on", signatureName: "Dana", ip: "6.6.6.6", userAgent: "forged", personName: "Someone", consentText: "nothing" }),
    );
    expect(parsed).toEqual({ decision: "approved", versionId, consent: true, signatureName: "Dana" });
  });
  it("requires the consent tick and a name to approve, and a comment to request changes", () => {
    const approve = SignoffSchema.safeParse(form({ decision: "approved", versionId, signatureName: " " }));
    expect(approve.success).toBe(false);
    expect(approve.error!.issues.map((i) => i.path[0]).sort()).toEqual(["consent", "signatureName"]);
    const changes = SignoffSchema.safeParse(form({ decision: "changes_requested", versionId, comment: "   " }));
    expect(changes.error!.issues.map((i) => i.path[0])).toEqual(["comment"]);
  });
});

describe("the diff between versions", () => {
  it("marks added and removed words", () => {
    const parts = diffVersions("Waiting period: 60 days.", "Waiting period: 30 days.");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["60"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text)).toEqual(["30"]);
  });
});
