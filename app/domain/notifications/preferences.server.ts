// A contact's notification preferences and digest schedule for one client
// (issue 9; migration 20261201001400). Reading and saving go through the
// database, which applies the defaults by role and decides who may change what.
import type { ClientAccess } from "~/domain/clients/require-client.server";
import { dbFailure } from "~/lib/db-errors.server";
import { fail, ok, type Result } from "~/lib/result";
import type { Db } from "~/lib/supabase.server";
import type { Delivery, Frequency, NotificationKind, PreferencesInput } from "./schema";

export type NotificationSettings = {
  personId: string;
  role: "viewer" | "approver" | "decision_maker";
  kinds: Record<NotificationKind, { delivery: Delivery; isDefault: boolean }>;
  digest: { frequency: Frequency; weekday: number; hour: number; timeZone: string; isDefault: boolean };
};

const MESSAGES = { what: "notification preferences", forbidden: "Only the client's contacts choose their notifications." };

/** The effective settings of the signed-in contact, or (for the client's staff) of one contact; null when not visible. */
export async function getNotificationSettings(db: Db, clientId: string, personId?: string): Promise<NotificationSettings | null> {
  const { data, error } = await db.rpc("notification_settings", { p_client: clientId, ...(personId ? { p_person: personId } : {}) });
  if (error) throw new Error(`Could not load the notification preferences: ${error.message}`);
  return (data as unknown as NotificationSettings | null) ?? null;
}

/** The signed-in contact saves their choices (one RPC: the three kinds and the digest schedule together). */
export async function saveNotificationSettings(
  db: Db,
  access: Pick<ClientAccess, "client" | "isContact">,
  input: PreferencesInput,
): Promise<Result<NotificationSettings>> {
  if (!access.isContact) return fail("forbidden", MESSAGES.forbidden);
  const { data, error } = await db.rpc("save_notification_settings", {
    p_client: access.client.id,
    p_updates: input.updates,
    p_sign_off_requests: input.sign_off_requests,
    p_date_changes: input.date_changes,
    p_frequency: input.frequency,
    p_weekday: input.weekday,
    p_hour: input.hour,
    p_time_zone: input.timeZone,
  });
  if (error) return dbFailure(error, MESSAGES);
  return ok(data as unknown as NotificationSettings);
}

/** The time zones offered on the preferences page (the runtime's list, which Postgres also knows). */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}
