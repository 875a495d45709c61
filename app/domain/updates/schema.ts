// Zod schemas shared by the update forms (conform, in the browser) and their
// actions (the same schema decides on the server).
import { z } from "zod";
import { optionalDay } from "../day-field";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalId = (message: string) => z.preprocess(blankToUndefined, z.string().uuid(message).optional());

const UpdateFields = z.object({
  title: z.string({ error: "Give the update a title." }).trim().min(1, "Give the update a title.").max(200, "At most 200 characters."),
  bodyMarkdown: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v),
    z.string({ error: "Write the update." }).trim().min(1, "Write the update.").max(20_000, "At most 20,000 characters."),
  ),
  staffOnly: checkbox,
  decisionNeeded: checkbox,
  decisionDue: optionalDay,
  decisionFrom: optionalId("Choose a contact from the list."),
  milestoneId: optionalId("Choose a milestone from the list."),
  requirementDocumentId: optionalId("Choose a document from the list."),
});

type Fields = z.infer<typeof UpdateFields>;

function checkDecision(v: Fields, ctx: z.RefinementCtx) {
  if (!v.decisionNeeded) return;
  if (v.staffOnly) {
    ctx.addIssue({ code: "custom", path: ["decisionNeeded"], message: "A staff-only update cannot ask the client for a decision." });
  }
  if (!v.decisionDue) ctx.addIssue({ code: "custom", path: ["decisionDue"], message: "Say by when the decision is needed." });
  if (!v.decisionFrom) ctx.addIssue({ code: "custom", path: ["decisionFrom"], message: "Choose who should decide." });
}

/** Without a decision, its date and person are not kept. */
function normalise<T extends Fields>(v: T): T {
  return v.decisionNeeded ? v : { ...v, decisionDue: undefined, decisionFrom: undefined };
}

export const PostUpdateSchema = UpdateFields.extend({ intent: z.literal("post-update") })
  .superRefine(checkDecision)
  .transform(normalise);

export const EditUpdateSchema = UpdateFields.extend({
  intent: z.literal("edit-update"),
  updateId: z.string({ error: "That update is unknown." }).uuid("That update is unknown."),
})
  .superRefine(checkDecision)
  .transform(normalise);

export type UpdateInput = z.infer<typeof PostUpdateSchema>;
export type EditUpdateInput = z.infer<typeof EditUpdateSchema>;

/** A contact's answer to a decision request. */
export const ReplySchema = z.object({
  answer: z.string({ error: "Give a short answer." }).trim().min(1, "Give a short answer.").max(200, "At most 200 characters."),
  comment: z.preprocess(blankToUndefined, z.string().trim().max(2000, "At most 2,000 characters.").optional()),
});
export type ReplyInput = z.infer<typeof ReplySchema>;
