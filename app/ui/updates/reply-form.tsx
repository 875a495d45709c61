import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { DecisionReply } from "~/domain/updates/client-update";
import { Field, FormErrors, TextareaField } from "~/ui/field";

/** A contact's answer to a decision request; it posts to the update's own page, so it works without JavaScript. */
export function ReplyForm({
  slug,
  updateId,
  title,
  mine,
  lastResult,
}: {
  slug: string;
  updateId: string;
  title: string;
  mine: DecisionReply | null;
  lastResult?: SubmissionResult<string[]>;
}) {
  const busy = useNavigation().formAction === `/c/${slug}/updates/${updateId}`;
  const [form, fields] = useForm<{ answer: string; comment?: string }>({
    id: `reply-${updateId}`,
    lastResult,
    defaultValue: mine ? { answer: mine.answer, comment: mine.comment ?? "" } : undefined,
    shouldValidate: "onSubmit",
    // Validated on the server only (the same schema, in the action): zod stays out of the browser.
    shouldRevalidate: "onSubmit",
  });
  return (
    <Form method="post" action={`/c/${slug}/updates/${updateId}`} {...getFormProps(form)} aria-label={`Your answer to ${title}`} className="reply-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label="Your answer"
        hint="A few words, for example “Go ahead” or “Option B”."
        errors={fields.answer.errors}
        inputProps={{ ...getInputProps(fields.answer, { type: "text" }), maxLength: 200 }}
      />
      <TextareaField label="Comment (optional)" errors={fields.comment.errors} textareaProps={getTextareaProps(fields.comment)} />
      <button type="submit" className="button" disabled={busy}>
        {mine ? "Change my answer" : "Send my answer"}
      </button>
    </Form>
  );
}
