// The sign-off forms a required approver sees under the current version.
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField, Field, FormErrors, TextareaField } from "~/ui/field";

export type SignoffAnswer = { decision: "approved" | "changes_requested" | null; result: SubmissionResult<string[]> | null };

/** The approve and request-changes forms: the answer to the last submit goes back to the form it came from. */
export function SignoffForms({
  versionId,
  signerName,
  consentStatement,
  actionData,
}: {
  versionId: string;
  signerName: string;
  consentStatement: string;
  actionData: SignoffAnswer | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const [approveForm, approveFields] = useForm({
    id: "approve",
    lastResult: actionData?.decision === "approved" ? (actionData.result ?? undefined) : undefined,
    shouldValidate: "onSubmit",
    // Validated on the server only (the same schema, in the action): zod stays out of the browser.
    shouldRevalidate: "onSubmit",
  });
  const [changesForm, changesFields] = useForm({
    id: "request-changes",
    lastResult: actionData?.decision === "changes_requested" ? (actionData.result ?? undefined) : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onSubmit",
  });
  return (
    <div className="signoff-forms">
      <Form method="post" {...getFormProps(approveForm)} className="signoff-form" aria-labelledby="approve-title">
        <h3 id="approve-title">Approve</h3>
        <input type="hidden" name="decision" value="approved" />
        <input type="hidden" name="versionId" value={versionId} />
        <FormErrors id={approveForm.errorId} errors={approveForm.errors} />
        <CheckboxField id={approveFields.consent.id} name={approveFields.consent.name} label={consentStatement} errors={approveFields.consent.errors} />
        <Field
          label="Your full name, as your signature"
          hint={`Type ${signerName}.`}
          errors={approveFields.signatureName.errors}
          inputProps={{ ...getInputProps(approveFields.signatureName, { type: "text" }), autoComplete: "off" }}
        />
        <button type="submit" className="button" disabled={busy}>
          Approve this version
        </button>
      </Form>
      <Form method="post" {...getFormProps(changesForm)} className="signoff-form" aria-labelledby="changes-title">
        <h3 id="changes-title">Request changes</h3>
        <input type="hidden" name="decision" value="changes_requested" />
        <input type="hidden" name="versionId" value={versionId} />
        <FormErrors id={changesForm.errorId} errors={changesForm.errors} />
        <TextareaField
          label="What should change"
          hint="Your project manager reads this and publishes a new version."
          errors={changesFields.comment.errors}
          textareaProps={{ ...getTextareaProps(changesFields.comment), rows: 4 }}
        />
        <button type="submit" className="button button-quiet" disabled={busy}>
          Request changes
        </button>
      </Form>
    </div>
  );
}
