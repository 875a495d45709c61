import { Link, Text } from "@react-email/components";
import { emailBrand } from "../app/lib/brand";
import { formatDay } from "../app/lib/dates";
import { BrandButton, Callout, EmailHeading, EmailLayout, type Brand, type EmailNotice } from "./components/layout";
import { link, muted, text } from "./components/styles";

export type ClientUpdateEmailProps = {
  personName: string;
  clientName: string;
  /** The provider's name with the client's brand colour (the text colour on it is worked out here when missing). */
  brand: Pick<Brand, "name" | "primaryColor"> & Partial<Pick<Brand, "textOnPrimary">>;
  title: string;
  authorName: string | null;
  /** The update's opening words, as plain text (its Markdown, shortened). */
  excerpt: string;
  decisionNeeded: boolean;
  decisionDue: string | null;
  /** The decision is asked of this recipient (not only of someone else at the client). */
  askedOfYou: boolean;
  updateUrl: string;
  /** The preferences and unsubscribe links for this recipient (added when the outbox renders it). */
  links?: Omit<EmailNotice, "reason">;
};

export function clientUpdateSubject({ clientName, title, decisionNeeded }: Pick<ClientUpdateEmailProps, "clientName" | "title" | "decisionNeeded">) {
  return `${decisionNeeded ? "Decision needed: " : "Update: "}${title} (${clientName})`;
}

export default function ClientUpdateEmail({
  personName,
  clientName,
  brand: given,
  title,
  authorName,
  excerpt,
  decisionNeeded,
  decisionDue,
  askedOfYou,
  updateUrl,
  links,
}: ClientUpdateEmailProps) {
  const brand = emailBrand(given.name, given.primaryColor);
  const who = authorName ?? brand.name;
  return (
    <EmailLayout
      title={clientUpdateSubject({ clientName, title, decisionNeeded })}
      preview={`${who} posted an update for ${clientName}`}
      brand={brand}
      notice={{
        reason: `You get this because ${who} posted an update on ${clientName}'s onboarding portal, where you are a contact. You get updates at once.`,
        ...links,
      }}
    >
      <EmailHeading>{title}</EmailHeading>
      <Text style={text}>Hello {personName},</Text>
      <Text style={{ ...text, whiteSpace: "pre-line" }}>{excerpt}</Text>
      {decisionNeeded ? (
        <Callout brand={brand} title={askedOfYou ? "Your decision is needed" : "A decision is needed"}>
          <Text style={{ ...text, margin: 0 }}>
            {askedOfYou ? "Please answer on the portal" : "Someone at your company is asked to answer on the portal"}
            {decisionDue ? ` by ${formatDay(decisionDue)}` : ""}.
          </Text>
        </Callout>
      ) : null}
      <BrandButton brand={brand} href={updateUrl}>
        {decisionNeeded && askedOfYou ? "Read and answer" : "Read the update"}
      </BrandButton>
      <Text style={{ ...muted, marginTop: 20 }}>
        The update is at{" "}
        <Link href={updateUrl} style={link}>
          {updateUrl}
        </Link>
        . Sign in with this email address; we email you a one-time code.
      </Text>
    </EmailLayout>
  );
}

ClientUpdateEmail.PreviewProps = {
  personName: "Margaret Osei",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  title: "Open enrolment window",
  authorName: "Priya Raman",
  excerpt: "We can run open enrolment for two weeks (our recommendation) or three weeks. A longer window moves go-live by a week.",
  decisionNeeded: true,
  decisionDue: "2026-12-08",
  askedOfYou: true,
  updateUrl: "http://localhost:3000/c/northwind/updates/8b100000-0000-4000-8000-000000000002",
} satisfies ClientUpdateEmailProps;
