// The team page's forms (staff.clients.$slug.team): assign or remove staff, invite a contact.
import { z } from "zod";
import { optionalText, personId, requiredText } from "./shared";

export const AssignStaffSchema = z.object({
  intent: z.literal("assign-staff"),
  personId: personId("Choose a staff member from the list."),
  role: z.enum(["project_manager", "service_team", "relationship_manager", "sales"], { error: "Choose a role." }),
  responsibilities: optionalText(1000),
});

export const RemoveStaffSchema = z.object({
  intent: z.literal("remove-staff"),
  personId: personId("Choose a team member."),
});

export const InviteContactSchema = z.object({
  intent: z.literal("invite-contact"),
  fullName: requiredText("Enter the contact's full name.", 200),
  email: z
    .string({ error: "Enter the contact's email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter the contact's email address.")
    .max(254, "That email address is too long.")
    .email("Enter a valid email address, like name@company.com."),
  role: z.enum(["viewer", "approver", "decision_maker"], {
    error: "Choose the contact's role.",
  }),
  title: optionalText(120),
  phone: optionalText(40),
});

export const TeamActionSchema = z.discriminatedUnion("intent", [
  AssignStaffSchema,
  RemoveStaffSchema,
  InviteContactSchema,
]);
export type TeamAction = z.infer<typeof TeamActionSchema>;
export type AssignStaffInput = z.infer<typeof AssignStaffSchema>;
export type InviteContactInput = z.infer<typeof InviteContactSchema>;
