// The one module that sends email. Templates live in emails/ (react-email);
// they are rendered to HTML and plain text here and sent through the Resend
// SDK: to Resend when RESEND_API_KEY is set, otherwise to the local mailbox
// (a Resend-compatible endpoint of the local stack, read at /dev/mailbox).
import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { env } from "./env.server";

export type OutgoingEmail = {
  to: string | string[];
  subject: string;
  react: ReactElement;
  /** Same key, same email: Resend sends it once even if we retry. */
  idempotencyKey?: string;
  tags?: { name: string; value: string }[];
};

export class EmailError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = "EmailError";
  }
}

type MailerOptions = {
  apiKey: string;
  baseUrl?: string;
  from: string;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long to wait before retrying, or null when the failure is final. */
function retryDelay(statusCode: number | null, headers: Record<string, string> | null, attempt: number): number | null {
  const retryable = statusCode === null || statusCode === 429 || statusCode >= 500;
  if (!retryable) return null;
  const retryAfter = Number(headers?.["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter * 1000, 10_000);
  return Math.min(500 * 2 ** attempt, 5_000);
}

export function createMailer({ apiKey, baseUrl, from, maxAttempts = 3, sleep = wait }: MailerOptions) {
  let client: Resend | null = null;
  const resend = () => (client ??= new Resend(apiKey, baseUrl ? { baseUrl } : undefined));

  return async function send(email: OutgoingEmail): Promise<{ id: string }> {
    const [html, text] = await Promise.all([render(email.react), render(email.react, { plainText: true })]);
    const idempotencyKey = email.idempotencyKey ?? randomUUID();
    for (let attempt = 0; ; attempt++) {
      const { data, error, headers } = await resend().emails.send(
        { from, to: email.to, subject: email.subject, html, text, tags: email.tags },
        { idempotencyKey },
      );
      if (data) return { id: data.id };
      const statusCode = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
      const delay = retryDelay(statusCode, headers, attempt);
      if (delay === null || attempt + 1 >= maxAttempts) {
        throw new EmailError(`Email "${email.subject}" was not sent: ${error?.message ?? "unknown error"}`, statusCode);
      }
      await sleep(delay);
    }
  };
}

let defaultMailer: ReturnType<typeof createMailer> | null = null;

export function sendEmail(email: OutgoingEmail) {
  defaultMailer ??= env.RESEND_API_KEY
    ? createMailer({ apiKey: env.RESEND_API_KEY, from: env.EMAIL_FROM })
    : createMailer({ apiKey: "re_local_mailbox", baseUrl: env.LOCAL_MAILBOX_URL, from: env.EMAIL_FROM });
  return defaultMailer(email);
}
