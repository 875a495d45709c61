import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeRedirect("/c/northwind?tab=team#people")).toBe("/c/northwind?tab=team#people");
  });

  it.each([
    ["//evil.example/path"],
    ["https://evil.example"],
    ["/\\evil.example"],
    ["javascript:alert(1)"],
    ["c/relative"],
    ["/\u0000evil"],
    [""],
    [null],
  ])("refuses %j and falls back", (target) => {
    expect(safeRedirect(target, "/home")).toBe("/home");
  });
});
