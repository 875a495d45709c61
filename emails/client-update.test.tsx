import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import { appOrigin } from "~/lib/env.server";
import { emailFromRegistry, onOurOrigin } from "./registry";
import ClientUpdateEmail from "./client-update";

describe("the update email", () => {
  it("links to the configured origin whatever link the queued row holds", async () => {
    const stored = { ...ClientUpdateEmail.PreviewProps, updateUrl: "https://portal.attacker.example/c/northwind/updates/42", brand: { name: "Not Us", primaryColor: "#1d3557" } };
    const html = await render(emailFromRegistry("client-update", stored).element);
    expect(html).not.toContain("attacker.example");
    expect(html).not.toContain("Not Us");
    expect(html).toContain(`${appOrigin}/c/northwind/updates/42`);
  });


  it("says first why the person got it, then the update, in the client's brand, with its link", async () => {
    const { subject, element } = emailFromRegistry("client-update", ClientUpdateEmail.PreviewProps);
    expect(subject).toBe("Decision needed: Open enrolment window (Northwind Logistics)");
    const text = await render(element, { plainText: true });
    // The brand bar, then the reason.
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe("Harbor Benefits");
    expect(lines[1]).toMatch(/^You get this because Priya Raman posted an update on Northwind Logistics's onboarding portal, where you are a contact\./);
    expect(text).toContain("Please answer on the portal by 8 Dec 2026.");
    expect(text).toContain(onOurOrigin(ClientUpdateEmail.PreviewProps.updateUrl));
    const html = await render(element);
    expect(html).toMatch(/background-color:#1d3557/);
  });

  it("for someone not asked, says that someone else decides", async () => {
    const text = await render(<ClientUpdateEmail {...ClientUpdateEmail.PreviewProps} askedOfYou={false} />, { plainText: true });
    expect(text).toContain("Someone at your company is asked to answer on the portal by 8 Dec 2026.");
    expect(text).toContain("Read the update");
  });
});
