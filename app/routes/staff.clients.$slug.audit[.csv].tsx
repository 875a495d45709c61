// One client's audit trail as CSV: sign-offs with evidence, slips, dissatisfiers, commitment history.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClient } from "~/domain/clients/require-client.server";
import { exportAuditTrailCsv } from "~/domain/portfolio/export-audit-trail.server";
import { failureResponse } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const access = await requireClient(db, params.slug ?? "");
  const result = await exportAuditTrailCsv(db, access);
  if (!result.ok) throw failureResponse(result);
  return new Response(result.value, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-trail-${access.client.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
