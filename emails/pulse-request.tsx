import { Link, Section, Text } from "@react-email/components";
import type { Brand } from "../app/lib/brand";
import { EmailHeading, EmailLayout } from "./components/layout";
import { link, muted, palette, text } from "./components/styles";

// Asks one contact "How is the onboarding going for you?" with the five scores as
// links. Enqueued by app_private.ask_pulse (migration 20261201001500) with the pulse,
// the person and the expiry; the worker signs the links (emails/registry.ts), so the
// token never sits in the database. A click lands on a confirm page: nothing is
// recorded until the contact presses its one button.
export type PulseRequestEmailProps = {
  recipientName: string;
  clientName: string;
  brand: Brand;
  /** Why they are asked now, in one sentence. */
  why: string;
  /** The five score links, for 1 to 5. */
  scoreUrls: string[];
  /** The client page, where the pulse can also be answered. */
  pageUrl: string;
};

export const PULSE_QUESTION = "How is the onboarding going for you?";
const LABELS = ["1 badly", "2", "3 all right", "4", "5 very well"];

export function pulseRequestSubject({ clientName }: Pick<PulseRequestEmailProps, "clientName">) {
  return `${clientName}: how is the onboarding going?`;
}

export default function PulseRequestEmail({ recipientName, clientName, brand, why, scoreUrls, pageUrl }: PulseRequestEmailProps) {
  return (
    <EmailLayout title={pulseRequestSubject({ clientName })} preview={`${why} ${PULSE_QUESTION}`} brand={brand}>
      <EmailHeading>{PULSE_QUESTION}</EmailHeading>
      <Text style={text}>Hello {recipientName},</Text>
      <Text style={text}>
        {why} One click tells us how the onboarding of {clientName} is going for you, from 1 (badly) to 5 (very well). You can add
        a comment on the next page.
      </Text>
      <Section style={{ margin: "8px 0 16px" }}>
        {scoreUrls.map((url, i) => (
          <Link
            key={url}
            href={url}
            style={{
              display: "inline-block",
              border: `2px solid ${brand.primaryColor}`,
              borderRadius: 6,
              color: palette.text,
              fontSize: 15,
              margin: "0 8px 8px 0",
              padding: "10px 14px",
              textDecoration: "none",
            }}
          >
            {LABELS[i]}
          </Link>
        ))}
      </Section>
      <Text style={muted}>
        Something worrying you? Tell us at any time on{" "}
        <Link href={pageUrl} style={link}>
          your onboarding page
        </Link>
        . These links are for you only and work for 14 days.
      </Text>
    </EmailLayout>
  );
}

PulseRequestEmail.PreviewProps = {
  recipientName: "Dana Whitfield",
  clientName: "Northwind Logistics",
  brand: { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" },
  why: 'We have just completed "Payroll file tested".',
  scoreUrls: [1, 2, 3, 4, 5].map((s) => `http://localhost:3000/pulse/p1.example?score=${s}`),
  pageUrl: "http://localhost:3000/c/northwind#feedback",
} satisfies PulseRequestEmailProps;
