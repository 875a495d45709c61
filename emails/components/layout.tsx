import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export type Brand = { name: string; primaryColor: string; textOnPrimary: string };

export const defaultBrand: Brand = { name: "Harbor Benefits", primaryColor: "#1d3557", textOnPrimary: "#ffffff" };

export function EmailLayout({
  title,
  preview,
  brand = defaultBrand,
  children,
}: {
  /** The subject: also the document title, for mail clients and screen readers. */
  title: string;
  preview: string;
  brand?: Brand;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, overflow: "hidden" }}>
          <Section style={{ backgroundColor: brand.primaryColor, padding: "16px 24px" }}>
            <Text style={{ color: brand.textOnPrimary, fontSize: 18, fontWeight: 700, margin: 0 }}>{brand.name}</Text>
          </Section>
          <Section style={{ padding: "8px 24px 24px" }}>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: 0 }} />
          <Section style={{ padding: "12px 24px" }}>
            <Text style={{ color: "#4b5563", fontSize: 12, margin: 0 }}>
              You receive this because you take part in an onboarding with {brand.name}.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
