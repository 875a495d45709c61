// Zod schemas shared by the staff setup forms (client validation through
// conform) and their actions (the same schema decides on the server).
import { z } from "zod";
import type { Database } from "~/lib/database.types";

export type StaffRole = Database["public"]["Enums"]["staff_role"];
export type ContactRole = Database["public"]["Enums"]["contact_role"];

export const STAFF_ROLES = [
  { value: "project_manager", label: "Project manager" },
  { value: "service_team", label: "Service team" },
  { value: "relationship_manager", label: "Relationship manager" },
  { value: "sales", label: "Sales" },
] as const satisfies readonly { value: StaffRole; label: string }[];

export const CONTACT_ROLES = [
  { value: "viewer", label: "Viewer: follows progress" },
  { value: "approver", label: "Approver: signs off requirements" },
  { value: "decision_maker", label: "Decision maker: gets the digest" },
] as const satisfies readonly { value: ContactRole; label: string }[];

export const staffRoleLabel = (role: StaffRole) => STAFF_ROLES.find((r) => r.value === role)!.label;
export const contactRoleLabel = (role: ContactRole) =>
  CONTACT_ROLES.find((r) => r.value === role)!.label.split(":")[0]!;

// ---------------------------------------------------------------- shared pieces

/** The same rule as the clients_slug check in the database. */
export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$/;
const SLUG_MESSAGE = "Use 1 to 50 lowercase letters, digits and hyphens, starting and ending with a letter or digit.";
const COLOUR_PATTERN = /^#[0-9a-f]{6}$/;
const COLOUR_MESSAGE = "Use a colour in the form #rrggbb, for example #1d3557.";

export const MAX_LOGO_BYTES = 256 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const LOGO_TYPE_MESSAGE = "Use a PNG, JPEG or WebP image. SVG and other formats are not accepted.";
export const LOGO_SIZE_MESSAGE = "The logo must be 256 KB or smaller.";
export const MAX_CRITERIA = 10;

/** An address made from a name: "Acme Café & Co." → "acme-cafe-co". May be empty. */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 50)
    .replace(/-+$/, "");
}

const requiredText = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, `At most ${max} characters.`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

const colour = (label: string) =>
  z
    .string({ error: `Choose the ${label}.` })
    .trim()
    .toLowerCase()
    .regex(COLOUR_PATTERN, COLOUR_MESSAGE);

const optionalDay = z.iso.date("Enter a real date, like 2027-03-01.").optional();

const personId = (message: string) => z.string({ error: message }).uuid(message);

// ---------------------------------------------------------------- success criteria

export type SuccessCriterion = { statement: string; measure: string | null };

/** "statement | measure" per line; blank lines are skipped; the measure is optional. */
export function parseCriteriaLines(text: string): {
  criteria: SuccessCriterion[];
  problems: string[];
} {
  const criteria: SuccessCriterion[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const bar = line.indexOf("|");
    const statement = (bar === -1 ? line : line.slice(0, bar)).trim();
    const measure = bar === -1 ? "" : line.slice(bar + 1).trim();
    const where = `Line ${index + 1}`;
    if (!statement) problems.push(`${where}: write what success is before the "|".`);
    else if (statement.length > 500) problems.push(`${where}: the statement is longer than 500 characters.`);
    if (measure.length > 500) problems.push(`${where}: the measure is longer than 500 characters.`);
    criteria.push({ statement, measure: measure || null });
  });
  if (criteria.length > MAX_CRITERIA) problems.push(`At most ${MAX_CRITERIA} criteria at setup; add more later.`);
  return { criteria, problems };
}

const successCriteria = z
  .string()
  .max(12_000, "That is too much text for success criteria.")
  .optional()
  .transform((text, ctx) => {
    const { criteria, problems } = parseCriteriaLines(text ?? "");
    for (const message of problems) ctx.addIssue({ code: "custom", message, input: text });
    return criteria;
  });

// ---------------------------------------------------------------- logo

export const LogoSchema = z
  .file({ error: "Choose an image file." })
  .min(1, "That file is empty.")
  .max(MAX_LOGO_BYTES, LOGO_SIZE_MESSAGE)
  .mime([...LOGO_TYPES], LOGO_TYPE_MESSAGE);

// ---------------------------------------------------------------- a client's details

/**
 * The details of a client that are set at creation and changed later on the
 * settings page: name, brand colours, welcome text and the two dates.
 */
export const ClientDetailsFields = z.object({
  name: requiredText("Enter the client's name.", 200),
  primaryColor: colour("main colour"),
  accentColor: colour("accent colour"),
  welcomeText: optionalText(4000),
  goLiveDate: optionalDay,
  serviceTakeoverDate: optionalDay,
});

export const TAKEOVER_BEFORE_GO_LIVE_MESSAGE = "The service team cannot take over before go-live.";

/** The cross-field rule on the dates: the service team takes over on or after go-live. */
export function checkTakeoverAfterGoLive(
  v: { goLiveDate?: string; serviceTakeoverDate?: string },
  ctx: z.RefinementCtx,
) {
  if (v.goLiveDate && v.serviceTakeoverDate && v.serviceTakeoverDate < v.goLiveDate) {
    ctx.addIssue({
      code: "custom",
      path: ["serviceTakeoverDate"],
      message: TAKEOVER_BEFORE_GO_LIVE_MESSAGE,
    });
  }
}

// ---------------------------------------------------------------- create a client

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

// ---------------------------------------------------------------- a client's settings

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

// ---------------------------------------------------------------- the team page

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

/** What a domain call returns when the input is fine in shape but refused on its merits. */
export type FieldErrors = Record<string, string[]>;
