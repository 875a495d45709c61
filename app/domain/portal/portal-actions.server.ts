// What the client page's action parses its forms with, imported by the route
// from this server-only module. The client page validates on the server only:
// imported directly, the schemas (and zod, ~90 KB gzipped) would be pulled into
// the page's JavaScript whenever any staff page uses them in the browser, even
// though the page's own code never calls them (issue 13; docs/decisions/0009).
export { parseWithZod } from "@conform-to/zod/v4";
export { CommitmentResponseSchema } from "~/domain/handoff/schema";
export { PortalActionSchema } from "./schema";
