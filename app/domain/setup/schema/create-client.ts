// The new-client form (staff.clients.new).
import { z } from "zod";
import {
  checkTakeoverAfterGoLive,
  ClientDetailsFields,
  LogoSchema,
  personId,
  SLUG_MESSAGE,
  SLUG_PATTERN,
  slugFromName,
  successCriteria,
} from "./shared";

/** The form's fields as plain values (what getZodConstraint can read); CreateClientSchema adds the cross-field rules. */
export const CreateClientFields = ClientDetailsFields.extend({
  slug: z.string().trim().toLowerCase().optional(),
  projectManagerId: personId("Choose the project manager from the list."),
  successCriteria,
  logo: LogoSchema.optional(),
});

export const CreateClientSchema = CreateClientFields.superRefine((v, ctx) => {
  const slug = v.slug ?? slugFromName(v.name ?? "");
  if (!SLUG_PATTERN.test(slug)) {
    ctx.addIssue({
      code: "custom",
      path: ["slug"],
      message: v.slug ? SLUG_MESSAGE : "We could not make an address from the name; type one.",
    });
  }
  checkTakeoverAfterGoLive(v, ctx);
}).transform((v) => ({ ...v, slug: v.slug ?? slugFromName(v.name) }));

export type CreateClientInput = z.output<typeof CreateClientSchema>;
