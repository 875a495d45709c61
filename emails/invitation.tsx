import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, type Brand } from "./components/layout";

export type InvitationEmailProps = {
  personName: string;
  personEmail: string;
  /** How the contact takes part, in words ("Approver"). */
  roleLabel: string;
  clientName: string;
  /** The provider's name with the client's brand colour. */
  brand: Brand;
  projectManager: { fullName: string; email: string } | null;
  loginUrl: string;
};

export function invitationSubject({ clientName, brand }: Pick<InvitationEmailProps, "clientName" | "brand">) {
  return `Your onboarding portal for ${clientName} with ${brand.name}`;
}

const text = { color: "#111827", fontSize: 15, lineHeight: "22px" } as const;
const muted = { color: "#4b5563", fontSize: 13, lineHeight: "20px" } as const;
const link = { color: "#1d4ed8", textDecoration: "underline" } as const;

export default function InvitationEmail({
  personName,
  personEmail,
  roleLabel,
  clientName,
  brand,
  projectManager,
  loginUrl,
}: InvitationEmailProps) {
  return (
    <EmailLayout
      title={invitationSubject({ clientName, brand })}
      preview={`${clientName}'s onboarding portal: where we are, who is on your side, what we need from you`}
      brand={brand}
    >
      <Heading as="h1" style={{ color: "#111827", fontSize: 22 }}>
        Welcome to {clientName}&apos;s onboarding portal
      </Heading>
      <Text style={text}>Hello {personName},</Text>
      <Text style={text}>
        {brand.name} is setting up its service for {clientName}, and you are invited to follow along as{" "}
        <strong>{roleLabel.toLowerCase()}</strong>. The portal is one page for the whole conversion, so nobody has to
        explain anything twice. It always shows:
      </Text>
      <ul style={{ ...text, paddingLeft: 20, margin: "0 0 16px" }}>
        <li>
          <strong>Where we are:</strong> the timeline of phases and milestones, planned against actual dates.
        </li>
        <li>
          <strong>Who is on your side:</strong> your project manager and the service team who take over after go-live.
        </li>
        <li>
          <strong>What we need from you:</strong> documents to sign off and anything else we are waiting for.
        </li>
      </ul>
      <Section style={{ borderLeft: `4px solid ${brand.primaryColor}`, padding: "4px 12px", margin: "0 0 16px" }}>
        <Text style={{ ...text, margin: 0 }}>
          <strong>Your project manager</strong>
        </Text>
        {projectManager ? (
          <Text style={{ ...text, margin: 0 }}>
            {projectManager.fullName},{" "}
            <Link href={`mailto:${projectManager.email}`} style={link}>
              {projectManager.email}
            </Link>
          </Text>
        ) : (
          <Text style={{ ...text, margin: 0 }}>Will be introduced on the portal shortly.</Text>
        )}
      </Section>
      <Button
        href={loginUrl}
        style={{
          backgroundColor: brand.primaryColor,
          borderRadius: 6,
          color: brand.textOnPrimary,
          fontSize: 15,
          padding: "12px 20px",
        }}
      >
        Open your portal
      </Button>
      <Text style={{ ...muted, marginTop: 20 }}>
        Sign in with this email address ({personEmail}); we email you a one-time code, so there is no password to
        remember. The portal is at{" "}
        <Link href={loginUrl} style={link}>
          {loginUrl}
        </Link>
        .
      </Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  personName: "Dana Whitfield",
  personEmail: "dana@northwind.example",
  roleLabel: "Approver",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  projectManager: { fullName: "Priya Raman", email: "priya@harborbenefits.example" },
  loginUrl: "http://localhost:3000/login",
} satisfies InvitationEmailProps;
