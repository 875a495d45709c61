import InvitationEmail, { invitationSubject } from "../../../emails/invitation";
import { sendEmail, type OutgoingEmail } from "~/lib/email.server";
import { env } from "~/lib/env.server";
import type { Db } from "~/lib/supabase.server";
import { textColorOn } from "~/lib/brand";
import { invalid, ok, type Result } from "~/lib/result";
import type { ClientAccess } from "../clients/require-client.server";
import { contactRoleLabel, type InviteContactInput } from "./schema";

export type Invited = { personId: string; fullName: string; email: string; emailSent: boolean };

type Options = {
  /** Where the app is served, for the link in the email (the request's origin). */
  origin: string;
  /** Sends the email; tests pass one that fails. */
  send?: (email: OutgoingEmail) => Promise<unknown>;
};

/**
 * Invites a contact (a new person and their role at the client, in one
 * transaction through the invite_contact RPC, PM or admin only), then emails
 * them what the portal is and who their project manager is. When the email
 * cannot be sent the invitation stands, and `emailSent` is false.
 */
export async function inviteContact(
  db: Db,
  access: ClientAccess,
  input: Omit<InviteContactInput, "intent">,
  { origin, send = sendEmail }: Options,
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

  // For the email: the client's brand and its project manager.
  const { data: client, error: clientError } = await db
    .from("clients")
    .select("name, primary_color, client_staff(role, people(full_name, email))")
    .eq("id", access.client.id)
    .single();
  if (clientError) throw new Error(`Could not load the client: ${clientError.message}`);
  const pm = client.client_staff.find((m) => m.role === "project_manager")?.people;
  const brand = {
    name: env.PROVIDER_NAME,
    primaryColor: client.primary_color,
    textOnPrimary: textColorOn(client.primary_color),
  };
  let emailSent = true;
  try {
    await send({
      to: input.email,
      subject: invitationSubject({ clientName: client.name, brand }),
      react: InvitationEmail({
        personName: input.fullName,
        personEmail: input.email,
        roleLabel: contactRoleLabel(input.role),
        clientName: client.name,
        brand,
        projectManager: pm ? { fullName: pm.full_name, email: pm.email } : null,
        loginUrl: new URL("/login", origin).href,
      }),
      idempotencyKey: `invitation-${personId}`,
      tags: [{ name: "kind", value: "invitation" }],
    });
  } catch (sendError) {
    console.error(`Invitation email to contact ${personId} was not sent:`, sendError);
    emailSent = false;
  }
  return ok({ personId, fullName: input.fullName, email: input.email, emailSent });
}
