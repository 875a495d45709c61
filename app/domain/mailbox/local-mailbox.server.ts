// Reads the local mailbox: the Resend-compatible catcher the local stack runs
// when no RESEND_API_KEY is set. Only available in that mode.
import { env } from "~/lib/env.server";

export type MailSummary = { id: string; created_at: string; from: string; to: string[]; subject: string };
export type Mail = MailSummary & { html?: string; text?: string };

function mailboxUrl(): string {
  if (!env.mailboxEnabled || !env.LOCAL_MAILBOX_URL) {
    throw new Response("The local mailbox is only available when running locally without RESEND_API_KEY.", {
      status: 404,
    });
  }
  return env.LOCAL_MAILBOX_URL;
}

export async function listMail(to?: string | null): Promise<MailSummary[]> {
  const url = new URL(`${mailboxUrl()}/messages`);
  if (to) url.searchParams.set("to", to);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Mailbox unavailable (${res.status})`);
  const { data } = (await res.json()) as { data: Mail[] };
  return data.map(({ id, created_at, from, to, subject }) => ({ id, created_at, from, to, subject }));
}

export async function getMail(id: string): Promise<Mail | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const res = await fetch(`${mailboxUrl()}/messages/${id}`);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`Mailbox unavailable (${res.status})`);
  return (await res.json()) as Mail;
}
