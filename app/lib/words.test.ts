import { describe, expect, it } from "vitest";
import { describeShift, needsSignature, possessive } from "./words";

describe("words the app writes (issue 14)", () => {
  it("a date moved by one day says '1 day later', not '1 days later' (defect 5)", () => {
    expect(describeShift(1)).toBe("1 day later");
    expect(describeShift(4)).toBe("4 days later");
    expect(describeShift(-1)).toBe("1 day earlier");
    expect(describeShift(-7)).toBe("7 days earlier");
  });

  it("possessives: Northwind Logistics' page, Bluebell's page (defect 12)", () => {
    expect(possessive("Northwind Logistics")).toBe("Northwind Logistics'");
    expect(possessive("Bluebell Foods Co")).toBe("Bluebell Foods Co's");
  });

  it("a welcome message the PM already signed is not signed again (defect 6)", () => {
    expect(needsSignature("Welcome aboard. — Priya", "Priya Raman")).toBe(false);
    expect(needsSignature("Welcome aboard.\n- Priya Raman", "Priya Raman")).toBe(false);
    expect(needsSignature("Welcome aboard. Best, Priya.", "Priya Raman")).toBe(false);
    expect(needsSignature("Welcome to your benefits conversion, Northwind.", "Priya Raman")).toBe(true);
    expect(needsSignature("Priya will call you on Monday.", "Priya Raman")).toBe(true);
  });
});
