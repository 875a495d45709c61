import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { HandoffPage, StaffCommitment } from "~/domain/handoff/get-handoff.server";
import { NOTE_KINDS, STAFF_STATUS_LABEL } from "~/domain/handoff/schema";
import { CheckboxField, Field, SelectField, TextareaField } from "~/ui/field";
import { formatDateTime, formatDay } from "~/ui/format";
import { CommitmentStatusBadge } from "./commitment-status";
import { ActionButton, HandoffForm, useHandoffForm } from "./handoff-form";
import { TransitionSection } from "./transition-section";

const INTERNAL = "Internal — never shown to the client";

function MeetingForm({ page }: { page: HandoffPage }) {
  const { form, fields, saved } = useHandoffForm("handoff", {
    meetingDate: page.handoff.meetingDate,
    attendees: page.handoff.attendees,
    summary: page.handoff.summary,
  });
  return (
    <HandoffForm form={form} intent="save-handoff" saved={saved} submitLabel="Save the handoff meeting">
      <Field label="Handoff meeting date" errors={fields.meetingDate.errors} inputProps={getInputProps(fields.meetingDate, { type: "date" })} />
      <TextareaField
        label="Who attended"
        hint="Names and roles, on both sides."
        errors={fields.attendees.errors}
        textareaProps={{ ...getTextareaProps(fields.attendees), rows: 2 }}
      />
      <TextareaField label="Summary (staff only)" errors={fields.summary.errors} textareaProps={{ ...getTextareaProps(fields.summary), rows: 3 }} />
    </HandoffForm>
  );
}

export function CommitmentForm({ commitment }: { commitment?: StaffCommitment }) {
  const { form, fields, saved } = useHandoffForm(commitment ? `commitment-${commitment.id}` : "new-commitment", commitment && {
    commitmentId: commitment.id,
    promise: commitment.promise,
    promisedBy: commitment.promisedBy,
    promisedOn: commitment.promisedOn,
    source: commitment.source,
    dueDate: commitment.dueDate,
  });
  return (
    <HandoffForm form={form} intent="save-commitment" saved={saved} submitLabel={commitment ? "Save commitment" : "Add commitment"}>
      {commitment ? <input {...getInputProps(fields.commitmentId, { type: "hidden" })} /> : null}
      <TextareaField label="What was promised" errors={fields.promise.errors} textareaProps={{ ...getTextareaProps(fields.promise), rows: 2 }} />
      <div className="field-row">
        <Field label="Promised by" hint="Who said it." errors={fields.promisedBy.errors} inputProps={getInputProps(fields.promisedBy, { type: "text" })} />
        <Field label="Promised on (optional)" errors={fields.promisedOn.errors} inputProps={getInputProps(fields.promisedOn, { type: "date" })} />
      </div>
      <div className="field-row">
        <Field
          label="Where it was said or written (optional)"
          hint="For example: Proposal, section 4; demo call."
          errors={fields.source.errors}
          inputProps={getInputProps(fields.source, { type: "text" })}
        />
        <Field label="Due (optional)" errors={fields.dueDate.errors} inputProps={getInputProps(fields.dueDate, { type: "date" })} />
      </div>
      <CheckboxField
        id={`${form.id}-at-risk`}
        name={fields.atRisk.name}
        label="At risk"
        hint="Otherwise the status follows the client's answer and the links."
        defaultChecked={commitment?.status === "at_risk"}
      />
    </HandoffForm>
  );
}

function LinkForm({ commitment, options }: { commitment: StaffCommitment; options: HandoffPage["linkOptions"] }) {
  const { form, fields, saved } = useHandoffForm(`link-${commitment.id}`, { commitmentId: commitment.id });
  const linked = new Set(commitment.links.map((l) => `${l.kind}:${l.targetId}`));
  const choices = options.filter((o) => !linked.has(o.value));
  if (!choices.length) return null;
  return (
    <HandoffForm form={form} intent="link-commitment" saved={saved} submitLabel="Link" className="plan-form inline-link-form">
      <input {...getInputProps(fields.commitmentId, { type: "hidden" })} />
      <SelectField label="Delivered by" errors={fields.target.errors} selectProps={getSelectProps(fields.target)}>
        <option value="">Choose a milestone or requirement document…</option>
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectField>
    </HandoffForm>
  );
}

function describeEvent(e: StaffCommitment["history"][number]): string {
  const to = e.newStatus ? STAFF_STATUS_LABEL[e.newStatus] : "";
  switch (e.kind) {
    case "created":
      return `Recorded (${to})`;
    case "confirmed":
      return "Confirmed by the client";
    case "disputed":
      return `Disputed by the client: “${String(e.detail.comment ?? "")}”`;
    case "linked":
      return `Linked to ${e.detail.milestone ? `milestone ${String(e.detail.milestone)}` : `requirement document ${String(e.detail.requirement)}`}`;
    case "unlinked":
      return `Unlinked from ${e.detail.milestone ? `milestone ${String(e.detail.milestone)}` : `requirement document ${String(e.detail.requirement)}`}`;
    case "status":
      return `Status: ${e.oldStatus ? STAFF_STATUS_LABEL[e.oldStatus] : ""} → ${to}`;
    case "edited":
      if (Array.isArray(e.detail.owner)) {
        const [from, to] = e.detail.owner as (string | null)[];
        return `Owner: ${from ?? "the project manager"} → ${to ?? "the project manager"}`;
      }
      return `Edited: ${Object.keys(e.detail).join(", ").replace(/_/g, " ")}`;
    default:
      return e.kind;
  }
}

function CommitmentCard({ commitment, page }: { commitment: StaffCommitment; page: HandoffPage }) {
  return (
    <li className="card" aria-labelledby={`commitment-${commitment.id}-title`}>
      <h3 id={`commitment-${commitment.id}-title`}>{commitment.promise}</h3>
      <p>
        <CommitmentStatusBadge status={commitment.status} audience="staff" />{" "}
        <span className="muted">
          Promised by {commitment.promisedBy}
          {commitment.promisedOn ? ` on ${formatDay(commitment.promisedOn)}` : ""}
          {commitment.source ? ` · ${commitment.source}` : ""}
          {commitment.dueDate ? ` · due ${formatDay(commitment.dueDate)}` : ""}
        </span>
      </p>
      {commitment.confirmedAt ? (
        <p>
          Confirmed by {commitment.confirmedBy ?? "the client"} on {formatDateTime(commitment.confirmedAt)}.
        </p>
      ) : null}
      {commitment.status === "disputed" && commitment.disputeComment ? (
        <p className="warning" role="note">
          {commitment.disputedBy ?? "The client"} says this is not what was agreed: “{commitment.disputeComment}”
        </p>
      ) : null}
      {commitment.needsLink ? (
        <p className="warning" role="note">
          Not linked to a milestone or requirement document a week after the handoff: {page.canLink ? "say" : "the project manager should say"} where it is
          delivered.
        </p>
      ) : null}
      {commitment.links.length ? (
        <ul>
          {commitment.links.map((l) => (
            <li key={l.id}>
              Delivered by {l.kind === "milestone" ? "milestone" : "requirement document"} <strong>{l.title}</strong>
              {l.done ? " (done)" : ""}
              {page.canLink ? (
                <>
                  {" "}
                  <ActionButton intent="unlink-commitment" formId={`unlink-${l.id}`} fields={{ linkId: l.id }} label="Unlink" hiddenLabel={l.title} danger={false} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Not linked yet.</p>
      )}
      {page.canLink ? <LinkForm commitment={commitment} options={page.linkOptions} /> : null}
      <details>
        <summary>Edit</summary>
        <CommitmentForm commitment={commitment} />
        {!commitment.answered ? (
          <ActionButton intent="delete-commitment" formId={`delete-${commitment.id}`} fields={{ commitmentId: commitment.id }} label="Delete" hiddenLabel={commitment.promise} />
        ) : (
          <p className="muted">The client has answered this commitment: it stays on record.</p>
        )}
      </details>
      <details>
        <summary>History</summary>
        <ol className="history">
          {commitment.history.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.changedAt)} · {describeEvent(e)}
              {e.changedBy ? ` · ${e.changedBy}` : ""}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}

function FactForm({ fact }: { fact?: HandoffPage["facts"][number] }) {
  const { form, fields, saved } = useHandoffForm(fact ? `fact-${fact.id}` : "new-fact", fact && {
    factId: fact.id,
    label: fact.label,
    sellerValue: fact.sellerValue,
    note: fact.note,
  });
  return (
    <HandoffForm form={form} intent="save-fact" saved={saved} submitLabel={fact ? "Save fact" : "Add fact"}>
      {fact ? <input {...getInputProps(fields.factId, { type: "hidden" })} /> : null}
      <Field label="Fact" hint="Head count, systems, dates, constraints. The client sees this label and can confirm it." errors={fields.label.errors} inputProps={getInputProps(fields.label, { type: "text" })} />
      <Field label="What the seller noted (staff only)" errors={fields.sellerValue.errors} inputProps={getInputProps(fields.sellerValue, { type: "text" })} />
      <TextareaField label="Seller's note (staff only)" errors={fields.note.errors} textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }} />
    </HandoffForm>
  );
}

function NoteForm({ note }: { note?: HandoffPage["notes"][number] }) {
  const { form, fields, saved } = useHandoffForm(note ? `note-${note.id}` : "new-note", note ? { noteId: note.id, kind: note.kind, body: note.body } : { kind: "red_flag" });
  return (
    <HandoffForm form={form} intent="save-note" saved={saved} submitLabel={note ? "Save note" : "Add internal note"}>
      {note ? <input {...getInputProps(fields.noteId, { type: "hidden" })} /> : null}
      <SelectField label="Kind" errors={fields.kind.errors} selectProps={getSelectProps(fields.kind)}>
        {NOTE_KINDS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </SelectField>
      <TextareaField label="Internal note" hint={INTERNAL} errors={fields.body.errors} textareaProps={{ ...getTextareaProps(fields.body), rows: 3 }} />
    </HandoffForm>
  );
}

export function HandoffEditor({ page }: { page: HandoffPage }) {
  const kindLabel = Object.fromEntries(NOTE_KINDS.map((k) => [k.value, k.label]));
  const sales = page.team.filter((m) => m.role === "sales").map((m) => m.fullName);
  return (
    <>
      <section className="panel" aria-labelledby="handoff-title">
        <p className="link-row">
          <Link to="/staff">← Your clients</Link>
          <Link to={`/c/${page.client.slug}`}>{page.client.name}&apos;s page</Link>
        </p>
        <h1 id="handoff-title">{page.client.name}: handoff from sales</h1>
        <p className="muted">
          {sales.length ? `Sales lead: ${sales.join(", ")}. ` : ""}
          Write down what was sold, so the client never has to explain it twice.
        </p>
        <MeetingForm page={page} />
      </section>

      <section className="panel" aria-labelledby="commitments-title">
        <h2 id="commitments-title">Commitments</h2>
        <p className="muted">
          The client sees every commitment and its status on their page, and can confirm or dispute it.
          {page.linkDeadline ? ` Commitments not linked by ${formatDay(page.linkDeadline)} are flagged.` : " Set the meeting date to start the one-week linking clock."}
        </p>
        {page.commitments.length ? (
          <ul className="card-list">
            {page.commitments.map((c) => (
              <CommitmentCard key={c.id} commitment={c} page={page} />
            ))}
          </ul>
        ) : (
          <p className="empty-state">No commitments recorded yet.</p>
        )}
        <h3>Add a commitment</h3>
        <CommitmentForm />
      </section>

      <section className="panel" aria-labelledby="facts-title">
        <h2 id="facts-title">Key facts</h2>
        <p className="muted">The seller&apos;s notes stay with staff; what the client confirms is kept apart and shown as confirmed.</p>
        {page.facts.length ? (
          <ul className="card-list">
            {page.facts.map((f) => (
              <li key={f.id} className="card">
                <h3>{f.label}</h3>
                <p>
                  Seller noted: {f.sellerValue ?? "—"}
                  {f.note ? <span className="muted"> ({f.note})</span> : null}
                </p>
                <p>
                  {f.clientValue ? (
                    <>
                      <span className="status status-done">
                        <span aria-hidden="true">✓</span> Confirmed by the client
                      </span>{" "}
                      {f.clientValue}
                      <span className="muted">
                        {" "}
                        — {f.confirmedBy ?? "a contact"}, {f.confirmedAt ? formatDateTime(f.confirmedAt) : ""}
                      </span>
                    </>
                  ) : (
                    <span className="muted">Not confirmed by the client yet.</span>
                  )}
                </p>
                <details>
                  <summary>Edit</summary>
                  <FactForm fact={f} />
                  <ActionButton intent="delete-fact" formId={`delete-${f.id}`} fields={{ factId: f.id }} label="Delete" hiddenLabel={f.label} />
                </details>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">No key facts yet.</p>
        )}
        <h3>Add a fact</h3>
        <FactForm />
      </section>

      <section className="panel internal-notes" aria-labelledby="notes-title">
        <h2 id="notes-title">
          Internal notes <span className="tag-internal">{INTERNAL}</span>
        </h2>
        <p className="muted">Temperament, red flags, sensitivities, history: for the team only.</p>
        {page.notes.length ? (
          <ul className="card-list">
            {page.notes.map((n) => (
              <li key={n.id} className="card">
                <p>
                  <strong>{kindLabel[n.kind]}</strong> <span className="tag-internal">Internal</span>
                </p>
                <p>{n.body}</p>
                <p className="muted">
                  {n.author ?? "Someone"}, {formatDateTime(n.createdAt)}
                </p>
                <details>
                  <summary>Edit</summary>
                  <NoteForm note={n} />
                  <ActionButton intent="delete-note" formId={`delete-${n.id}`} fields={{ noteId: n.id }} label="Delete" hiddenLabel="this note" />
                </details>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">No internal notes.</p>
        )}
        <h3>Add an internal note</h3>
        <NoteForm />
      </section>

      <section className="panel" aria-labelledby="criteria-title">
        <h2 id="criteria-title">Success criteria</h2>
        <p className="muted">
          Agreed when the client was set up (not repeated here); the client sees those not marked internal on their page.
        </p>
        {page.successCriteria.length ? (
          <ul>
            {page.successCriteria.map((c) => (
              <li key={c.id}>
                {c.statement}
                {c.measure ? <span className="muted"> — {c.measure}</span> : null}
                {c.isInternal ? <span className="tag-internal">Internal</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">No success criteria yet.</p>
        )}
      </section>

      <TransitionSection page={page} />
    </>
  );
}
