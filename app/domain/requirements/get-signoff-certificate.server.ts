import type { Db } from "~/lib/supabase.server";
import type { ClientAccess } from "../clients/require-client.server";
import { getRequirementDocument, type RequirementDocument, type RequirementVersion, type Signoff } from "./get-requirement-document.server";

/** Where each field of an approval comes from: who vouches for it. Shown on the certificate. */
export const EVIDENCE_SOURCES = [
  { field: "Name and email", source: "copied by the database from the signer's portal account at the moment of signing; people cannot change their own email, nor take the name of someone else in the portal" },
  { field: "Approved at", source: "the database's clock when the approval was recorded" },
  { field: "IP address", source: "recorded by the portal's server from the request, carried in the short-lived token it signed for that request; never taken from the form" },
  { field: "Browser", source: "the user agent the portal's server received with the request, carried the same way; never taken from the form" },
  { field: "Signature", source: "typed by the signer; the database refuses it unless it is the signer's own name" },
  { field: "Consent", source: "the portal's consent statement, which the signer ticked" },
  { field: "Text signed (SHA-256)", source: "computed by the database from the exact text of the version when it was published" },
] as const;

export type SignoffCertificate = {
  doc: RequirementDocument;
  version: RequirementVersion;
  /** The approvals of this version: the evidence. */
  approvals: Signoff[];
  /** Where each field of the evidence comes from. */
  sources: typeof EVIDENCE_SOURCES;
};

/** The certificate of an approved version (everyone it was published for approved it: its approver snapshot), or null. */
export async function getSignoffCertificate(
  db: Db,
  access: ClientAccess,
  documentId: string,
  versionNumber: number,
  viewerId: string,
): Promise<SignoffCertificate | null> {
  const doc = await getRequirementDocument(db, access.client.slug, documentId, viewerId);
  const version = doc?.versions.find((v) => v.version === versionNumber);
  if (!doc || !version || !version.approved) return null;
  return {
    doc,
    version,
    approvals: doc.signoffs.filter((s) => s.versionId === version.id && s.decision === "approved"),
    sources: EVIDENCE_SOURCES,
  };
}
