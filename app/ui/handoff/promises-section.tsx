import { Form, Link, useActionData } from "@remix-run/react";
import type { PortalCommitment, PortalFact } from "~/domain/handoff/portal-promises";
import { Field, FormErrors, TextareaField } from "~/ui/field";
import { formatDay } from "~/ui/format";
import { serverForm, type ServerResult } from "~/ui/server-form";
import { CommitmentStatusBadge } from "./commitment-status";

export type PromisesActionData = { handoff?: { formId: string; result: ServerResult; notice?: string } };

/** The answer to this form's last submit, if the last submit was this form's (validated on the server only). */
function useResponseForm(formId: string, defaults?: Record<string, string>) {
  const actionData = useActionData<PromisesActionData>();
  const mine = actionData?.handoff?.formId === formId ? actionData.handoff : undefined;
  const form = serverForm(formId, mine?.result, defaults);
  return { form, notice: mine?.notice, replied: Boolean(mine) };
}

function ConfirmButton({ commitment }: { commitment: PortalCommitment }) {
  const { form, notice } = useResponseForm(`confirm-${commitment.id}`);
  return (
    <Form method="post" {...form.props} className="inline-form">
      <input type="hidden" name="intent" value="confirm-commitment" />
      <input type="hidden" name="formId" value={form.id} />
      <input type="hidden" name="commitmentId" value={commitment.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <button type="submit" className="button">
        Yes, that&apos;s what we agreed<span className="visually-hidden">: {commitment.promise}</span>
      </button>
      {notice ? <span role="status"> {notice}</span> : null}
    </Form>
  );
}

function DisputeForm({ commitment }: { commitment: PortalCommitment }) {
  const { form, notice, replied } = useResponseForm(`dispute-${commitment.id}`);
  const comment = form.field("comment");
  // Open when the server answered this form (without JS, its errors must show); otherwise the person opens it.
  return (
    <details open={replied || undefined}>
      <summary>That&apos;s not what we agreed</summary>
      <Form method="post" {...form.props}>
        <input type="hidden" name="intent" value="dispute-commitment" />
        <input type="hidden" name="formId" value={form.id} />
        <input type="hidden" name="commitmentId" value={commitment.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField
          label="What did we agree instead?"
          hint="Your project manager and the person who sold this to you are told at once."
          errors={comment.errors}
          textareaProps={{ id: comment.id, name: comment.name, defaultValue: comment.defaultValue, rows: 3 }}
        />
        <button type="submit" className="button">
          Send<span className="visually-hidden">: not what we agreed about {commitment.promise}</span>
        </button>
        {notice ? <span role="status"> {notice}</span> : null}
      </Form>
    </details>
  );
}

function FactAnswer({ fact }: { fact: PortalFact }) {
  const { form, notice } = useResponseForm(`fact-${fact.id}`, { value: fact.value ?? "" });
  const value = form.field("value");
  return (
    <Form method="post" {...form.props} className="inline-form">
      <input type="hidden" name="intent" value="answer-fact" />
      <input type="hidden" name="formId" value={form.id} />
      <input type="hidden" name="factId" value={fact.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={fact.label} errors={value.errors} inputProps={{ id: value.id, name: value.name, type: "text", defaultValue: value.defaultValue }} />
      <button type="submit" className="button button-quiet">
        {fact.value ? "Update" : "Confirm"}
        <span className="visually-hidden"> {fact.label}</span>
      </button>
      {notice ? <span role="status"> {notice}</span> : null}
    </Form>
  );
}

/** "What we promised you": each commitment from the sale, its status, where it is delivered; confirm or dispute it. */
export function PromisesSection({
  slug,
  commitments,
  facts,
  readOnly,
}: {
  slug: string;
  commitments: PortalCommitment[];
  facts: PortalFact[];
  readOnly: boolean;
}) {
  if (!commitments.length && !facts.length) return null;
  return (
    <section className="panel" aria-labelledby="promises-title" id="promises">
      <h2 id="promises-title">What we promised you</h2>
      <p className="muted">Everything our team promised during the sale. Tell us if anything is not what we agreed.</p>
      {commitments.length ? (
        <ul className="card-list">
          {commitments.map((c) => (
            <li key={c.id} className="card">
              <h3>{c.promise}</h3>
              <p>
                <CommitmentStatusBadge status={c.status} audience="client" />{" "}
                <span className="muted">
                  Promised by {c.promisedBy}
                  {c.promisedOn ? ` on ${formatDay(c.promisedOn)}` : ""}
                  {c.dueDate ? ` · due ${formatDay(c.dueDate)}` : ""}
                </span>
              </p>
              {c.deliveredBy.length ? (
                <p>
                  Delivered in:{" "}
                  {c.deliveredBy.map((d, i) => (
                    <span key={i}>
                      {i ? "; " : ""}
                      {d.kind === "milestone" ? (
                        <>
                          milestone <strong>{d.title}</strong> ({d.done ? `done ${formatDay(d.date)}` : `planned ${formatDay(d.date)}`})
                        </>
                      ) : (
                        <>
                          requirement document <Link to={`/c/${slug}/requirements/${d.id}`}>{d.title}</Link>
                        </>
                      )}
                    </span>
                  ))}
                </p>
              ) : (
                <p className="muted">Your project manager will show where this is delivered.</p>
              )}
              {c.status === "disputed" && c.disputeComment ? (
                <p className="warning" role="note">
                  You told us this is not what we agreed: “{c.disputeComment}”. We will be in touch.
                </p>
              ) : null}
              {readOnly ? null : (
                <div className="form-actions">
                  {!c.confirmedAt || c.status === "disputed" ? <ConfirmButton commitment={c} /> : <span className="muted">You confirmed this.</span>}
                  {c.status !== "disputed" ? <DisputeForm commitment={c} /> : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {facts.length ? (
        <>
          <h3>What we know about you</h3>
          <p className="muted">Confirm or correct these, so nobody asks you again.</p>
          <ul className="card-list">
            {facts.map((f) => (
              <li key={f.id} className="card">
                {readOnly ? (
                  <p>
                    <strong>{f.label}:</strong> {f.value ?? "not confirmed yet"}
                  </p>
                ) : (
                  <FactAnswer fact={f} />
                )}
                {f.value ? <p className="muted">Confirmed by you.</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
