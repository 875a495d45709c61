import { z } from "zod";

export const PortalActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("set-task-status"),
    taskId: z.string().uuid("Unknown task."),
    status: z.enum(["open", "done"]),
  }),
  z.object({ intent: z.literal("create-calendar-feed") }),
  z.object({ intent: z.literal("revoke-calendar-feeds") }),
]);
export type PortalAction = z.infer<typeof PortalActionSchema>;
