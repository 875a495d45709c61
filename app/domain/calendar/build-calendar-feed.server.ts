// The ICS feed behind a secret URL. Calendar apps fetch it without a session:
// the named "calendar-feed" job resolves the token to its person, and the
// milestones are then read under RLS as that person, so a feed shows exactly
// what its owner may see, and stops when it is revoked or they lose access.
import ical, { ICalCalendarMethod } from "ical-generator";
import { serviceRoleClient } from "~/lib/service-role.server";
import { createUserClient } from "~/lib/supabase.server";
import { hashFeedToken } from "./feed-token.server";

export async function buildCalendarFeed(token: string, origin: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const { data: feed, error } = await serviceRoleClient("calendar-feed")
    .from("calendar_feeds")
    .select("client_id, revoked_at, people(id, email)")
    .eq("token_hash", hashFeedToken(token))
    .maybeSingle();
  if (error) throw new Error(`Could not read the calendar feed: ${error.message}`);
  if (!feed || feed.revoked_at || !feed.people) return null;

  const db = await createUserClient(feed.people);
  const { data: client, error: readError } = await db
    .from("clients")
    .select("slug, name, go_live_date, milestones(id, title, description, planned_date, actual_date, updated_at)")
    .eq("id", feed.client_id)
    .maybeSingle();
  if (readError) throw new Error(`Could not read the milestones: ${readError.message}`);
  if (!client) return null;

  const calendar = ical({ name: `${client.name} onboarding`, method: ICalCalendarMethod.PUBLISH, ttl: 60 * 60 });
  const pageUrl = `${origin}/c/${client.slug}`;
  for (const m of client.milestones) {
    const day = m.actual_date ?? m.planned_date;
    calendar.createEvent({
      id: `milestone-${m.id}@onboarding-portal`,
      start: new Date(`${day}T00:00:00Z`),
      allDay: true,
      summary: `${m.actual_date ? "✓ " : ""}${m.title}`,
      description: [m.description, `Planned: ${m.planned_date}`, m.actual_date ? `Done: ${m.actual_date}` : null, pageUrl]
        .filter(Boolean)
        .join("\n"),
      url: pageUrl,
      lastModified: new Date(m.updated_at),
      stamp: new Date(m.updated_at),
    });
  }
  return calendar.toString();
}
