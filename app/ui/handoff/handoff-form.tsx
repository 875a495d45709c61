import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { HandoffActionSchema } from "~/domain/handoff/schema";
import { FormErrors } from "~/ui/field";

export type HandoffActionData = { formId: string; result: SubmissionResult<string[]>; saved?: boolean };

/** One of the handoff page's small forms; its own id routes the action's answer back to it. */
export function useHandoffForm(formId: string, defaultValue?: Record<string, string | boolean | null | undefined>) {
  const actionData = useActionData<HandoffActionData>();
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm({
    id: formId,
    lastResult: mine?.result,
    defaultValue: defaultValue as Record<string, string>,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HandoffActionSchema }),
  });
  return { form, fields, saved: Boolean(mine?.saved) };
}

export function HandoffForm({
  form,
  intent,
  saved,
  submitLabel,
  children,
  className,
}: {
  form: ReturnType<typeof useHandoffForm>["form"];
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

/** A one-button form (delete, unlink) that reports its refusal next to itself. */
export function ActionButton({
  intent,
  formId,
  fields,
  label,
  hiddenLabel,
  danger = true,
}: {
  intent: string;
  formId: string;
  fields: Record<string, string>;
  label: string;
  hiddenLabel: string;
  danger?: boolean;
}) {
  const actionData = useActionData<HandoffActionData>();
  const errors = actionData?.formId === formId ? actionData.result.error?.[""] : undefined;
  return (
    <Form method="post" preventScrollReset className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={danger ? "button button-danger" : "button button-quiet"}>
        {label}
        <span className="visually-hidden"> {hiddenLabel}</span>
      </button>
      <FormErrors id={`${formId}-errors`} errors={errors ?? undefined} />
    </Form>
  );
}
