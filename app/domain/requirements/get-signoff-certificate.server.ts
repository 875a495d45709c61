import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import { getRequirementDocument, type RequirementDocument, type RequirementVersion, type Signoff } from "./get-requirement-document.server";

export type SignoffCertificate = {
  doc: RequirementDocument;
  version: RequirementVersion;
  /** The approvals of this version: the evidence. */
  approvals: Signoff[];
};

/** The certificate of an approved version (everyone it was published for approved it: its approver snapshot), or null. */
export async function getSignoffCertificate(
  db: Db,
  access: ClientAccess,
  documentId: string,
  versionNumber: number,
  viewerId: string,
): Promise<SignoffCertificate | null> {
  const doc = await getRequirementDocument(db, access, documentId, viewerId);
  const version = doc?.versions.find((v) => v.version === versionNumber);
  if (!doc || !version || !version.approved) return null;
  return { doc, version, approvals: doc.signoffs.filter((s) => s.versionId === version.id && s.decision === "approved") };
}
