import { Link, Text } from "@react-email/components";
import { emailBrand } from "../app/lib/brand";
import { DEFAULT_LOCALE, formatDay } from "../app/lib/dates";
import { absoluteUrl, env } from "../app/lib/env.server";
import { BrandButton, Callout, EmailHeading, EmailLayout } from "./components/layout";
import { link, muted, text } from "./components/styles";

// Enqueued by app_private.open_dissatisfier (migration 20261201001200) to the
// client's project and relationship managers. The props are built in SQL; the
// provider's name and the absolute link come from configuration here, in the
// worker, so nothing a caller passes can choose where the link points.
export type DissatisfierOpenedEmailProps = {
  recipientName: string;
  clientName: string;
  /** The client's primary colour: the email is in the client's brand. */
  primaryColor: string;
  /** Why it opened, in one sentence ("A contact scored the onboarding 2 out of 5."). */
  reason: string;
  summary: string;
  /** What the contact wrote, if anything. */
  detail: string | null;
  /** The contact whose answer or concern opened it (null when opened by hand). */
  raisedBy: string | null;
  /** ISO day ("2026-12-03"). */
  dueDate: string | null;
  locale?: string;
  /** The register's path (/staff/clients/<slug>/feedback). */
  path: string;
  /** When a disputed commitment opened it: the handoff page's path, where the commitment and its history are. */
  disputePath?: string | null;
};

export function dissatisfierOpenedSubject({ clientName, disputePath }: Pick<DissatisfierOpenedEmailProps, "clientName" | "disputePath">) {
  return disputePath ? `Commitment disputed: dissatisfier opened for ${clientName}` : `Dissatisfier opened for ${clientName}`;
}

export default function DissatisfierOpenedEmail({
  recipientName,
  clientName,
  primaryColor,
  reason,
  summary,
  detail,
  raisedBy,
  dueDate,
  locale = DEFAULT_LOCALE,
  path,
  disputePath,
}: DissatisfierOpenedEmailProps) {
  const brand = emailBrand(env.PROVIDER_NAME, primaryColor);
  const url = absoluteUrl(path);
  const disputeUrl = disputePath ? absoluteUrl(disputePath) : null;
  return (
    <EmailLayout title={dissatisfierOpenedSubject({ clientName, disputePath })} preview={reason} brand={brand}>
      <EmailHeading>{reason}</EmailHeading>
      <Text style={text}>Hello {recipientName},</Text>
      <Text style={text}>
        A dissatisfier opened for {clientName}
        {raisedBy ? `, from ${raisedBy}` : ""}: <strong>{summary}</strong>.
        {dueDate ? ` It is due by ${formatDay(dueDate, locale)}.` : ""}
      </Text>
      {detail ? (
        <Callout brand={brand} title="In their words">
          <Text style={{ ...text, margin: 0 }}>{detail}</Text>
        </Callout>
      ) : null}
      <BrandButton brand={brand} href={url}>
        Open the register
      </BrandButton>
      <Text style={{ ...muted, marginTop: 20 }}>
        The register is at{" "}
        <Link href={url} style={link}>
          {url}
        </Link>
        .
      </Text>
      {disputeUrl ? (
        <Text style={muted}>
          The disputed commitment and its history are on the handoff page:{" "}
          <Link href={disputeUrl} style={link}>
            {disputeUrl}
          </Link>
          . This is the only email about this dispute.
        </Text>
      ) : null}
    </EmailLayout>
  );
}

DissatisfierOpenedEmail.PreviewProps = {
  recipientName: "Priya Raman",
  clientName: "Northwind Logistics",
  primaryColor: "#1d3557",
  reason: "A contact scored the onboarding 2 out of 5.",
  summary: "Pulse score 2 of 5: payroll file format still unclear",
  detail: "Payroll file format still unclear after two calls.",
  raisedBy: "Dana Whitfield",
  dueDate: "2026-12-03",
  path: "/staff/clients/northwind/feedback",
} satisfies DissatisfierOpenedEmailProps;
