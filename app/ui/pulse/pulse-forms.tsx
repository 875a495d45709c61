// The client page's two feedback forms: the pulse answer and "Raise a concern". Plain
// HTML forms posted to /c/<slug>/pulse (they work without JavaScript); when that
// action refuses the input, it renders the same form again with the errors beside
// the fields (the action's SubmissionResult, read by ~/ui/server-form). Validation
// is on the server only: no zod and no conform runtime in the client page's bundle.
import { FormErrors, TextareaField } from "~/ui/field";
import { serverForm, type ServerResult } from "~/ui/server-form";

export const SCORE_LABELS = [
  [1, "1: badly"],
  [2, "2"],
  [3, "3: all right"],
  [4, "4"],
  [5, "5: very well"],
] as const;

type Common = { slug: string; lastResult?: ServerResult };

export function PulseAnswerForm({
  slug,
  pulseId,
  myScore,
  myComment,
  lastResult,
}: Common & { pulseId: string; myScore: number | null; myComment: string | null }) {
  const form = serverForm("pulse-answer", lastResult, { score: myScore ? String(myScore) : undefined, comment: myComment ?? "" });
  const score = form.field("score");
  const comment = form.field("comment");
  const scoreErrors = score.errors;
  return (
    <form method="post" action={`/c/${slug}/pulse`} {...form.props} className="stack-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="answer-pulse" />
      <input type="hidden" name="pulseId" value={pulseId} />
      <fieldset className="field" aria-describedby={scoreErrors?.length ? "pulse-score-error" : undefined}>
        <legend>How is the onboarding going for you? (1 is badly, 5 is very well)</legend>
        {SCORE_LABELS.map(([value, label]) => (
          <label key={value} className="radio-option">
            <input type="radio" name="score" value={value} required defaultChecked={score.defaultValue === String(value)} /> {label}
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
        errors={comment.errors}
        textareaProps={{ id: "pulse-comment", name: comment.name, maxLength: 2000, defaultValue: comment.defaultValue }}
      />
      <button type="submit" className="button">
        {myScore ? "Change my answer" : "Send my answer"}
      </button>
      {myScore ? <p className="muted">You answered {myScore} of 5.</p> : null}
    </form>
  );
}

export function ConcernForm({ slug, lastResult }: Common) {
  const form = serverForm("raise-concern", lastResult);
  const body = form.field("body");
  return (
    <form method="post" action={`/c/${slug}/pulse`} {...form.props} className="stack-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="raise-concern" />
      <TextareaField
        label="Raise a concern: tell us what is wrong, without waiting to be asked"
        errors={body.errors}
        textareaProps={{ id: "concern-body", name: body.name, defaultValue: body.defaultValue, required: true, maxLength: 4000 }}
      />
      <button type="submit" className="button button-quiet">
        Raise a concern
      </button>
    </form>
  );
}
