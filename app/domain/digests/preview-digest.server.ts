// Staff preview a contact's next digest in the browser, exactly as it would be
// sent (issue 9): the same builder (reading as the recipient, under RLS) and the
// same stored-row rendering the outbox worker uses.
import { render } from "@react-email/render";
import type { ClientAccess } from "~/domain/clients/require-client.server";
import { getNotificationSettings, type NotificationSettings } from "~/domain/notifications/preferences.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import { emailFromRegistry } from "../../../emails/registry";
import { buildDigest } from "./build-digest.server";

export type DigestPreview = {
  contact: { id: string; name: string };
  contacts: { id: string; name: string; role: string }[];
  settings: NotificationSettings;
  /** When the last digest went (null: never). */
  lastSentAt: string | null;
  subject: string;
  html: string;
};

/** The client's contacts the staff member may preview, and the chosen one's next digest (default: the first decision maker). */
export async function previewDigest(
  db: Db,
  access: Pick<ClientAccess, "client" | "isStaff">,
  contactId: string | null,
  now = new Date(),
): Promise<Result<DigestPreview>> {
  if (!access.isStaff) return fail("forbidden", "Only the client's staff preview its digests.");
  const { data: contacts, error } = await db
    .from("client_contacts")
    .select("role, people(id, full_name)")
    .eq("client_id", access.client.id)
    .order("role", { ascending: false });
  if (error) throw new Error(`Could not read the contacts: ${error.message}`);
  const list = contacts.flatMap((c) => (c.people ? [{ id: c.people.id, name: c.people.full_name, role: c.role }] : []));
  const chosen = contactId ? list.find((c) => c.id === contactId) : (list.find((c) => c.role === "decision_maker") ?? list[0]);
  if (!chosen) return fail("not_found", contactId ? "That person is not a contact of this client." : "This client has no contacts yet.");

  const settings = await getNotificationSettings(db, access.client.id, chosen.id);
  if (!settings) return fail("not_found", "That person is not a contact of this client.");
  const { data: last, error: lastError } = await db
    .from("digests")
    .select("period_end")
    .eq("client_id", access.client.id)
    .eq("person_id", chosen.id)
    .order("period_end", { ascending: false })
    .limit(1);
  if (lastError) throw new Error(`Could not read the last digest: ${lastError.message}`);
  const lastSentAt = last[0]?.period_end ?? null;
  const period = settings.digest.frequency === "daily" ? 1 : 7;
  const since = lastSentAt ? new Date(lastSentAt) : new Date(now.getTime() - period * 86_400_000);

  const built = await buildDigest({ personId: chosen.id, clientId: access.client.id }, since, now);
  if (!built) return fail("not_found", "That person is not a contact of this client.");
  const { subject, element } = emailFromRegistry("digest", built.props as unknown as Record<string, unknown>);
  const html = await render(element);
  return ok({ contact: { id: chosen.id, name: chosen.name }, contacts: list, settings, lastSentAt, subject, html });
}
