// Zod schemas shared by the requirement forms (conform, in the browser) and
// their actions (the same schema decides on the server).
import { z } from "zod";
import { optionalDay } from "../day-field";

/**
 * What an approver agrees to by ticking the box. Defined here, on the server's
 * side of the form: the recorded consent text is always this, never what a
 * form sent.
 */
export const CONSENT_STATEMENT =
  "I have read this version of the document in full and I approve it. I understand that my approval, my typed name, " +
  "the time, my network address and my browser are recorded as evidence and cannot be changed afterwards.";

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(max, `At most ${max} characters.`).optional(),
  );
const title = z.string({ error: "Give the document a title." }).trim().min(1, "Give the document a title.").max(200, "At most 200 characters.");
const approverIds = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
  z.array(z.string().uuid("Choose approvers from the list.")).max(50),
);
/** The text as typed, with browser line endings (CRLF) made plain; otherwise exact, since it is hashed. */
const markdown = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v ?? ""),
  z.string().max(200_000, "At most 200,000 characters."),
);

export const CreateDocumentSchema = z.object({
  intent: z.literal("create-document"),
  title,
  area: optionalText(120),
  dueDate: optionalDay,
  approverIds,
});
export type CreateDocumentInput = z.infer<typeof CreateDocumentSchema>;

/** The PM's editor: save the draft, or save it and publish it as the next version. */
export const SaveDocumentSchema = z
  .object({
    intent: z.enum(["save-draft", "publish"]),
    title,
    area: optionalText(120),
    dueDate: optionalDay,
    approverIds,
    draftMarkdown: markdown,
    changeNote: optionalText(2000),
    /** The version the editor showed (0: none yet): publishing on top of an older one is refused as a conflict. */
    baseVersion: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? undefined : Number(v)),
      z.number().int().min(0).optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.intent !== "publish") return;
    if (v.draftMarkdown.trim() === "") ctx.addIssue({ code: "custom", path: ["draftMarkdown"], message: "Write the document before publishing it." });
    if (v.approverIds.length === 0) ctx.addIssue({ code: "custom", path: ["approverIds"], message: "Choose who must sign this off." });
  });
export type SaveDocumentInput = z.infer<typeof SaveDocumentSchema>;

const versionId = z.string({ error: "That version is unknown." }).uuid("That version is unknown.");

export const ApproveSchema = z.object({
  decision: z.literal("approved"),
  versionId,
  consent: z.preprocess((v) => v === "on" || v === "true", z.literal(true, { error: "Tick the consent statement to approve." })),
  signatureName: z.string({ error: "Type your full name as your signature." }).trim().min(1, "Type your full name as your signature.").max(200),
});

export const RequestChangesSchema = z.object({
  decision: z.literal("changes_requested"),
  versionId,
  comment: z.string({ error: "Say what should change." }).trim().min(1, "Say what should change.").max(5000, "At most 5,000 characters."),
});

export const SignoffSchema = z.discriminatedUnion("decision", [ApproveSchema, RequestChangesSchema]);
export type SignoffInput = z.infer<typeof SignoffSchema>;
