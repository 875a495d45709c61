import { z } from "zod";

export const EmailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@company.com.");

export const RequestCodeSchema = z.object({
  email: EmailSchema,
  redirectTo: z.string().optional(),
});

export const VerifyCodeSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from the email." })
    .trim()
    .regex(/^\d{6}$/, "The code is 6 digits."),
});

/** Limits for sign-in, per 15-minute window. */
export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  codesPerEmail: 5,
  codesPerIp: 30,
  wrongCodesPerEmail: 5,
  codeValidMinutes: 10,
} as const;
