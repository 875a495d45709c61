// Builds one recipient's digest for one client (issue 9).
//
// Everything is read AS THE RECIPIENT, under RLS (a database client carrying
// their identity, made by the named "digest" job): the digest can only hold
// what that contact may see on their own page, so never another client's data
// and never a staff-only update, milestone, slip or note. The scheduler and the
// staff preview both call this, and both render the result with the same
// template, so the preview is exactly the email.
import { getClientPortal } from "~/domain/portal/get-client-portal.server";
import { daysBetween } from "~/domain/portal/status";
import { getNotificationSettings, type NotificationSettings } from "~/domain/notifications/preferences.server";
import { plainExcerpt } from "~/domain/updates/post-client-update.server";
import { env } from "~/lib/env.server";
import { serviceRoleClient } from "~/lib/service-role.server";
import { createUserClient, type Db } from "~/lib/supabase.server";
import { digestStatus, type DigestProps } from "./digest-content";

export type DigestRecipient = { personId: string; clientId: string };

const day = (iso: string) => iso.slice(0, 10);

/** A database client acting as the recipient (the "digest" job looks up only who they are). */
export async function recipientDb(personId: string): Promise<{ db: Db; person: { id: string; email: string; full_name: string } } | null> {
  const { data: person, error } = await serviceRoleClient("digest").from("people").select("id, email, full_name").eq("id", personId).maybeSingle();
  if (error) throw new Error(`Could not read the digest's recipient: ${error.message}`);
  if (!person) return null;
  return { db: await createUserClient(person), person };
}

/**
 * The digest's props for the period (since, now], or null when the person is not
 * (or no longer) a contact of the client, or gets no digest.
 */
export async function buildDigest(
  recipient: DigestRecipient,
  since: Date,
  now = new Date(),
): Promise<{ props: DigestProps; settings: NotificationSettings } | null> {
  const who = await recipientDb(recipient.personId);
  if (!who) return null;
  const { db, person } = who;
  const settings = await getNotificationSettings(db, recipient.clientId);
  if (!settings) return null;
  const frequency = settings.digest.frequency === "daily" ? "daily" : "weekly";

  const { data: client, error } = await db.from("clients").select("slug").eq("id", recipient.clientId).maybeSingle();
  if (error) throw new Error(`Could not read the client: ${error.message}`);
  if (!client) return null;
  const portal = await getClientPortal(db, client.slug, now);
  if (!portal) return null;

  const sinceIso = since.toISOString();
  const nowIso = now.toISOString();
  const inPeriod = (iso: string | null | undefined) => Boolean(iso && iso > sinceIso && iso <= nowIso);
  const inPeriodDay = (isoDay: string | null) => Boolean(isoDay && isoDay >= day(sinceIso) && isoDay <= day(nowIso));
  const wants = (kind: keyof NotificationSettings["kinds"]) => settings.kinds[kind].delivery !== "never";
  const today = portal.today;
  const base = `/c/${portal.client.slug}`;

  const [signoffs, pulse] = await Promise.all([
    db
      .from("signoffs")
      .select("version, person_name, decision, created_at, requirement_documents!signoffs_document_id_client_id_fkey(title)")
      .eq("client_id", recipient.clientId)
      .gt("created_at", sinceIso)
      .lte("created_at", nowIso)
      .order("created_at"),
    db.from("pulses").select("id, created_at, pulse_answers(person_id)").eq("client_id", recipient.clientId).order("created_at", { ascending: false }).limit(1),
  ]);
  if (signoffs.error) throw new Error(`Could not read the sign-offs: ${signoffs.error.message}`);
  if (pulse.error) throw new Error(`Could not read the pulse: ${pulse.error.message}`);
  const { data: resolved, error: resolvedError } = await db
    .from("dissatisfiers")
    .select("summary, resolution, resolved_at, concerns(body)")
    .eq("client_id", recipient.clientId)
    .eq("raised_by", recipient.personId)
    .eq("status", "resolved")
    .gt("resolved_at", sinceIso)
    .lte("resolved_at", nowIso);
  if (resolvedError) throw new Error(`Could not read the resolved concerns: ${resolvedError.message}`);

  const milestones = portal.phases.flatMap((p) => p.milestones);
  const decisionsOwed = wants("updates")
    ? portal.updates
        .filter((u) => u.decision?.fromId === recipient.personId && !u.decision.replies.some((r) => r.personId === recipient.personId))
        .map((u) => ({ title: u.title, due: u.decision?.due ?? null, path: `${base}/updates/${u.id}` }))
    : [];
  const signOffsOwed = wants("sign_off_requests")
    ? portal.requirements
        .filter((r) => r.currentVersion && r.approvers.some((a) => a.personId === recipient.personId && a.decision === "waiting"))
        .map((r) => ({ title: r.title, version: r.currentVersion!, due: r.dueDate, path: `${base}/requirements/${r.id}` }))
    : [];
  const overdueOwed = [...decisionsOwed, ...signOffsOwed].filter((o) => o.due && o.due < today).length;

  const props: DigestProps = {
    personName: person.full_name,
    clientName: portal.client.name,
    brand: { name: env.PROVIDER_NAME, primaryColor: portal.client.primaryColor },
    frequency,
    fromDay: day(sinceIso),
    toDay: day(nowIso),
    status: digestStatus({
      late: milestones.filter((m) => m.status === "late").map((m) => ({ title: m.title, daysLate: daysBetween(m.plannedDate, today) })),
      atRisk: milestones.filter((m) => m.status === "at_risk").map((m) => ({ title: m.title })),
      overdueOwed,
    }),
    milestonesDone: milestones.filter((m) => inPeriodDay(m.actualDate)).map((m) => ({ title: m.title, day: m.actualDate! })),
    datesMoved: wants("date_changes")
      ? portal.slips.filter((s) => inPeriod(s.changedAt)).map((s) => ({ title: s.itemTitle, from: s.oldDate, to: s.newDate, reason: s.reason }))
      : [],
    versionsPublished: portal.requirements
      .filter((r) => r.currentVersion && inPeriod(r.publishedAt))
      .map((r) => ({ title: r.title, version: r.currentVersion!, day: day(r.publishedAt!), path: `${base}/requirements/${r.id}` })),
    versionsSigned: (signoffs.data ?? []).map((s) => ({
      title: s.requirement_documents?.title ?? "A requirement document",
      version: s.version,
      by: s.person_name,
      decision: s.decision,
      day: day(s.created_at),
    })),
    nextMilestones: milestones
      .filter((m) => m.status !== "done")
      .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate))
      .slice(0, 3)
      .map((m) => ({ title: m.title, day: m.plannedDate })),
    decisionsOwed,
    signOffsOwed,
    updates: wants("updates")
      ? portal.updates
          .filter((u) => inPeriod(u.postedAt))
          .map((u) => ({ title: u.title, authorName: u.authorName, day: day(u.postedAt), excerpt: plainExcerpt(u.bodyMarkdown, 240), path: `${base}/updates/${u.id}` }))
      : [],
    pulse: pulse.data?.[0]
      ? {
          askedDay: day(pulse.data[0].created_at),
          answered: pulse.data[0].pulse_answers.some((a) => a.person_id === recipient.personId),
          path: `${base}#feedback`,
        }
      : null,
    resolvedConcerns: (resolved ?? []).map((d) => ({ said: d.concerns?.body ?? d.summary, resolution: d.resolution ?? "" })),
    pagePath: base,
    recipient: { clientId: recipient.clientId, personId: recipient.personId, clientSlug: portal.client.slug, kind: "digest" },
  };
  return { props, settings };
}
