// The staff's feedback page for one client: ask for a pulse and how often, the pulse
// chart, the dissatisfier register (open ones first, overdue flagged) and the answers.
// Plain forms (no JavaScript needed); a refused form comes back with its errors beside
// its fields (conform's lastResult, given only to the form that was sent).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { Register, RegisterEntry } from "~/domain/pulse/register.server";
import { SEVERITIES, STATUS_LABEL, STATUSES } from "~/domain/pulse/schema";
import { Field, FormErrors, SelectField, TextareaField } from "~/ui/field";
import { formatDay } from "~/ui/format";
import { PulseChart } from "./pulse-chart";

/** What the action sends back for a refused form: which form, and conform's result. */
export type FeedbackFormResult = { formId: string; result: SubmissionResult };

const SOURCE_LABEL: Record<RegisterEntry["source"], string> = {
  low_score: "Low pulse score",
  score_drop: "Pulse score fell",
  concern: "Concern raised",
  call: "From a call",
  meeting: "From a meeting",
};

function AskAndRecord({ register, last, notice }: { register: Register; last: FeedbackFormResult | null; notice: string | null }) {
  const resultFor = (id: string) => (last?.formId === id ? last.result : undefined);
  const [askForm] = useForm({ id: "request-pulse", lastResult: resultFor("request-pulse") });
  const [intervalForm, intervalFields] = useForm({
    id: "set-pulse-interval",
    lastResult: resultFor("set-pulse-interval"),
    defaultValue: { pulseIntervalDays: String(register.pulseIntervalDays) },
  });
  const [openForm, openFields] = useForm<{ summary: string; source: string; severity: string; dueDate: string }>({
    id: "open-dissatisfier",
    lastResult: resultFor("open-dissatisfier"),
    defaultValue: { source: "call", severity: "medium" },
  });
  return (
    <section className="panel" aria-labelledby="ask-title">
      <h2 id="ask-title">Ask and record</h2>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form method="post" className="inline-form" {...getFormProps(askForm)}>
        <FormErrors id={askForm.errorId} errors={askForm.errors} />
        <input type="hidden" name="intent" value="request-pulse" />
        <button type="submit" className="button">
          Ask for a pulse now
        </button>
      </form>
      <p className="muted">Contacts asked in the last 7 days, for any reason, are not asked again.</p>
      <form method="post" className="stack-form" {...getFormProps(intervalForm)}>
        <FormErrors id={intervalForm.errorId} errors={intervalForm.errors} />
        <input type="hidden" name="intent" value="set-pulse-interval" />
        <Field
          label="Ask every (days, while the onboarding runs)"
          hint="A pulse is also asked after each completed milestone."
          errors={intervalFields.pulseIntervalDays.errors}
          inputProps={{ ...getInputProps(intervalFields.pulseIntervalDays, { type: "number" }), id: "pulse-interval", min: 1, max: 90 }}
        />
        <button type="submit" className="button button-quiet">
          Save how often
        </button>
      </form>
      <form method="post" className="stack-form" {...getFormProps(openForm)}>
        <FormErrors id={openForm.errorId} errors={openForm.errors} />
        <input type="hidden" name="intent" value="open-dissatisfier" />
        <h3>Open a dissatisfier from a call or a meeting</h3>
        <Field
          label="Summary"
          errors={openFields.summary.errors}
          inputProps={{ ...getInputProps(openFields.summary, { type: "text" }), id: "new-summary", required: true, maxLength: 500 }}
        />
        <SelectField label="Heard in" errors={openFields.source.errors} selectProps={{ ...getSelectProps(openFields.source), id: "new-source" }}>
          <option value="call">A call</option>
          <option value="meeting">A meeting</option>
        </SelectField>
        <SelectField label="Severity" errors={openFields.severity.errors} selectProps={{ ...getSelectProps(openFields.severity), id: "new-severity" }}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <Field label="Due" errors={openFields.dueDate.errors} inputProps={{ ...getInputProps(openFields.dueDate, { type: "date" }), id: "new-due" }} />
        <button type="submit" className="button">
          Open dissatisfier
        </button>
      </form>
    </section>
  );
}

function UpdateForm({ d, team, lastResult }: { d: RegisterEntry; team: Register["team"]; lastResult: SubmissionResult | undefined }) {
  const [form, fields] = useForm({
    id: `update-${d.id}`,
    lastResult,
    defaultValue: {
      status: d.status,
      severity: d.severity,
      ownerId: d.ownerId ?? "",
      dueDate: d.dueDate ?? "",
      triageNotes: d.triageNotes,
      resolution: d.resolution ?? "",
    },
  });
  return (
    <form method="post" className="stack-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="update-dissatisfier" />
      <input type="hidden" name="id" value={d.id} />
      <SelectField label="Status" errors={fields.status.errors} selectProps={{ ...getSelectProps(fields.status), id: `status-${d.id}` }}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABEL[s]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Severity" errors={fields.severity.errors} selectProps={{ ...getSelectProps(fields.severity), id: `severity-${d.id}` }}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <SelectField label="Owner" errors={fields.ownerId.errors} selectProps={{ ...getSelectProps(fields.ownerId), id: `owner-${d.id}` }}>
        <option value="">Nobody yet</option>
        {team.map((t) => (
          <option key={t.id} value={t.id}>
            {t.fullName}
          </option>
        ))}
      </SelectField>
      <Field label="Due" errors={fields.dueDate.errors} inputProps={{ ...getInputProps(fields.dueDate, { type: "date" }), id: `due-${d.id}` }} />
      <TextareaField
        label="Triage notes (staff only: the client never sees these)"
        errors={fields.triageNotes.errors}
        textareaProps={{ ...getTextareaProps(fields.triageNotes), id: `notes-${d.id}`, rows: 2 }}
      />
      <TextareaField
        label="Resolution (shared with the client)"
        errors={fields.resolution.errors}
        textareaProps={{ ...getTextareaProps(fields.resolution), id: `resolution-${d.id}`, rows: 2 }}
      />
      <button type="submit" className="button">
        Save
      </button>
    </form>
  );
}

/** The staff's dissatisfier register for one client: open ones first, overdue flagged. */
export function DissatisfierRegister({
  register,
  isPm,
  last,
  notice,
}: {
  register: Register;
  isPm: boolean;
  last: FeedbackFormResult | null;
  notice: string | null;
}) {
  return (
    <>
      {isPm ? <AskAndRecord register={register} last={last} notice={notice} /> : null}

      <section className="panel" aria-labelledby="chart-title">
        <h2 id="chart-title">Pulse trend</h2>
        <PulseChart points={register.trend} />
      </section>

      <section className="panel" aria-labelledby="register-title">
        <h2 id="register-title">Dissatisfier register</h2>
        {register.entries.length === 0 ? (
          <p className="empty-state">No dissatisfiers: nothing has been raised yet.</p>
        ) : (
          <ul className="register-list">
            {register.entries.map((d) => (
              <li key={d.id} className={d.overdue ? "overdue" : undefined}>
                <h3>
                  {d.summary}{" "}
                  {d.overdue ? <strong className="tag-overdue">Overdue</strong> : null}{" "}
                  <span className="muted">({STATUS_LABEL[d.status]})</span>
                </h3>
                <p className="muted">
                  {SOURCE_LABEL[d.source]}
                  {d.raisedBy ? `, from ${d.raisedBy}` : ""}, opened {formatDay(d.createdAt.slice(0, 10))}
                  {d.dueDate ? `, due ${formatDay(d.dueDate)}` : ""}
                  {d.ownerName ? `, owner ${d.ownerName}` : ""}
                </p>
                {d.said ? <p>They said: {d.said}</p> : null}
                <UpdateForm d={d} team={register.team} lastResult={last?.formId === `update-${d.id}` ? last.result : undefined} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="pulses-title">
        <h2 id="pulses-title">Pulse answers</h2>
        {register.pulses.length === 0 ? (
          <p className="empty-state">No pulse asked yet.</p>
        ) : (
          <ul>
            {register.pulses.map((p) => (
              <li key={p.id}>
                Asked {formatDay(p.askedAt.slice(0, 10))}:{" "}
                {p.answers.length === 0
                  ? "no answers yet"
                  : p.answers.map((a) => `${a.contact} ${a.score}/5${a.comment ? ` (“${a.comment}”)` : ""}`).join("; ")}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
