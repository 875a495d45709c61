import type { Db } from "~/lib/supabase.server";
import { hashFeedToken, newFeedToken } from "./feed-token.server";

/**
 * A secret calendar URL for this person and client. Any earlier feed is
 * revoked, so there is one live link at a time. The token is returned once.
 */
export async function createCalendarFeed(db: Db, clientId: string): Promise<string> {
  await revokeCalendarFeeds(db, clientId);
  const token = newFeedToken();
  const { error } = await db.from("calendar_feeds").insert({ client_id: clientId, token_hash: hashFeedToken(token) });
  if (error) throw new Error(`Could not create the calendar link: ${error.message}`);
  return token;
}

/** Turns off this person's calendar links for the client (RLS: only their own). */
export async function revokeCalendarFeeds(db: Db, clientId: string): Promise<void> {
  const { error } = await db
    .from("calendar_feeds")
    .update({ revoked_at: new Date().toISOString() })
    .eq("client_id", clientId)
    .is("revoked_at", null);
  if (error) throw new Error(`Could not turn off the calendar link: ${error.message}`);
}
