import type { Db } from "~/lib/supabase.server";
import { invalid, ok, type Result } from "~/lib/result";
import type { ClientAccess } from "../clients/require-client.server";
import type { InviteContactInput } from "./schema";

export type Invited = { personId: string; fullName: string; email: string };

/**
 * Invites a contact: a new person and their role at the client, and the email
 * telling them what the portal is and who their project manager is, in one
 * transaction (the invite_contact RPC, PM or admin only). The email is queued in
 * the outbox with the invitation and delivered by the worker
 * (docs/decisions/0008-email-outbox.md): no invitation without its email, and no
 * email for an invitation that was not saved.
 */
export async function inviteContact(
  db: Db,
  access: ClientAccess,
  input: Omit<InviteContactInput, "intent">,
): Promise<Result<Invited>> {
  const { data: personId, error } = await db.rpc("invite_contact", {
    p_client: access.client.id,
    p_email: input.email,
    p_full_name: input.fullName,
    p_role: input.role,
    p_title: input.title ?? "",
    p_phone: input.phone ?? "",
  });
  if (error) {
    if (error.code === "23505") {
      return invalid(
        "email",
        "This email address already belongs to someone in the portal. Use another address, or ask an admin for help.",
      );
    }
    if (error.code === "23514") return invalid("email", "Enter a valid email address, like name@company.com.");
    if (error.code === "42501")
      throw new Response("Only the client's project manager can invite contacts.", { status: 403 });
    throw new Error(`Could not invite the contact: ${error.message}`);
  }
  return ok({ personId, fullName: input.fullName, email: input.email });
}
