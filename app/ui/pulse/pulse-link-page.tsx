// The page a pulse email's score link lands on. Nothing is recorded by opening it:
// the contact confirms with one button (a plain form, no JavaScript needed), then
// may add a comment. Field errors show beside the fields (conform).
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { PulseLinkPage as Page } from "~/domain/pulse/pulse-link.server";
import { FormErrors, TextareaField } from "~/ui/field";
import { SCORE_LABELS } from "./pulse-forms";

export function PulseLinkPage({
  page,
  chosen,
  saved,
  lastResult,
}: {
  page: Page;
  chosen: number | null;
  saved: "score" | "comment" | null;
  lastResult: SubmissionResult | undefined;
}) {
  const answered = saved !== null && page.myScore !== null;
  const [form, fields] = useForm({
    id: answered ? "pulse-comment" : "pulse-score",
    lastResult,
    shouldValidate: "onSubmit",
  });
  const scoreErrors = fields.score.errors;
  return (
    <section className="panel pulse-link" aria-labelledby="pulse-link-title">
      <p className="muted">{page.clientName}</p>
      <h1 id="pulse-link-title">How is the onboarding going for you?</h1>
      {answered ? (
        <>
          <p className="notice" role="status">
            {saved === "comment"
              ? "Thank you: your comment is saved."
              : `Thank you: we recorded ${page.myScore} of 5. Clicking another score in the email changes it.`}
          </p>
          <Form method="post" {...getFormProps(form)} className="stack-form">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="step" value="comment" />
            <input type="hidden" name="score" value={page.myScore ?? ""} />
            <TextareaField
              label="Anything worrying you? (optional)"
              errors={fields.comment.errors}
              textareaProps={{ ...getTextareaProps(fields.comment), id: "pulse-link-comment", maxLength: 2000, defaultValue: (fields.comment.initialValue as string | undefined) ?? page.myComment ?? "" }}
            />
            <button type="submit" className="button">
              Save my comment
            </button>
          </Form>
          <p>
            <a href={`/c/${page.clientSlug}#feedback`}>Go to your onboarding page</a>
          </p>
        </>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="step" value="score" />
          {/* The comment given before stays when the score changes. */}
          <input type="hidden" name="comment" value={page.myComment ?? ""} />
          <fieldset className="field" aria-describedby={scoreErrors?.length ? "pulse-link-score-error" : undefined}>
            <legend>Your score (1 is badly, 5 is very well)</legend>
            {SCORE_LABELS.map(([score, label]) => (
              <label key={score} className="radio-option">
                <input type="radio" name="score" value={score} defaultChecked={chosen === score} required /> {label}
              </label>
            ))}
            {scoreErrors?.length ? (
              <ul id="pulse-link-score-error" className="field-errors">
                {scoreErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : null}
          </fieldset>
          {chosen ? <p>You chose {chosen} of 5. Nothing is recorded until you press the button.</p> : null}
          {page.myScore !== null ? <p className="muted">You answered {page.myScore} of 5 before; sending changes it.</p> : null}
          <button type="submit" className="button">
            Send my score
          </button>
        </Form>
      )}
    </section>
  );
}
