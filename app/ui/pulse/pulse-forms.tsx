// The client page's two feedback forms: the pulse answer and "Raise a concern". Plain
// HTML forms posted to /c/<slug>/pulse (they work without JavaScript); when that
// action refuses the input, it renders the same form again with the errors beside
// the fields (conform's lastResult). Validation is on the server only: no zod in
// the client page's bundle.
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { FormErrors, TextareaField } from "~/ui/field";

export const SCORE_LABELS = [
  [1, "1: badly"],
  [2, "2"],
  [3, "3: all right"],
  [4, "4"],
  [5, "5: very well"],
] as const;

type Common = { slug: string; lastResult?: SubmissionResult };

export function PulseAnswerForm({
  slug,
  pulseId,
  myScore,
  myComment,
  lastResult,
}: Common & { pulseId: string; myScore: number | null; myComment: string | null }) {
  const [form, fields] = useForm({
    id: "pulse-answer",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const scoreErrors = fields.score.errors;
  return (
    <form method="post" action={`/c/${slug}/pulse`} {...getFormProps(form)} className="stack-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="answer-pulse" />
      <input type="hidden" name="pulseId" value={pulseId} />
      <fieldset className="field" aria-describedby={scoreErrors?.length ? "pulse-score-error" : undefined}>
        <legend>How is the onboarding going for you? (1 is badly, 5 is very well)</legend>
        {SCORE_LABELS.map(([score, label]) => (
          <label key={score} className="radio-option">
            <input type="radio" name="score" value={score} required defaultChecked={(fields.score.initialValue ? Number(fields.score.initialValue) : myScore) === score} /> {label}
          </label>
        ))}
        {scoreErrors?.length ? (
          <ul id="pulse-score-error" className="field-errors">
            {scoreErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <TextareaField
        label="Anything worrying you? (optional)"
        errors={fields.comment.errors}
        textareaProps={{ ...getTextareaProps(fields.comment), id: "pulse-comment", maxLength: 2000, defaultValue: (fields.comment.initialValue as string | undefined) ?? myComment ?? "" }}
      />
      <button type="submit" className="button">
        {myScore ? "Change my answer" : "Send my answer"}
      </button>
      {myScore ? <p className="muted">You answered {myScore} of 5.</p> : null}
    </form>
  );
}

export function ConcernForm({ slug, lastResult }: Common) {
  const [form, fields] = useForm({
    id: "raise-concern",
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <form method="post" action={`/c/${slug}/pulse`} {...getFormProps(form)} className="stack-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="raise-concern" />
      <TextareaField
        label="Raise a concern: tell us what is wrong, without waiting to be asked"
        errors={fields.body.errors}
        textareaProps={{ ...getTextareaProps(fields.body), id: "concern-body", required: true, maxLength: 4000 }}
      />
      <button type="submit" className="button button-quiet">
        Raise a concern
      </button>
    </form>
  );
}
