import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { diffVersions } from "~/domain/requirements/diff-versions";
import { DiffView, readableParts } from "./diff-view";

describe("the requirement diff (issue 14, defect 7)", () => {
  const before = "Eligibility:\n- Full-time employees\n";
  const after = "Eligibility:\n- Full-time employees\n- Open enrolment runs in November\n";

  it("shows an added Markdown bullet as a bullet, never as a leading '-' that reads as removed", () => {
    const parts = readableParts(diffVersions(before, after));
    const added = parts.filter((p) => p.kind === "added").map((p) => p.text).join("");
    expect(added).toContain("Open enrolment runs in November");
    expect(parts.map((p) => p.text).join("")).toBe("Eligibility:\n• Full-time employees\n• Open enrolment runs in November\n");
    expect(parts.map((p) => p.text).join("")).not.toMatch(/(^|\n)-/);
  });

  it("keeps each part's text otherwise (hyphens inside words and '-' not at a line start)", () => {
    const parts = [
      { kind: "same" as const, text: "Full-time - not" },
      { kind: "added" as const, text: "\n-" },
      { kind: "added" as const, text: " part-time" },
    ];
    expect(readableParts(parts)).toEqual([
      { kind: "same", text: "Full-time - not" },
      { kind: "added", text: "\n•" },
      { kind: "added", text: " part-time" },
    ]);
  });

  it("renders additions as <ins> and removals as <del>, each with words for screen readers", () => {
    const html = renderToStaticMarkup(<DiffView parts={diffVersions(before, after)} label="Changes from version 1 to 2" />);
    expect(html).toMatch(/<ins>.*\[added: .*Open enrolment runs in November/s);
    expect(html).not.toContain("<del>");
  });
});
