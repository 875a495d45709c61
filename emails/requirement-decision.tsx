import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, type Brand } from "./components/layout";

export type RequirementDecisionEmailProps = {
  pmName: string;
  approverName: string;
  decision: "approved" | "changes_requested";
  comment: string | null;
  clientName: string;
  brand: Brand;
  documentTitle: string;
  version: number;
  documentUrl: string;
};

export function requirementDecisionSubject({
  approverName,
  decision,
  documentTitle,
  version,
}: Pick<RequirementDecisionEmailProps, "approverName" | "decision" | "documentTitle" | "version">) {
  return decision === "approved"
    ? `${approverName} approved ${documentTitle}, version ${version}`
    : `${approverName} requested changes to ${documentTitle}, version ${version}`;
}

const text = { color: "#111827", fontSize: 15, lineHeight: "22px" } as const;
const link = { color: "#1d4ed8", textDecoration: "underline" } as const;

export default function RequirementDecisionEmail(props: RequirementDecisionEmailProps) {
  const { pmName, approverName, decision, comment, clientName, brand, documentTitle, version, documentUrl } = props;
  const subject = requirementDecisionSubject(props);
  return (
    <EmailLayout title={subject} preview={subject} brand={brand}>
      <Heading as="h1" style={{ color: "#111827", fontSize: 22 }}>
        {decision === "approved" ? "Approved" : "Changes requested"}: {documentTitle}, version {version}
      </Heading>
      <Text style={text}>Hello {pmName},</Text>
      <Text style={text}>
        {approverName} at {clientName} {decision === "approved" ? "approved" : "requested changes to"} version {version} of{" "}
        <strong>{documentTitle}</strong>.
      </Text>
      {comment ? (
        <Section style={{ borderLeft: `4px solid ${brand.primaryColor}`, padding: "4px 12px", margin: "0 0 16px" }}>
          <Text style={{ ...text, margin: 0 }}>
            <strong>What should change</strong>
          </Text>
          <Text style={{ ...text, margin: 0 }}>{comment}</Text>
        </Section>
      ) : null}
      <Button
        href={documentUrl}
        style={{ backgroundColor: brand.primaryColor, borderRadius: 6, color: brand.textOnPrimary, fontSize: 15, padding: "12px 20px" }}
      >
        Open the document
      </Button>
      <Text style={{ ...text, fontSize: 13, marginTop: 20 }}>
        <Link href={documentUrl} style={link}>
          {documentUrl}
        </Link>
      </Text>
    </EmailLayout>
  );
}

RequirementDecisionEmail.PreviewProps = {
  pmName: "Priya Raman",
  approverName: "Dana Whitfield",
  decision: "changes_requested",
  comment: "The waiting period should be 30 days, not 60.",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  documentTitle: "Eligibility rules",
  version: 1,
  documentUrl: "http://localhost:3000/staff/clients/northwind/requirements/00000000-0000-4000-8000-000000000000",
} satisfies RequirementDecisionEmailProps;
