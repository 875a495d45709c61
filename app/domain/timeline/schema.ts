// Zod schemas shared by the plan editor's forms and its action.
import { z } from "zod";
import { day as isoDay, optionalDay } from "../day-field";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, `At most ${max} characters.`).optional());
const optionalId = z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("Choose from the list.").optional());
const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());

export const SLIP_SIDES = [
  { value: "provider", label: "Our side (provider)" },
  { value: "client", label: "The client's side" },
  { value: "third_party", label: "A third party (carrier, vendor…)" },
] as const;

const slipFields = {
  changeReason: optionalText(1000),
  changeSide: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["provider", "client", "third_party"]).optional()),
};

/** A moved planned date needs a reason (3+ characters) and the side it depended on. */
function requireSlipReason(moved: boolean, value: { changeReason?: string; changeSide?: string }, ctx: z.RefinementCtx) {
  if (!moved) return;
  if (!value.changeReason || value.changeReason.length < 3) {
    ctx.addIssue({ code: "custom", path: ["changeReason"], message: "Say why the date moved; the client sees this." });
  }
  if (!value.changeSide) {
    ctx.addIssue({ code: "custom", path: ["changeSide"], message: "Say which side the change depended on." });
  }
}

export const SavePhaseSchema = z
  .object({
    intent: z.literal("save-phase"),
    phaseId: optionalId,
    name: z.string({ error: "Name the phase." }).trim().min(1, "Name the phase.").max(200),
    plannedStart: isoDay,
    plannedEnd: isoDay,
    isInternal: checkbox,
    originalStart: optionalDay,
    originalEnd: optionalDay,
    ...slipFields,
  })
  .superRefine((v, ctx) => {
    if (v.plannedEnd < v.plannedStart) ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "The end cannot be before the start." });
    const moved = Boolean(v.phaseId) && (v.plannedStart !== v.originalStart || v.plannedEnd !== v.originalEnd);
    requireSlipReason(moved, v, ctx);
  });

export const SaveMilestoneSchema = z
  .object({
    intent: z.literal("save-milestone"),
    milestoneId: optionalId,
    phaseId: z.string({ error: "Choose a phase." }).uuid("Choose a phase."),
    title: z.string({ error: "Give the milestone a title." }).trim().min(1, "Give the milestone a title.").max(200),
    description: optionalText(2000),
    plannedDate: isoDay,
    actualDate: optionalDay,
    riskNote: optionalText(1000),
    isInternal: checkbox,
    originalPlannedDate: optionalDay,
    ...slipFields,
  })
  .superRefine((v, ctx) => {
    requireSlipReason(Boolean(v.milestoneId) && v.plannedDate !== v.originalPlannedDate, v, ctx);
  });

export const SaveTaskSchema = z.object({
  intent: z.literal("save-task"),
  taskId: optionalId,
  title: z.string({ error: "Say what you need." }).trim().min(1, "Say what you need.").max(200),
  description: optionalText(2000),
  dueDate: optionalDay,
  ownerId: optionalId,
  milestoneId: optionalId,
});

export const DeleteItemSchema = z.object({
  intent: z.literal("delete-item"),
  kind: z.enum(["phase", "milestone", "task"]),
  id: z.string().uuid(),
});

export const ApplyTemplateSchema = z.object({
  intent: z.literal("apply-template"),
  templateId: z.string({ error: "Choose a template." }).uuid("Choose a template."),
  startDate: isoDay,
});

export const SaveTemplateSchema = z.object({
  intent: z.literal("save-template"),
  name: z.string({ error: "Name the template." }).trim().min(1, "Name the template.").max(120),
  description: optionalText(1000),
});

export const PlanActionSchema = z.discriminatedUnion("intent", [
  SavePhaseSchema,
  SaveMilestoneSchema,
  SaveTaskSchema,
  DeleteItemSchema,
  ApplyTemplateSchema,
  SaveTemplateSchema,
]);
export type PlanAction = z.infer<typeof PlanActionSchema>;
