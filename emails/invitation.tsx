import { Link, Text } from "@react-email/components";
import { possessive } from "../app/lib/words";
import { BrandButton, Callout, EmailHeading, EmailLayout, type Brand } from "./components/layout";
import { link, muted, text } from "./components/styles";

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
      preview={`${possessive(clientName)} onboarding portal: where we are, who is on your side, what we need from you`}
      brand={brand}
    >
      <EmailHeading>Welcome to {possessive(clientName)} onboarding portal</EmailHeading>
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
      <Callout brand={brand} title="Your project manager">
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
      </Callout>
      <BrandButton brand={brand} href={loginUrl}>
        Open your portal
      </BrandButton>
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
