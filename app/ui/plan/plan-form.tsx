import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { PlanActionSchema } from "~/domain/timeline/schema";
import { FormErrors } from "~/ui/field";

export type PlanActionData = { formId: string; result: SubmissionResult<string[]>; saved?: boolean };

/**
 * One of the many small forms of the plan editor. Each has its own id, so the
 * action's answer (field errors, or "saved") reaches the form that was sent.
 */
export function usePlanForm(formId: string, defaultValue?: Record<string, string | null | undefined>) {
  const actionData = useActionData<PlanActionData>();
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult: mine?.result,
    defaultValue,
    shouldValidate: "onSubmit",
    // Revalidate while typing, not on blur: a blur that removes errors would shift the submit button under the click.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanActionSchema }),
  });
  return { form, fields, saved: Boolean(mine?.saved) };
}

export function PlanForm({
  form,
  intent,
  saved,
  submitLabel,
  children,
  className,
}: {
  form: ReturnType<typeof usePlanForm>["form"];
  intent: string;
  saved: boolean;
  submitLabel: string;
  children: ReactNode;
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("formId") === form.id;
  return (
    <Form method="post" {...getFormProps(form)} className={className ?? "plan-form"} preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={form.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {children}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {saved ? (
          <span role="status" className="saved-note">
            Saved.
          </span>
        ) : null}
      </div>
    </Form>
  );
}

export function DeleteButton({ kind, id, label }: { kind: "phase" | "milestone" | "task"; id: string; label: string }) {
  return (
    <Form method="post" preventScrollReset className="inline-form">
      <input type="hidden" name="intent" value="delete-item" />
      <input type="hidden" name="formId" value={`delete-${id}`} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button-danger">
        Delete<span className="visually-hidden"> {label}</span>
      </button>
    </Form>
  );
}
