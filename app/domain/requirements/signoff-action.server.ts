// What the requirement page's loader and action use from the schemas, imported
// by the route from this server-only module, so the schemas and zod stay out of
// the page's JavaScript (the sign-off forms validate on the server only; see
// app/domain/portal/portal-actions.server.ts and docs/decisions/0009).
export { parseWithZod } from "@conform-to/zod/v4";
export { CONSENT_STATEMENT, SignoffSchema } from "./schema";
