import { Link, Text } from "@react-email/components";
import { BrandButton, Callout, EmailHeading, EmailLayout, type Brand } from "./components/layout";
import { link, text } from "./components/styles";

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

export default function RequirementDecisionEmail(props: RequirementDecisionEmailProps) {
  const { pmName, approverName, decision, comment, clientName, brand, documentTitle, version, documentUrl } = props;
  const subject = requirementDecisionSubject(props);
  return (
    <EmailLayout title={subject} preview={subject} brand={brand}>
      <EmailHeading>
        {decision === "approved" ? "Approved" : "Changes requested"}: {documentTitle}, version {version}
      </EmailHeading>
      <Text style={text}>Hello {pmName},</Text>
      <Text style={text}>
        {approverName} at {clientName} {decision === "approved" ? "approved" : "requested changes to"} version {version} of{" "}
        <strong>{documentTitle}</strong>.
      </Text>
      {comment ? (
        <Callout brand={brand} title="What should change">
          <Text style={{ ...text, margin: 0 }}>{comment}</Text>
        </Callout>
      ) : null}
      <BrandButton brand={brand} href={documentUrl}>
        Open the document
      </BrandButton>
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
