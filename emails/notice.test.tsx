// Every notification says first why it came and links to the recipient's
// preferences page and a one-click unsubscribe (issue 9), made on the configured
// origin when the outbox renders a stored row; the same row gives the headers.
import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import { verifyUnsubscribeToken } from "~/domain/notifications/unsubscribe-token.server";
import { appOrigin } from "~/lib/env.server";
import ClientUpdateEmail from "./client-update";
import { emailFromRegistry, emailHeaders } from "./registry";

const recipient = { clientId: randomUUID(), personId: randomUUID(), clientSlug: "northwind", kind: "updates" };

describe("the reason line and the preferences and unsubscribe links", () => {
  it("a queued update names its recipient: the footer links to their preferences and a signed unsubscribe, and the headers match", async () => {
    const stored = { ...ClientUpdateEmail.PreviewProps, recipient };
    const { element } = emailFromRegistry("client-update", stored);
    const html = await render(element);
    const text = await render(element, { plainText: true });
    expect(html).toContain(`href="${appOrigin}/c/northwind/preferences"`);
    const url = new RegExp(`href="(${appOrigin}/unsubscribe/([^"]+))"`).exec(html);
    expect(url).not.toBeNull();
    expect(verifyUnsubscribeToken(url![2]!)).toEqual({ clientId: recipient.clientId, personId: recipient.personId, kind: "updates" });
    expect(text).toContain("your email preferences");
    expect(emailHeaders(stored)).toEqual({ "List-Unsubscribe": `<${url![1]}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("a row that names no recipient (or a malformed one) has no links or headers, and a forged slug cannot point elsewhere", async () => {
    expect(emailHeaders({ ...ClientUpdateEmail.PreviewProps })).toBeUndefined();
    for (const bad of [{ ...recipient, clientSlug: "../../evil" }, { ...recipient, kind: "everything" }, { ...recipient, personId: "me" }]) {
      expect(emailHeaders({ recipient: bad })).toBeUndefined();
      const html = await render(emailFromRegistry("client-update", { ...ClientUpdateEmail.PreviewProps, recipient: bad }).element);
      expect(html).not.toContain("/unsubscribe/");
      expect(html).not.toContain("evil");
    }
  });
});
