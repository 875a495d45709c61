// What the setup forms share: roles, the address and colour rules, the logo, the
// success criteria and a client's details (set at creation, changed in settings).
import { z } from "zod";
import type { Database } from "~/lib/database.types";
import { optionalDay } from "../../day-field";

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
export const SLUG_MESSAGE = "Use 1 to 50 lowercase letters, digits and hyphens, starting and ending with a letter or digit.";
export const COLOUR_PATTERN = /^#[0-9a-f]{6}$/;
export const COLOUR_MESSAGE = "Use a colour in the form #rrggbb, for example #1d3557.";

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

export const requiredText = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, `At most ${max} characters.`);

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const colour = (label: string) =>
  z
    .string({ error: `Choose the ${label}.` })
    .trim()
    .toLowerCase()
    .regex(COLOUR_PATTERN, COLOUR_MESSAGE);


export const personId = (message: string) => z.string({ error: message }).uuid(message);

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

export const successCriteria = z
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
/** What a domain call returns when the input is fine in shape but refused on its merits. */
export type FieldErrors = Record<string, string[]>;
