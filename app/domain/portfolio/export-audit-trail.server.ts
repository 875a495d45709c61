// One client's audit trail as CSV: sign-offs with their evidence, slips,
// dissatisfiers and the commitment history, oldest first. Staff only: the
// client_audit_trail view gives a contact no row, and the route asks for staff.
import { stringify } from "csv-stringify/sync";
import type { ClientAccess } from "~/domain/clients/require-client.server";
import type { Db } from "~/lib/supabase.server";
import { fail, ok, type Result } from "~/lib/result";
import { neutraliseFormula } from "./export-portfolio.server";

export async function exportAuditTrailCsv(db: Db, access: ClientAccess): Promise<Result<string>> {
  if (!access.isStaff) return fail("forbidden", "The audit trail is for the client's team.");
  const { data, error } = await db
    .from("client_audit_trail")
    .select("at, kind, subject, actor, detail, evidence")
    .eq("client_id", access.client.id)
    .order("at")
    .order("kind");
  if (error) throw new Error(`Could not load the audit trail: ${error.message}`);
  const header = ["When (UTC)", "What", "About", "Who", "Detail", "Evidence"];
  const rows = data.map((r) => [r.at, r.kind, r.subject, r.actor, r.detail, r.evidence].map((v) => v ?? ""));
  return ok(stringify([header, ...rows], { record_delimiter: "windows", cast: { string: neutraliseFormula } }));
}
