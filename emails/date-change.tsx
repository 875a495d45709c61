import { Link, Text } from "@react-email/components";
import { DEFAULT_LOCALE, formatDay } from "../app/lib/dates";
import { BrandButton, Callout, EmailHeading, EmailLayout, type Brand, type EmailNotice } from "./components/layout";
import { link, muted, text } from "./components/styles";

/**
 * A milestone's planned date moved (the slip log, public.date_changes): sent at once to
 * the client's contacts who get date changes at once (migration 20261201002210). Only
 * what the contact sees on the client page: the milestone, the old and new day, and the
 * reason given for the change.
 */
export type DateChangeEmailProps = {
  personName: string;
  clientName: string;
  brand: Brand;
  milestoneTitle: string;
  /** ISO days ("2026-12-15"); written in the recipient's locale. */
  oldDate: string;
  newDate: string;
  reason: string;
  /** The recipient's locale for dates (en-GB until people choose one). */
  locale?: string;
  /** The client page, where the plan and its date changes are. */
  pageUrl: string;
  /** The preferences and unsubscribe links for this recipient (added when the outbox renders it). */
  links?: Omit<EmailNotice, "reason">;
};

export function dateChangeSubject({
  milestoneTitle,
  newDate,
  clientName,
  locale = DEFAULT_LOCALE,
}: Pick<DateChangeEmailProps, "milestoneTitle" | "newDate" | "clientName" | "locale">) {
  return `New date for ${milestoneTitle}: ${formatDay(newDate, locale)} (${clientName})`;
}

export default function DateChangeEmail({
  personName,
  clientName,
  brand,
  milestoneTitle,
  oldDate,
  newDate,
  reason,
  locale = DEFAULT_LOCALE,
  pageUrl,
  links,
}: DateChangeEmailProps) {
  const from = formatDay(oldDate, locale);
  const to = formatDay(newDate, locale);
  const later = newDate > oldDate;
  return (
    <EmailLayout
      title={dateChangeSubject({ milestoneTitle, newDate, clientName, locale })}
      preview={`${milestoneTitle} moved from ${from} to ${to}`}
      brand={brand}
      notice={{
        reason: `You get this because a planned date changed on ${clientName}'s onboarding portal, where you are a contact. You get date changes at once.`,
        ...links,
      }}
    >
      <EmailHeading>
        {milestoneTitle}: {from} → {to}
      </EmailHeading>
      <Text style={text}>Hello {personName},</Text>
      <Text style={text}>
        The planned date of <strong>{milestoneTitle}</strong> for {clientName} moved {later ? "later" : "earlier"}, from {from} to{" "}
        {to}.
      </Text>
      <Callout brand={brand} title="Why it moved">
        <Text style={{ ...text, margin: 0, whiteSpace: "pre-line" }}>{reason}</Text>
      </Callout>
      <BrandButton brand={brand} href={pageUrl}>
        See the plan
      </BrandButton>
      <Text style={{ ...muted, marginTop: 20 }}>
        The plan is at{" "}
        <Link href={pageUrl} style={link}>
          {pageUrl}
        </Link>
        . Sign in with this email address; we email you a one-time code.
      </Text>
    </EmailLayout>
  );
}

DateChangeEmail.PreviewProps = {
  personName: "Dana Whitfield",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  milestoneTitle: "Payroll file test",
  oldDate: "2026-12-08",
  newDate: "2026-12-15",
  reason: "The payroll provider needs one more week to send the test file.",
  pageUrl: "http://localhost:3000/c/northwind",
} satisfies DateChangeEmailProps;
