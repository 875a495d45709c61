// The sign-off forms a required approver sees under the current version. Checked on
// the server only (the same schema decides in the action): the errors and the values
// sent come back in the action's answer (~/ui/server-form), so neither zod nor
// conform's runtime ships to the browser, and it all works without JavaScript.
import { Form } from "@remix-run/react";
import { CheckboxField, Field, FormErrors, TextareaField } from "~/ui/field";
import { serverForm, type ServerResult } from "~/ui/server-form";

export type SignoffAnswer = { decision: "approved" | "changes_requested" | null; result: ServerResult };

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
  const approveResult = actionData?.decision === "approved" ? actionData.result : undefined;
  const changesResult = actionData?.decision === "changes_requested" ? actionData.result : undefined;
  const approve = serverForm("approve", approveResult);
  const changes = serverForm("request-changes", changesResult);
  const consent = approve.field("consent");
  const signatureName = approve.field("signatureName");
  const comment = changes.field("comment");
  return (
    <div className="signoff-forms">
      <Form method="post" {...approve.props} className="signoff-form" aria-labelledby="approve-title">
        <h3 id="approve-title">Approve</h3>
        <input type="hidden" name="decision" value="approved" />
        <input type="hidden" name="versionId" value={versionId} />
        <FormErrors id={approve.errorId} errors={approve.errors} />
        <CheckboxField id={consent.id} name={consent.name} label={consentStatement} errors={consent.errors} />
        <Field
          label="Your full name, as your signature"
          hint={`Type ${signerName}.`}
          errors={signatureName.errors}
          inputProps={{ id: signatureName.id, name: signatureName.name, type: "text", defaultValue: signatureName.defaultValue, autoComplete: "off" }}
        />
        <button type="submit" className="button">
          Approve this version
        </button>
      </Form>
      <Form method="post" {...changes.props} className="signoff-form" aria-labelledby="changes-title">
        <h3 id="changes-title">Request changes</h3>
        <input type="hidden" name="decision" value="changes_requested" />
        <input type="hidden" name="versionId" value={versionId} />
        <FormErrors id={changes.errorId} errors={changes.errors} />
        <TextareaField
          label="What should change"
          hint="Your project manager reads this and publishes a new version."
          errors={comment.errors}
          textareaProps={{ id: comment.id, name: comment.name, defaultValue: comment.defaultValue, rows: 4 }}
        />
        <button type="submit" className="button button-quiet">
          Request changes
        </button>
      </Form>
    </div>
  );
}
