// One-click unsubscribe without signing in (issue 9; docs/decisions/0013).
//
// The link's token is checked here (HMAC, unsubscribe-token.server.ts). The
// named "unsubscribe" job then only looks up whose token it is; everything the
// page reads or changes is done as that person, under RLS, through the one RPC
// set_notification_choice, and only for the token's own client and kind.
import { dbFailure } from "~/lib/db-errors.server";
import { ok, type Result } from "~/lib/result";
import { serviceRoleClient } from "~/lib/service-role.server";
import { createUserClient, type Db } from "~/lib/supabase.server";
import { getNotificationSettings, type NotificationSettings } from "./preferences.server";
import { verifyUnsubscribeToken, type UnsubscribeClaim } from "./unsubscribe-token.server";

export type UnsubscribeContext = {
  claim: UnsubscribeClaim;
  personName: string;
  client: { id: string; slug: string; name: string };
  settings: NotificationSettings;
};

async function asTokenOwner(token: string): Promise<{ db: Db; claim: UnsubscribeClaim; personName: string } | null> {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) return null;
  const { data: person, error } = await serviceRoleClient("unsubscribe")
    .from("people")
    .select("id, email, full_name")
    .eq("id", claim.personId)
    .maybeSingle();
  if (error) throw new Error(`Could not read who the link is for: ${error.message}`);
  if (!person) return null;
  return { db: await createUserClient(person), claim, personName: person.full_name };
}

/** What the unsubscribe page shows: null for a link that is not valid (or whose person is no longer a contact). */
export async function openUnsubscribe(token: string): Promise<UnsubscribeContext | null> {
  const owner = await asTokenOwner(token);
  if (!owner) return null;
  const { data: client, error } = await owner.db.from("clients").select("id, slug, name").eq("id", owner.claim.clientId).maybeSingle();
  if (error) throw new Error(`Could not read the client: ${error.message}`);
  if (!client) return null;
  const settings = await getNotificationSettings(owner.db, client.id);
  if (!settings) return null;
  return { claim: owner.claim, personName: owner.personName, client, settings };
}

/**
 * Records the choice the link allows: stop the kind ("never"), move a kind to the
 * digest ("digest"), or change how often the digest comes ("weekly"/"daily").
 * Null for an invalid link.
 */
export async function applyUnsubscribe(
  token: string,
  choice: "never" | "digest" | "weekly" | "daily",
): Promise<Result<NotificationSettings> | null> {
  const owner = await asTokenOwner(token);
  if (!owner) return null;
  const { data, error } = await owner.db.rpc("set_notification_choice", {
    p_client: owner.claim.clientId,
    p_kind: owner.claim.kind,
    p_choice: choice,
  });
  if (error) return dbFailure(error, { what: "choice", forbidden: "This link no longer applies: you are not a contact of this client." });
  return ok(data as unknown as NotificationSettings);
}
