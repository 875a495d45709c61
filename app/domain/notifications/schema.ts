// Zod schemas shared by the preferences form (conform, in the browser) and its
// action, and by the unsubscribe page's form.
import { z } from "zod";

export const NOTIFICATION_KINDS = ["updates", "sign_off_requests", "date_changes"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const DELIVERIES = ["now", "digest", "never"] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const FREQUENCIES = ["weekly", "daily", "never"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const KIND_LABEL: Record<NotificationKind, string> = {
  updates: "Updates from your project team",
  sign_off_requests: "Requests to sign off a document",
  date_changes: "Changes to dates in your plan",
};
export const DELIVERY_LABEL: Record<Delivery, string> = { now: "At once", digest: "In the digest only", never: "Never" };
export const FREQUENCY_LABEL: Record<Frequency, string> = { weekly: "Weekly", daily: "Daily", never: "Never" };
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const delivery = z.enum(DELIVERIES, { error: "Choose how you want these emails." });

export const PreferencesSchema = z
  .object({
    updates: delivery,
    sign_off_requests: delivery,
    date_changes: delivery,
    frequency: z.enum(FREQUENCIES, { error: "Choose how often the digest comes." }),
    weekday: z.coerce.number({ error: "Choose a day of the week." }).int().min(1, "Choose a day of the week.").max(7, "Choose a day of the week."),
    hour: z.coerce.number({ error: "Choose an hour." }).int().min(0, "Choose an hour.").max(23, "Choose an hour."),
    timeZone: z.string({ error: "Choose a time zone from the list." }).trim().min(1, "Choose a time zone from the list.").max(64),
  })
  .superRefine((v, ctx) => {
    if (v.frequency === "never" && [v.updates, v.sign_off_requests, v.date_changes].includes("digest")) {
      ctx.addIssue({
        code: "custom",
        path: ["frequency"],
        message: "You chose “in the digest only” for some emails: choose how often the digest comes, or another option for them.",
      });
    }
  });
export type PreferencesInput = z.infer<typeof PreferencesSchema>;

/** The unsubscribe page's one form: stop this kind, or move it (digest only; for the digest: weekly or daily). */
export const UnsubscribeSchema = z.object({
  choice: z.enum(["never", "digest", "weekly", "daily"], { error: "Choose what to do." }),
});
