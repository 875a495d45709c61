import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Brand } from "../../app/lib/brand";
import { heading, link, muted, palette, text } from "./styles";

export type { Brand };

export const defaultBrand: Brand = { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" };

/**
 * Why the person got an email and where they choose what they get: the first
 * line of the email says the reason; the footer links to their preferences page
 * and, for emails they may stop, to a one-click unsubscribe.
 */
export type EmailNotice = {
  /** The email's first line: "You get this because …". */
  reason: string;
  /** The recipient's preferences page for this client (/c/<slug>/preferences). */
  preferencesUrl?: string;
  /** The signed one-click unsubscribe link for this kind of email, when it can be stopped. */
  unsubscribeUrl?: string;
};

export function EmailLayout({
  title,
  preview,
  brand = defaultBrand,
  notice,
  children,
}: {
  /** The subject: also the document title, for mail clients and screen readers. */
  title: string;
  preview: string;
  brand?: Brand;
  /** The reason line and the preferences/unsubscribe links (every notification and digest has them). */
  notice?: EmailNotice;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: palette.page, fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: palette.card, borderRadius: 8, maxWidth: 560, overflow: "hidden" }}>
          <Section style={{ backgroundColor: brand.primaryColor, padding: "16px 24px" }}>
            <Text style={{ color: brand.textOnPrimary, fontSize: 18, fontWeight: 700, margin: 0 }}>{brand.name}</Text>
          </Section>
          <Section style={{ padding: "8px 24px 24px" }}>
            {notice ? <Text style={muted}>{notice.reason}</Text> : null}
            {children}
          </Section>
          <Hr style={{ borderColor: palette.rule, margin: 0 }} />
          <Section style={{ padding: "12px 24px" }}>
            <Text style={{ color: palette.muted, fontSize: 12, margin: 0 }}>
              You receive this because you take part in an onboarding with {brand.name}.
            </Text>
            {notice?.preferencesUrl ? (
              <Text style={{ color: palette.muted, fontSize: 12, margin: "8px 0 0" }}>
                Choose which emails you get and when:{" "}
                <Link href={notice.preferencesUrl} style={link}>
                  your email preferences
                </Link>
                {notice.unsubscribeUrl ? (
                  <>
                    {" · "}
                    <Link href={notice.unsubscribeUrl} style={link}>
                      Unsubscribe from these emails
                    </Link>
                  </>
                ) : null}
                .
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** The email's one heading. */
export function EmailHeading({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={heading}>
      {children}
    </Heading>
  );
}

/** The call to action, in the client's colour. */
export function BrandButton({ brand, href, children }: { brand: Brand; href: string; children: ReactNode }) {
  return (
    <Button
      href={href}
      style={{ backgroundColor: brand.primaryColor, borderRadius: 6, color: brand.textOnPrimary, fontSize: 15, padding: "12px 20px" }}
    >
      {children}
    </Button>
  );
}

/** A titled note set off by a bar in the client's colour ("What changed", "Your project manager"). */
export function Callout({ brand, title, children }: { brand: Brand; title: string; children: ReactNode }) {
  return (
    <Section style={{ borderLeft: `4px solid ${brand.primaryColor}`, padding: "4px 12px", margin: "0 0 16px" }}>
      <Text style={{ ...text, margin: 0 }}>
        <strong>{title}</strong>
      </Text>
      {children}
    </Section>
  );
}
