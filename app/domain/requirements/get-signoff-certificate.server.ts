import type { Db } from "~/lib/supabase.server";
import { getRequirementDocument, type RequirementDocument, type RequirementVersion, type Signoff } from "./get-requirement-document.server";

export type SignoffCertificate = {
  doc: RequirementDocument;
  version: RequirementVersion;
  /** The approvals of this version: the evidence. */
  approvals: Signoff[];
};

/** The certificate of an approved version (every required approver approved it), or null. */
export async function getSignoffCertificate(
  db: Db,
  slug: string,
  documentId: string,
  versionNumber: number,
  viewer: { id: string; isStaff: boolean; isAdmin: boolean },
): Promise<SignoffCertificate | null> {
  const doc = await getRequirementDocument(db, slug, documentId, viewer);
  const version = doc?.versions.find((v) => v.version === versionNumber);
  if (!doc || !version || !version.approved) return null;
  return { doc, version, approvals: doc.signoffs.filter((s) => s.versionId === version.id && s.decision === "approved") };
}
