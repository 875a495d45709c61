// Delivers one client's queued emails to the local mailbox now, as the worker would
// (the same delivery code: claim, render once, send through the Resend SDK), so a
// test can read the email a change queued. Scoped to the client (outbox_claim's
// p_client): emails other test files queue meanwhile are left alone.
import { env } from "~/lib/env.server";
import { createOutboxDelivery } from "~/lib/jobs/outbox.server";
import { serviceDb } from "./stack";

export async function deliverOutboxOf(clientId: string): Promise<void> {
  if (!process.env.LOCAL_MAILBOX_URL) throw new Error("deliverOutboxOf needs the local stack's mailbox (LOCAL_MAILBOX_URL)");
  const delivery = createOutboxDelivery({
    db: serviceDb(),
    apiKey: "re_local_mailbox",
    baseUrl: process.env.LOCAL_MAILBOX_URL,
    from: env.EMAIL_FROM,
    clientId,
  });
  // Until nothing of the client's is due: one pass claims at most a batch.
  for (;;) {
    const pass = await delivery.deliverDue();
    if (pass.claimed === 0) return;
  }
}
