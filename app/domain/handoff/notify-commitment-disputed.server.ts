import CommitmentDisputedEmail, { commitmentDisputedSubject } from "../../../emails/commitment-disputed";
import { sendEmail, type OutgoingEmail } from "~/lib/email.server";
import { env } from "~/lib/env.server";
import { textColorOn } from "~/lib/brand";

export type Dispute = {
  /** The commitment_events row the dispute wrote, or the commitment and time: one email per dispute, even if retried. */
  key: string;
  client: { name: string; slug: string; primaryColor: string };
  promise: string;
  promisedBy: string;
  disputedBy: string;
  comment: string;
  recipients: { fullName: string; email: string }[];
};

export type NotifyOptions = { origin: string; send?: (email: OutgoingEmail) => Promise<unknown> };

/**
 * Tells the client's project manager and sales lead, at once, that a contact
 * disputed a commitment. The one place the dispute email is sent (today
 * inline; it moves to the outbox as it is). Returns how many were sent; a
 * failed send is logged and reported, the dispute stands.
 */
export async function notifyCommitmentDisputed(dispute: Dispute, { origin, send = sendEmail }: NotifyOptions): Promise<number> {
  const brand = { name: env.PROVIDER_NAME, primaryColor: dispute.client.primaryColor, textOnPrimary: textColorOn(dispute.client.primaryColor) };
  const handoffUrl = new URL(`/staff/clients/${dispute.client.slug}/handoff`, origin).href;
  let sent = 0;
  for (const recipient of dispute.recipients) {
    const props = {
      recipientName: recipient.fullName,
      clientName: dispute.client.name,
      brand,
      promise: dispute.promise,
      promisedBy: dispute.promisedBy,
      disputedBy: dispute.disputedBy,
      comment: dispute.comment,
      handoffUrl,
    };
    try {
      await send({
        to: recipient.email,
        subject: commitmentDisputedSubject(props),
        react: CommitmentDisputedEmail(props),
        idempotencyKey: `commitment-disputed-${dispute.key}-${recipient.email}`,
        tags: [{ name: "kind", value: "commitment-disputed" }],
      });
      sent++;
    } catch (error) {
      console.error(`Dispute email ${dispute.key} to ${recipient.email} was not sent:`, error);
    }
  }
  return sent;
}
