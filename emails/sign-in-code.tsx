import { Button, Heading, Text } from "@react-email/components";
import { EmailLayout, defaultBrand, type Brand } from "./components/layout";

export type SignInCodeEmailProps = {
  code: string;
  magicLink: string;
  personName: string;
  validMinutes: number;
  brand?: Brand;
};

/** The code itself stays out of the subject (lock screens, mail lists); the preview text carries it. */
export function signInCodeSubject({ brand = defaultBrand }: Pick<SignInCodeEmailProps, "brand"> = {}) {
  return `Your ${brand.name} sign-in code`;
}

export default function SignInCodeEmail({ code, magicLink, personName, validMinutes, brand = defaultBrand }: SignInCodeEmailProps) {
  return (
    <EmailLayout title={signInCodeSubject({ brand })} preview={`Your sign-in code is ${code}`} brand={brand}>
      <Heading as="h1" style={{ color: "#111827", fontSize: 22 }}>
        Sign in to your onboarding portal
      </Heading>
      <Text style={{ color: "#111827", fontSize: 15 }}>Hello {personName},</Text>
      <Text style={{ color: "#111827", fontSize: 15 }}>Enter this code on the sign-in page:</Text>
      <Text
        style={{ color: "#111827", fontSize: 32, fontWeight: 700, letterSpacing: 6, margin: "8px 0 16px" }}
        aria-label={`Code: ${code.split("").join(" ")}`}
      >
        {code}
      </Text>
      <Text style={{ color: "#111827", fontSize: 15 }}>Or sign in with one click, in the same browser:</Text>
      <Button
        href={magicLink}
        style={{ backgroundColor: brand.primaryColor, borderRadius: 6, color: brand.textOnPrimary, fontSize: 15, padding: "12px 20px" }}
      >
        Sign in
      </Button>
      <Text style={{ color: "#4b5563", fontSize: 13, marginTop: 20 }}>
        The code and link work once and expire in {validMinutes} minutes. If you did not ask to sign in, ignore this
        email: nobody can sign in without the code.
      </Text>
    </EmailLayout>
  );
}

SignInCodeEmail.PreviewProps = {
  code: "482913",
  magicLink: "http://localhost:3000/magic-link?code=482913",
  personName: "Dana Whitfield",
  validMinutes: 10,
} satisfies SignInCodeEmailProps;
