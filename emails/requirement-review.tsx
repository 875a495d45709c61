import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, type Brand } from "./components/layout";

export type RequirementReviewEmailProps = {
  personName: string;
  clientName: string;
  brand: Brand;
  documentTitle: string;
  version: number;
  changeNote: string | null;
  dueDate: string | null;
  publishedBy: string | null;
  documentUrl: string;
};

export function requirementReviewSubject({ documentTitle, version }: Pick<RequirementReviewEmailProps, "documentTitle" | "version">) {
  return `Please review: ${documentTitle}, version ${version}`;
}

const text = { color: "#111827", fontSize: 15, lineHeight: "22px" } as const;
const muted = { color: "#4b5563", fontSize: 13, lineHeight: "20px" } as const;
const link = { color: "#1d4ed8", textDecoration: "underline" } as const;

export default function RequirementReviewEmail({
  personName,
  clientName,
  brand,
  documentTitle,
  version,
  changeNote,
  dueDate,
  publishedBy,
  documentUrl,
}: RequirementReviewEmailProps) {
  return (
    <EmailLayout
      title={requirementReviewSubject({ documentTitle, version })}
      preview={`Version ${version} of ${documentTitle} is waiting for your sign-off`}
      brand={brand}
    >
      <Heading as="h1" style={{ color: "#111827", fontSize: 22 }}>
        {documentTitle}: version {version} is ready for your sign-off
      </Heading>
      <Text style={text}>Hello {personName},</Text>
      <Text style={text}>
        {publishedBy ?? brand.name} published version {version} of <strong>{documentTitle}</strong> for {clientName}. You
        are one of its required approvers: please read it, then approve it or say what should change.
        {dueDate ? ` We need your decision by ${dueDate}.` : ""}
      </Text>
      {changeNote ? (
        <Section style={{ borderLeft: `4px solid ${brand.primaryColor}`, padding: "4px 12px", margin: "0 0 16px" }}>
          <Text style={{ ...text, margin: 0 }}>
            <strong>What changed</strong>
          </Text>
          <Text style={{ ...text, margin: 0 }}>{changeNote}</Text>
        </Section>
      ) : null}
      <Button
        href={documentUrl}
        style={{ backgroundColor: brand.primaryColor, borderRadius: 6, color: brand.textOnPrimary, fontSize: 15, padding: "12px 20px" }}
      >
        Review version {version}
      </Button>
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
