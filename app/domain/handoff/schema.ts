// Zod schemas shared by the handoff forms (conform, in the browser) and their
// actions (the same schema decides on the server): the staff handoff page and
// the client's "What we promised you" section.
import { z } from "zod";
import { optionalDay } from "../day-field";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, `At most ${max} characters.`).optional());
const requiredText = (max: number, message: string, min = 1) =>
  z.string({ error: message }).trim().min(min, message).max(max, `At most ${max} characters.`);
const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("That item is unknown.").optional());
const id = (what: string) => z.string({ error: `That ${what} is unknown.` }).uuid(`That ${what} is unknown.`);

export { COMMITMENT_STATUSES, COMMITMENT_STATUS_LABEL, NOTE_KINDS, STAFF_STATUS_LABEL, type CommitmentStatus, type NoteKind } from "./labels";

export const SaveHandoffSchema = z.object({
  intent: z.literal("save-handoff"),
  meetingDate: optionalDay,
  attendees: optionalText(2000),
  summary: optionalText(4000),
});

export const SaveCommitmentSchema = z.object({
  intent: z.literal("save-commitment"),
  commitmentId: optionalId,
  promise: requiredText(1000, "Say what was promised (at least 3 characters).", 3),
  promisedBy: requiredText(200, "Say who promised it."),
  promisedOn: optionalDay,
  source: optionalText(500),
  dueDate: optionalDay,
  /** Staff flag a risk by hand; otherwise the status follows the client's answer and the links. */
  atRisk: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export const DeleteCommitmentSchema = z.object({ intent: z.literal("delete-commitment"), commitmentId: id("commitment") });

export const SaveFactSchema = z.object({
  intent: z.literal("save-fact"),
  factId: optionalId,
  label: requiredText(200, "Name the fact, for example Head count."),
  sellerValue: optionalText(2000),
  note: optionalText(2000),
});

export const DeleteFactSchema = z.object({ intent: z.literal("delete-fact"), factId: id("fact") });

export const SaveNoteSchema = z.object({
  intent: z.literal("save-note"),
  noteId: optionalId,
  kind: z.enum(["red_flag", "temperament", "sensitivity", "history"], { error: "Choose what kind of note this is." }),
  body: requiredText(4000, "Write the note."),
});

export const DeleteNoteSchema = z.object({ intent: z.literal("delete-note"), noteId: id("note") });

/** "milestone:<uuid>" or "requirement:<uuid>": one select lists both kinds. */
export const LinkCommitmentSchema = z.object({
  intent: z.literal("link-commitment"),
  commitmentId: id("commitment"),
  target: z
    .string({ error: "Choose a milestone or a requirement document." })
    .regex(/^(milestone|requirement):[0-9a-f-]{36}$/i, "Choose a milestone or a requirement document."),
});

export const UnlinkCommitmentSchema = z.object({ intent: z.literal("unlink-commitment"), linkId: id("link") });

/** The PM's transition note to the incoming relationship manager (staff only). */
export const WriteTransitionSchema = z.object({
  intent: z.literal("write-transition"),
  relationshipManagerId: z
    .string({ error: "Choose the relationship manager who takes over." })
    .uuid("Choose the relationship manager who takes over."),
  openItems: optionalText(4000),
  openCommitments: optionalText(4000),
  openConcerns: optionalText(4000),
  clientPreferences: optionalText(4000),
});

/** The named relationship manager takes over. */
export const AcknowledgeTransitionSchema = z.object({ intent: z.literal("acknowledge-transition") });

export const HandoffActionSchema = z.discriminatedUnion("intent", [
  SaveHandoffSchema,
  SaveCommitmentSchema,
  DeleteCommitmentSchema,
  SaveFactSchema,
  DeleteFactSchema,
  SaveNoteSchema,
  DeleteNoteSchema,
  LinkCommitmentSchema,
  UnlinkCommitmentSchema,
  WriteTransitionSchema,
  AcknowledgeTransitionSchema,
]);
export type HandoffAction = z.infer<typeof HandoffActionSchema>;

// ---------------------------------------------------------------- the client's side

export const ConfirmCommitmentSchema = z.object({ intent: z.literal("confirm-commitment"), commitmentId: id("commitment") });
export const DisputeCommitmentSchema = z.object({
  intent: z.literal("dispute-commitment"),
  commitmentId: id("commitment"),
  comment: requiredText(2000, "Say what was agreed instead.", 3),
});
export const AnswerFactSchema = z.object({
  intent: z.literal("answer-fact"),
  factId: id("fact"),
  value: requiredText(2000, "Give your answer."),
});
export const CommitmentResponseSchema = z.discriminatedUnion("intent", [ConfirmCommitmentSchema, DisputeCommitmentSchema, AnswerFactSchema]);
export type CommitmentResponse = z.infer<typeof CommitmentResponseSchema>;
