// The invitation, review, decision and date-change emails as the worker renders them from a queued
// row (migration 20261201002000 stores links as paths and the brand as the client's
// colour): links on the configured origin and the provider's name from configuration,
// whatever the row holds.
import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import { appOrigin, env } from "~/lib/env.server";
import { emailFromRegistry, type EmailTemplateName } from "./registry";

const brand = { primaryColor: "#1d3557" };
const stored: { name: EmailTemplateName; props: Record<string, unknown>; path: string; subject: string; urlKey?: string }[] = [
  {
    name: "invitation",
    props: {
      personName: "Dana Whitfield",
      personEmail: "dana@northwind.example",
      roleLabel: "Decision maker",
      clientName: "Northwind Logistics",
      brand,
      projectManager: { fullName: "Priya Raman", email: "priya@harborbenefits.example" },
      loginUrl: "/login",
    },
    path: "/login",
    subject: `Your onboarding portal for Northwind Logistics with ${env.PROVIDER_NAME}`,
  },
  {
    name: "requirement-review",
    props: {
      personName: "Dana Whitfield",
      clientName: "Northwind Logistics",
      brand,
      documentTitle: "Eligibility rules",
      version: 2,
      changeNote: null,
      dueDate: null,
      publishedBy: "Priya Raman",
      documentUrl: "/c/northwind/requirements/00000000-0000-4000-8000-000000000001",
    },
    path: "/c/northwind/requirements/00000000-0000-4000-8000-000000000001",
    subject: "Please review: Eligibility rules, version 2",
  },
  {
    name: "requirement-decision",
    props: {
      pmName: "Priya Raman",
      approverName: "Dana Whitfield",
      decision: "approved",
      comment: null,
      clientName: "Northwind Logistics",
      brand,
      documentTitle: "Eligibility rules",
      version: 2,
      documentUrl: "/staff/clients/northwind/requirements/00000000-0000-4000-8000-000000000001",
    },
    path: "/staff/clients/northwind/requirements/00000000-0000-4000-8000-000000000001",
    subject: "Dana Whitfield approved Eligibility rules, version 2",
  },
  {
    name: "date-change",
    props: {
      personName: "Dana Whitfield",
      clientName: "Northwind Logistics",
      brand,
      milestoneTitle: "Payroll file test",
      oldDate: "2026-12-08",
      newDate: "2026-12-15",
      reason: "The payroll provider needs one more week.",
      pageUrl: "/c/northwind",
    },
    path: "/c/northwind",
    subject: "New date for Payroll file test: 15 Dec 2026 (Northwind Logistics)",
    urlKey: "pageUrl",
  },
];

describe("emails queued by invite_contact, publish_requirement_version, sign_off_requirement and a date change", () => {
  for (const { name, props, path, subject, urlKey } of stored) {
    it(`${name}: a stored path becomes a link on the configured origin, in the provider's name and the client's colour`, async () => {
      const email = emailFromRegistry(name, props);
      expect(email.subject).toBe(subject);
      const html = (await render(email.element)).replace(/<!-- -->/g, "");
      const text = await render(email.element, { plainText: true });
      expect(text).toContain(`${appOrigin}${path}`);
      expect(html).toContain(`href="${appOrigin}${path}"`);
      expect(html).toContain(env.PROVIDER_NAME);
      expect(html).toMatch(/background-color:#1d3557/);
    });

    it(`${name}: a row holding another host or another provider's name cannot choose them`, async () => {
      const forged = {
        ...props,
        brand: { name: "Not Us", primaryColor: "#1d3557", textOnPrimary: "#000000" },
        [urlKey ?? (name === "invitation" ? "loginUrl" : "documentUrl")]: `https://portal.attacker.example${path}`,
      };
      const html = await render(emailFromRegistry(name, forged).element);
      expect(html).not.toContain("attacker.example");
      expect(html).not.toContain("Not Us");
      expect(html).toContain(`${appOrigin}${path}`);
    });
  }
});
