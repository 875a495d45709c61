// One date format in emails and app (issue 14, defect 11), and one layout for
// every template.
import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import { formatDay as appFormatDay } from "~/ui/format";
import { formatDay } from "../app/lib/dates";
import DateChangeEmail from "./date-change";
import InvitationEmail from "./invitation";
import RequirementDecisionEmail from "./requirement-decision";
import RequirementReviewEmail from "./requirement-review";
import SignInCodeEmail from "./sign-in-code";

describe("dates", () => {
  it("are written day month year in the reader's locale, en-GB by default", () => {
    expect(formatDay("2026-12-06")).toBe("6 Dec 2026");
    expect(formatDay("2026-12-06", "en-US")).toBe("Dec 6, 2026");
    expect(appFormatDay).toBe(formatDay);
  });

  it("in the review email: 'decision by 6 Dec 2026', never the ISO day", async () => {
    const props = { ...RequirementReviewEmail.PreviewProps, dueDate: "2026-12-06" };
    const text = await render(<RequirementReviewEmail {...props} />, { plainText: true });
    expect(text).toContain("We need your decision by 6 Dec 2026.");
    expect(text).not.toContain("2026-12-06");
    const us = await render(<RequirementReviewEmail {...props} locale="en-US" />, { plainText: true });
    expect(us).toContain("We need your decision by Dec 6, 2026.");
  });
});

describe("every template uses the one layout", () => {
  const templates = {
    invitation: <InvitationEmail {...InvitationEmail.PreviewProps} />,
    "date-change": <DateChangeEmail {...DateChangeEmail.PreviewProps} />,
    "requirement-decision": <RequirementDecisionEmail {...RequirementDecisionEmail.PreviewProps} />,
    "requirement-review": <RequirementReviewEmail {...RequirementReviewEmail.PreviewProps} />,
    "sign-in-code": <SignInCodeEmail {...SignInCodeEmail.PreviewProps} />,
  };
  for (const [name, element] of Object.entries(templates)) {
    it(`${name}: the provider's name in the brand bar, the footer, and a button in the brand colour`, async () => {
      const html = (await render(element)).replace(/<!-- -->/g, "");
      expect(html).toContain("You receive this because you take part in an onboarding with Harbor Benefits.");
      expect(html).toMatch(/background-color:#1d3557/);
      expect(html).toMatch(/<a[^>]+background-color:#1d3557[^>]+>/);
    });
  }
});
