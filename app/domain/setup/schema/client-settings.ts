// A client's settings form (staff.clients.$slug.settings).
import { z } from "zod";
import { checkTakeoverAfterGoLive, ClientDetailsFields, LogoSchema } from "./shared";

export const LOGO_REPLACE_OR_REMOVE_MESSAGE = "Choose a new logo or remove the logo, not both.";

/** The settings form's fields (the slug is not among them: a client's address does not change). */
export const ClientSettingsFields = ClientDetailsFields.extend({
  logo: LogoSchema.optional(),
  /** A checkbox: "on" when ticked. */
  removeLogo: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export const ClientSettingsSchema = ClientSettingsFields.superRefine((v, ctx) => {
  checkTakeoverAfterGoLive(v, ctx);
  if (v.logo && v.removeLogo) {
    ctx.addIssue({
      code: "custom",
      path: ["removeLogo"],
      message: LOGO_REPLACE_OR_REMOVE_MESSAGE,
    });
  }
});

export type ClientSettingsInput = z.output<typeof ClientSettingsSchema>;
