// The links every notification and digest carries (issue 9): the recipient's
// preferences page and a signed one-click unsubscribe for that kind of email,
// on the configured origin, plus the List-Unsubscribe headers (RFC 2369 / 8058)
// the outbox worker sends with it. Made from the stored row's props when the
// email is rendered or sent, so every attempt carries the same links and headers.
import { absoluteUrl } from "~/lib/env.server";
import { unsubscribeToken, UNSUBSCRIBE_KINDS, type UnsubscribeKind } from "./unsubscribe-token.server";

/** Who a queued email is for, as its RPC stores it in the props (`recipient`). */
export type StoredRecipient = { clientId: string; personId: string; clientSlug: string; kind: UnsubscribeKind };

const UUID = /^[0-9a-f-]{36}$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** The stored recipient, if the props hold a well-formed one. */
export function storedRecipient(props: Record<string, unknown>): StoredRecipient | null {
  const r = props.recipient as Partial<StoredRecipient> | undefined;
  if (!r || typeof r !== "object") return null;
  if (!UUID.test(r.clientId ?? "") || !UUID.test(r.personId ?? "") || !SLUG.test(r.clientSlug ?? "")) return null;
  if (!UNSUBSCRIBE_KINDS.includes(r.kind as UnsubscribeKind)) return null;
  return r as StoredRecipient;
}

export function unsubscribeUrl(r: StoredRecipient): string {
  return absoluteUrl(`/unsubscribe/${unsubscribeToken(r)}`);
}

export function recipientLinks(r: StoredRecipient): { preferencesUrl: string; unsubscribeUrl: string } {
  return { preferencesUrl: absoluteUrl(`/c/${r.clientSlug}/preferences`), unsubscribeUrl: unsubscribeUrl(r) };
}

/** One-click unsubscribe headers: mail clients POST "List-Unsubscribe=One-Click" to the link, without signing in. */
export function unsubscribeHeaders(r: StoredRecipient): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(r)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
