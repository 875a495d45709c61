import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, type Brand } from "./components/layout";
import { link, muted, text } from "./components/styles";

// Sent to the client's project manager and sales lead the moment a contact
// says a commitment is "not what we agreed". Only client-visible facts go in:
// the promise, who disputed it and their comment; never internal notes.
export type CommitmentDisputedEmailProps = {
  recipientName: string;
  clientName: string;
  brand: Brand;
  promise: string;
  promisedBy: string;
  disputedBy: string;
  comment: string;
  handoffUrl: string;
};

export function commitmentDisputedSubject({ clientName, disputedBy }: Pick<CommitmentDisputedEmailProps, "clientName" | "disputedBy">) {
  return `${disputedBy} (${clientName}) says a commitment is not what was agreed`;
}

export default function CommitmentDisputedEmail({
  recipientName,
  clientName,
  brand,
  promise,
  promisedBy,
  disputedBy,
  comment,
  handoffUrl,
}: CommitmentDisputedEmailProps) {
  return (
    <EmailLayout title={commitmentDisputedSubject({ clientName, disputedBy })} preview={`"${comment.slice(0, 80)}"`} brand={brand}>
      <Heading as="h1" style={{ color: "#111827", fontSize: 22 }}>
        A commitment to {clientName} is disputed
      </Heading>
      <Text style={text}>Hello {recipientName},</Text>
      <Text style={text}>
        {disputedBy} says this commitment, recorded at the handoff as promised by {promisedBy}, is not what was agreed:
      </Text>
      <Section style={{ borderLeft: `4px solid ${brand.primaryColor}`, padding: "4px 12px", margin: "0 0 16px" }}>
        <Text style={{ ...text, margin: 0 }}>
          <strong>{promise}</strong>
        </Text>
      </Section>
      <Text style={text}>What they say was agreed instead:</Text>
      <Section style={{ borderLeft: "4px solid #b91c1c", padding: "4px 12px", margin: "0 0 16px" }}>
        <Text style={{ ...text, margin: 0 }}>{comment}</Text>
      </Section>
      <Button
        href={handoffUrl}
        style={{ backgroundColor: brand.primaryColor, borderRadius: 6, color: brand.textOnPrimary, fontSize: 15, padding: "12px 20px" }}
      >
        Open the handoff
      </Button>
      <Text style={{ ...muted, marginTop: 20 }}>
        The commitments ledger is at{" "}
        <Link href={handoffUrl} style={link}>
          {handoffUrl}
        </Link>
        . Talk to the client, then resolve it there.
      </Text>
    </EmailLayout>
  );
}

CommitmentDisputedEmail.PreviewProps = {
  recipientName: "Priya Raman",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  promise: "No dental waiting period for employees moving from the current carrier",
  promisedBy: "Marcus Bell (sales)",
  disputedBy: "Dana Whitfield",
  comment: "We agreed this for everyone, not only people moving from the current carrier.",
  handoffUrl: "http://localhost:3000/staff/clients/northwind/handoff",
} satisfies CommitmentDisputedEmailProps;
