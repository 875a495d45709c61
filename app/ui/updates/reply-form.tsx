import { Form } from "@remix-run/react";
import type { DecisionReply } from "~/domain/updates/client-update";
import { Field, FormErrors, TextareaField } from "~/ui/field";
import { serverForm, type ServerResult } from "~/ui/server-form";

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
  lastResult?: ServerResult;
}) {
  // Validated on the server only (the same schema, in the action): zod and conform stay out of the browser.
  const form = serverForm(`reply-${updateId}`, lastResult, mine ? { answer: mine.answer, comment: mine.comment ?? "" } : {});
  const answer = form.field("answer");
  const comment = form.field("comment");
  return (
    <Form method="post" action={`/c/${slug}/updates/${updateId}`} {...form.props} aria-label={`Your answer to ${title}`} className="reply-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label="Your answer"
        hint="A few words, for example “Go ahead” or “Option B”."
        errors={answer.errors}
        inputProps={{ id: answer.id, name: answer.name, type: "text", defaultValue: answer.defaultValue, maxLength: 200 }}
      />
      <TextareaField label="Comment (optional)" errors={comment.errors} textareaProps={{ id: comment.id, name: comment.name, defaultValue: comment.defaultValue }} />
      <button type="submit" className="button">
        {mine ? "Change my answer" : "Send my answer"}
      </button>
    </Form>
  );
}
