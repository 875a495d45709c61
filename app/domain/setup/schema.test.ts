import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { CreateClientSchema, InviteContactSchema, parseCriteriaLines, slugFromName, TeamActionSchema } from "./schema";

const PM = "5a000000-0000-4000-8000-000000000002";

function form(values: Record<string, string | File>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

const valid = {
  name: "Acme Logistics",
  slug: "acme",
  primaryColor: "#1D3557",
  accentColor: "#e9c46a",
  welcomeText: "",
  goLiveDate: "2027-03-01",
  serviceTakeoverDate: "2027-03-15",
  projectManagerId: PM,
  successCriteria: "",
  // What a browser sends for an empty file input.
  logo: new File([], "", { type: "application/octet-stream" }),
};

const errorsOf = (values: Record<string, string | File>) => {
  const submission = parseWithZod(form(values), { schema: CreateClientSchema });
  expect(submission.status).toBe("error");
  return submission.reply().error ?? {};
};

describe("the new-client form schema (shared by the form and the action)", () => {
  it("accepts a complete form, normalising the colours", () => {
    const submission = parseWithZod(form(valid), { schema: CreateClientSchema });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({
      slug: "acme",
      primaryColor: "#1d3557",
      welcomeText: undefined,
      logo: undefined,
    });
    expect(submission.value.successCriteria).toEqual([]);
  });

  it("gives a field error for a colour that is not #rrggbb", () => {
    for (const bad of ["red", "#12345", "#1234567", "#gg0000", "1d3557", "rgb(0,0,0)"]) {
      expect(errorsOf({ ...valid, primaryColor: bad }).primaryColor, bad).toEqual([
        "Use a colour in the form #rrggbb, for example #1d3557.",
      ]);
    }
    expect(errorsOf({ ...valid, accentColor: "blue" }).accentColor).toHaveLength(1);
  });

  it("gives a field error for an address outside ^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$", () => {
    for (const bad of ["-acme", "acme-", "ac me", "acmé", "a_b", "a".repeat(51), "acme/../x"]) {
      expect(errorsOf({ ...valid, slug: bad }).slug, bad).toHaveLength(1);
    }
    // Upper case is folded, not refused.
    const ok = parseWithZod(form({ ...valid, slug: "Acme-2" }), { schema: CreateClientSchema });
    expect(ok.status === "success" && ok.value.slug).toBe("acme-2");
  });

  it("makes the address from the name when it is left empty", () => {
    const submission = parseWithZod(form({ ...valid, name: "Bluebell Health & Co.", slug: "" }), {
      schema: CreateClientSchema,
    });
    expect(submission.status === "success" && submission.value.slug).toBe("bluebell-health-co");
    expect(errorsOf({ ...valid, name: "!!!", slug: "" }).slug).toEqual([
      "We could not make an address from the name; type one.",
    ]);
    expect(slugFromName("  Café Zürich — Ops  ")).toBe("cafe-zurich-ops");
    expect(slugFromName("x".repeat(60) + " y")).toHaveLength(50);
  });

  it("refuses a service take-over before go-live, and impossible dates", () => {
    expect(errorsOf({ ...valid, serviceTakeoverDate: "2027-02-28" }).serviceTakeoverDate).toEqual([
      "The service team cannot take over before go-live.",
    ]);
    expect(errorsOf({ ...valid, goLiveDate: "2027-02-30" }).goLiveDate).toHaveLength(1);
  });

  it("refuses an unknown-looking project manager and a missing name", () => {
    const errors = errorsOf({ ...valid, name: "  ", projectManagerId: "robert'); drop table clients;--" });
    expect(errors.name).toEqual(["Enter the client's name."]);
    expect(errors.projectManagerId).toEqual(["Choose the project manager from the list."]);
  });

  it("reads success criteria one per line as statement | measure", () => {
    const submission = parseWithZod(
      form({
        ...valid,
        successCriteria: "95% enrol online | enrolment report, week 2\n\nNo payroll errors in month one\n",
      }),
      { schema: CreateClientSchema },
    );
    expect(submission.status === "success" && submission.value.successCriteria).toEqual([
      { statement: "95% enrol online", measure: "enrolment report, week 2" },
      { statement: "No payroll errors in month one", measure: null },
    ]);
    expect(errorsOf({ ...valid, successCriteria: "ok\n | only a measure" }).successCriteria).toEqual([
      'Line 2: write what success is before the "|".',
    ]);
    expect(parseCriteriaLines(Array.from({ length: 11 }, (_, i) => `c${i}`).join("\n")).problems).toEqual([
      "At most 10 criteria at setup; add more later.",
    ]);
  });
});

describe("the team page schemas", () => {
  it("validates an invitation", () => {
    const ok = parseWithZod(
      form({
        intent: "invite-contact",
        fullName: " Dana Whitfield ",
        email: " Dana@Northwind.Example ",
        role: "approver",
        title: "",
        phone: "",
      }),
      { schema: TeamActionSchema },
    );
    expect(ok.status === "success" && ok.value).toEqual({
      intent: "invite-contact",
      fullName: "Dana Whitfield",
      email: "dana@northwind.example",
      role: "approver",
      title: undefined,
      phone: undefined,
    });
    const bad = parseWithZod(form({ intent: "invite-contact", fullName: "", email: "not-an-email", role: "owner" }), {
      schema: InviteContactSchema,
    });
    expect(Object.keys(bad.reply().error ?? {}).sort()).toEqual(["email", "fullName", "role"]);
  });

  it("refuses a staff role that does not exist and a person that is not an id", () => {
    const bad = parseWithZod(form({ intent: "assign-staff", personId: "someone", role: "boss" }), {
      schema: TeamActionSchema,
    });
    expect(Object.keys(bad.reply().error ?? {}).sort()).toEqual(["personId", "role"]);
  });
});
