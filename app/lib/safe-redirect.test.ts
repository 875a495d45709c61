import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it.each([
    ["/c/northwind?tab=team#people", "/c/northwind?tab=team#people"],
    ["/", "/"],
    ["/c/acme/requirements", "/c/acme/requirements"],
    ["/./c/acme", "/c/acme"],
    ["/a/../c/acme", "/c/acme"],
  ])("keeps the same-site path %j", (target, expected) => {
    expect(safeRedirect(target, "/home")).toBe(expected);
  });

  // Known open-redirect tricks: each would send the person to another site if it got through.
  it.each([
    ["//evil.example/path"],
    ["///evil.example"],
    ["https://evil.example"],
    ["HTTPS://evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["/.//evil.example"],
    ["/./\\evil.example"],
    ["/..//evil.example"],
    ["/a/..//evil.example"],
    ["/%2F%2Fevil.example"],
    ["/%2f/evil.example"],
    ["/%5Cevil.example"],
    ["/%5c%5cevil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["\t//evil.example"],
    [" //evil.example"],
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["c/relative"],
    ["evil.example"],
    ["/\u0000evil"],
    ["/\u007f/evil.example"],
    [""],
    [null],
    [undefined],
  ])("refuses %j and falls back", (target) => {
    expect(safeRedirect(target, "/home")).toBe("/home");
  });
});
