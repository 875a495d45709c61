// The transition to ongoing service, on the staff handoff page: what is still
// open, the PM's note to the incoming relationship manager, and the
// relationship manager's acknowledgement (which moves everything open to them).
import { getSelectProps, getTextareaProps } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { HandoffPage, TransitionState } from "~/domain/handoff/get-handoff.server";
import { SelectField, TextareaField } from "~/ui/field";
import { formatDateTime, formatDay } from "~/ui/format";
import { CommitmentStatusBadge } from "./commitment-status";
import { ActionButton, HandoffForm, useHandoffForm } from "./handoff-form";

const STAFF_ONLY = "Staff only: the client sees who their day-to-day contact is, never this note.";

/** What the note starts from when the PM first writes it: everything still open, one per line. */
function openLines(page: HandoffPage) {
  return {
    openCommitments: page.commitments
      .filter((c) => c.status !== "delivered")
      .map((c) => `- ${c.promise}`)
      .join("\n"),
    openConcerns: page.openConcerns.map((d) => `- ${d.summary}`).join("\n"),
  };
}

function TransitionForm({ page }: { page: HandoffPage }) {
  const t = page.transition;
  const { form, fields, saved } = useHandoffForm(
    "transition",
    t
      ? { relationshipManagerId: t.relationshipManagerId, ...t.note }
      : { relationshipManagerId: page.relationshipManagers.length === 1 ? page.relationshipManagers[0]!.id : undefined, ...openLines(page) },
  );
  if (!page.relationshipManagers.length) {
    return (
      <p className="warning" role="note">
        Add a relationship manager to the <Link to={`/staff/clients/${page.client.slug}/team`}>team</Link> first: they take the client over.
      </p>
    );
  }
  const area = (field: (typeof fields)["openItems"], label: string, hint: string) => (
    <TextareaField label={label} hint={hint} errors={field.errors} textareaProps={{ ...getTextareaProps(field), rows: 3 }} />
  );
  return (
    <HandoffForm form={form} intent="write-transition" saved={saved} submitLabel={t ? "Save the transition note" : "Write the transition note"}>
      <SelectField label="Incoming relationship manager" errors={fields.relationshipManagerId.errors} selectProps={getSelectProps(fields.relationshipManagerId)}>
        <option value="">Choose who takes over…</option>
        {page.relationshipManagers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.fullName}
          </option>
        ))}
      </SelectField>
      {area(fields.openItems, "Open items", "Anything still to finish or follow up, one per line.")}
      {area(fields.openCommitments, "Open commitments", "Promises not delivered yet and where they stand. They move to the relationship manager.")}
      {area(fields.openConcerns, "Open concerns", "Dissatisfiers and worries still open. They move to the relationship manager.")}
      {area(fields.clientPreferences, "The client's preferences", "How they like to work: channels, times, who decides, what annoys them.")}
    </HandoffForm>
  );
}

function NoteText({ label, text }: { label: string; text: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd style={{ whiteSpace: "pre-line" }}>{text ?? "—"}</dd>
    </div>
  );
}

function TransitionStatus({ t }: { t: TransitionState }) {
  if (t.acknowledgedAt) {
    return (
      <p role="status">
        <span className="status status-done">
          <span aria-hidden="true">✓</span> Handed over
        </span>{" "}
        {t.acknowledgedBy ?? t.relationshipManager ?? "The relationship manager"} acknowledged the note on {formatDateTime(t.acknowledgedAt)} and is now
        the client&apos;s day-to-day contact: {t.movedCommitments} open {t.movedCommitments === 1 ? "commitment" : "commitments"} and {t.movedConcerns} open{" "}
        {t.movedConcerns === 1 ? "concern" : "concerns"} moved to them.
      </p>
    );
  }
  return (
    <p>
      <span className="status status-at_risk">
        <span aria-hidden="true">…</span> Waiting for acknowledgement
      </span>{" "}
      {t.writtenBy ?? "The project manager"} wrote the note on {formatDateTime(t.writtenAt)} for{" "}
      <strong>{t.relationshipManager ?? "a relationship manager no longer on the team"}</strong>.
    </p>
  );
}

export function TransitionSection({ page }: { page: HandoffPage }) {
  const t = page.transition;
  const openCommitments = page.commitments.filter((c) => c.status !== "delivered");
  return (
    <section className="panel" aria-labelledby="transition-title">
      <h2 id="transition-title">Transition to ongoing service</h2>
      <p className="muted">
        The project manager writes a note for the incoming relationship manager; when they acknowledge it, every open commitment and open concern
        moves to them and the client&apos;s page names them as the day-to-day contact.
      </p>
      {t ? <TransitionStatus t={t} /> : <p className="empty-state">No transition note yet.</p>}

      <h3>Still open</h3>
      {openCommitments.length ? (
        <ul>
          {openCommitments.map((c) => (
            <li key={c.id}>
              {c.promise} <CommitmentStatusBadge status={c.status} audience="staff" />{" "}
              <span className="muted">· owner: {c.owner ?? "the project manager"}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No open commitments.</p>
      )}
      {page.openConcerns.length ? (
        <ul>
          {page.openConcerns.map((d) => (
            <li key={d.id}>
              Concern: {d.summary}{" "}
              <span className="muted">
                · {d.status === "in_progress" ? "in progress" : "open"}
                {d.dueDate ? ` · due ${formatDay(d.dueDate)}` : ""} · owner: {d.owner ?? "nobody yet"}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No open concerns.</p>
      )}

      {t ? (
        <>
          <h3>
            The transition note <span className="tag-internal">{STAFF_ONLY}</span>
          </h3>
          <dl className="transition-note">
            <NoteText label="Open items" text={t.note.openItems} />
            <NoteText label="Open commitments" text={t.note.openCommitments} />
            <NoteText label="Open concerns" text={t.note.openConcerns} />
            <NoteText label="The client's preferences" text={t.note.clientPreferences} />
          </dl>
        </>
      ) : null}
      {page.canAcknowledge ? (
        <ActionButton
          intent="acknowledge-transition"
          formId="acknowledge-transition"
          fields={{}}
          label="Acknowledge and take over"
          hiddenLabel={`${page.client.name}, with everything still open`}
          danger={false}
        />
      ) : null}
      {page.canWriteTransition ? (
        <>
          <h3>{t ? "Change the transition note" : "Write the transition note"}</h3>
          <TransitionForm page={page} />
        </>
      ) : null}
    </section>
  );
}
