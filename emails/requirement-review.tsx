import { Link, Text } from "@react-email/components";
import { DEFAULT_LOCALE, formatDay } from "../app/lib/dates";
import { BrandButton, Callout, EmailHeading, EmailLayout, type Brand, type EmailNotice } from "./components/layout";
import { link, muted, text } from "./components/styles";

export type RequirementReviewEmailProps = {
  personName: string;
  clientName: string;
  brand: Brand;
  documentTitle: string;
  version: number;
  changeNote: string | null;
  /** The decision's due day, ISO ("2026-12-15"); written in the recipient's locale. */
  dueDate: string | null;
  /** The recipient's locale for dates (en-GB until people choose one). */
  locale?: string;
  publishedBy: string | null;
  documentUrl: string;
  /** The preferences and unsubscribe links for this recipient (added when the outbox renders it). */
  links?: Omit<EmailNotice, "reason">;
};

export function requirementReviewSubject({ documentTitle, version }: Pick<RequirementReviewEmailProps, "documentTitle" | "version">) {
  return `Please review: ${documentTitle}, version ${version}`;
}

export default function RequirementReviewEmail({
  personName,
  clientName,
  brand,
  documentTitle,
  version,
  changeNote,
  dueDate,
  locale = DEFAULT_LOCALE,
  publishedBy,
  documentUrl,
  links,
}: RequirementReviewEmailProps) {
  return (
    <EmailLayout
      title={requirementReviewSubject({ documentTitle, version })}
      preview={`Version ${version} of ${documentTitle} is waiting for your sign-off`}
      brand={brand}
      notice={{
        reason: `You get this because you are a required approver of ${documentTitle} for ${clientName}. You get sign-off requests at once.`,
        ...links,
      }}
    >
      <EmailHeading>
        {documentTitle}: version {version} is ready for your sign-off
      </EmailHeading>
      <Text style={text}>Hello {personName},</Text>
      <Text style={text}>
        {publishedBy ?? brand.name} published version {version} of <strong>{documentTitle}</strong> for {clientName}. You
        are one of its required approvers: please read it, then approve it or say what should change.
        {dueDate ? ` We need your decision by ${formatDay(dueDate, locale)}.` : ""}
      </Text>
      {changeNote ? (
        <Callout brand={brand} title="What changed">
          <Text style={{ ...text, margin: 0 }}>{changeNote}</Text>
        </Callout>
      ) : null}
      <BrandButton brand={brand} href={documentUrl}>
        Review version {version}
      </BrandButton>
      <Text style={{ ...muted, marginTop: 20 }}>
        The document is at{" "}
        <Link href={documentUrl} style={link}>
          {documentUrl}
        </Link>
        . Sign in with this email address; we email you a one-time code.
      </Text>
    </EmailLayout>
  );
}

RequirementReviewEmail.PreviewProps = {
  personName: "Dana Whitfield",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  documentTitle: "Eligibility rules",
  version: 2,
  changeNote: "Waiting period changed to 30 days, as agreed on the call.",
  dueDate: "2026-12-15",
  publishedBy: "Priya Raman",
  documentUrl: "http://localhost:3000/c/northwind/requirements/00000000-0000-4000-8000-000000000000",
} satisfies RequirementReviewEmailProps;
