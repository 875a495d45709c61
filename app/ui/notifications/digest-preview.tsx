import type { DigestPreview } from "~/domain/digests/preview-digest.server";
import { formatDateTime } from "~/ui/format";
import { WEEKDAYS } from "~/domain/notifications/schema";

/** A contact's digest settings in words, and the digest itself in a sandboxed frame, as the mail client would show it. */
export function DigestPreviewPanel({ preview }: { preview: DigestPreview }) {
  const d = preview.settings.digest;
  const schedule =
    d.frequency === "never"
      ? "gets no digest"
      : d.frequency === "daily"
        ? `gets it daily at ${String(d.hour).padStart(2, "0")}:00 (${d.timeZone})`
        : `gets it weekly on ${WEEKDAYS[d.weekday - 1]} at ${String(d.hour).padStart(2, "0")}:00 (${d.timeZone})`;
  const html = preview.html.replace(/<head>/i, '<head><base target="_top">');
  return (
    <section className="panel" aria-labelledby="digest-subject">
      <p>
        {preview.contact.name} {schedule}
        {d.isDefault ? " (the default for their role)" : ""}.{" "}
        {preview.lastSentAt ? `The last digest covered up to ${formatDateTime(preview.lastSentAt)}.` : "No digest has gone to them yet."}
      </p>
      <h2 id="digest-subject">{preview.subject}</h2>
      <iframe
        title={`Digest for ${preview.contact.name}`}
        className="mail-frame"
        srcDoc={html}
        sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
      />
    </section>
  );
}
