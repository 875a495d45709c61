import { Text } from "@react-email/components";
import { BrandButton, EmailHeading, EmailLayout, defaultBrand, type Brand } from "./components/layout";
import { muted, text } from "./components/styles";

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
      <EmailHeading>Sign in to your onboarding portal</EmailHeading>
      <Text style={text}>Hello {personName},</Text>
      <Text style={text}>Enter this code on the sign-in page:</Text>
      <Text
        style={{ color: text.color, fontSize: 32, fontWeight: 700, letterSpacing: 6, margin: "8px 0 16px" }}
        aria-label={`Code: ${code.split("").join(" ")}`}
      >
        {code}
      </Text>
      <Text style={text}>Or sign in with one click, in the same browser:</Text>
      <BrandButton brand={brand} href={magicLink}>
        Sign in
      </BrandButton>
      <Text style={{ ...muted, marginTop: 20 }}>
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
