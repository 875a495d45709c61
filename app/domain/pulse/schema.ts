import { z } from "zod";

const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, message).optional());

/** The client page's two forms (posted to /c/<slug>/pulse). */
export const PulseActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("answer-pulse"),
    pulseId: z.string().uuid("Unknown pulse."),
    score: z.coerce.number({ message: "Choose a score from 1 to 5." }).int().min(1, "Choose a score from 1 to 5.").max(5, "Choose a score from 1 to 5."),
    comment: optionalText(2000, "Keep the comment under 2000 characters."),
  }),
  z.object({
    intent: z.literal("raise-concern"),
    body: z.string({ message: "Tell us what is wrong." }).trim().min(1, "Tell us what is wrong.").max(4000, "Keep it under 4000 characters."),
  }),
]);
export type PulseAction = z.infer<typeof PulseActionSchema>;

export const STATUSES = ["open", "in_progress", "resolved"] as const;
export const SEVERITIES = ["low", "medium", "high"] as const;
export const STATUS_LABEL: Record<(typeof STATUSES)[number], string> = { open: "Open", in_progress: "In progress", resolved: "Resolved" };

const isoDay = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31.").optional(),
);
const optionalUuid = z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("Choose someone on the team.").optional());

/** The PM's setting on the feedback page: how often a running onboarding is asked. */
export const PulseIntervalSchema = z.object({
  intent: z.literal("set-pulse-interval"),
  pulseIntervalDays: z.coerce
    .number({ message: "Choose between 1 and 90 days." })
    .int("Choose a whole number of days.")
    .min(1, "Choose between 1 and 90 days.")
    .max(90, "Choose between 1 and 90 days."),
});

/** The staff register's forms (posted to /staff/clients/<slug>/feedback). */
export const FeedbackActionSchema = z.discriminatedUnion("intent", [
  PulseIntervalSchema,
  z.object({ intent: z.literal("request-pulse") }),
  z.object({
    intent: z.literal("open-dissatisfier"),
    summary: z.string({ message: "Write a summary." }).trim().min(1, "Write a summary.").max(500, "Keep it under 500 characters."),
    source: z.enum(["call", "meeting"], { message: "Say whether it came from a call or a meeting." }),
    severity: z.enum(SEVERITIES).default("medium"),
    dueDate: isoDay,
    ownerId: optionalUuid,
  }),
  z.object({
    intent: z.literal("update-dissatisfier"),
    id: z.string().uuid("Unknown dissatisfier."),
    status: z.enum(STATUSES),
    severity: z.enum(SEVERITIES),
    ownerId: optionalUuid,
    dueDate: isoDay,
    triageNotes: optionalText(8000, "Keep the notes under 8000 characters."),
    resolution: optionalText(4000, "Keep the resolution under 4000 characters."),
  }),
]);
export type FeedbackAction = z.infer<typeof FeedbackActionSchema>;

/** The one-click answer page (/pulse/<token>): the score, and the comment kept or added. */
export const PulseLinkSchema = z.object({
  score: z.coerce.number({ message: "Choose a score from 1 to 5." }).int("Choose a score from 1 to 5.").min(1, "Choose a score from 1 to 5.").max(5, "Choose a score from 1 to 5."),
  comment: optionalText(2000, "Keep the comment under 2000 characters."),
});
export type PulseLinkInput = z.infer<typeof PulseLinkSchema>;

