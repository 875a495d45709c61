// Form fields: a label, a hint (before the control) and errors (after it), wired
// with aria-describedby and aria-invalid, for every kind of control.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Described = { id: string; hint?: string; errors?: string[] };

function describedBy({ id, hint, errors }: Described) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { hintId, errorId, aria: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={`${id}-hint`} className="field-hint">
      {hint}
    </p>
  ) : null;
}

function Errors({ id, hint, errors }: Described) {
  const { errorId } = describedBy({ id, hint, errors });
  return (
    <>
      {errorId ? (
        <ul id={errorId} className="field-errors">
          {errors!.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

type FieldProps = {
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
  /** Shown under the control, before the errors (a preview, a date written out). */
  children?: ReactNode;
};

/** A labelled input with its hint and errors wired up for screen readers. */
export function Field({ label, hint, errors, inputProps, children }: FieldProps) {
  const { aria, errorId } = describedBy({ id: inputProps.id, hint, errors });
  return (
    <div className="field">
      <label htmlFor={inputProps.id}>{label}</label>
      <Hint id={inputProps.id} hint={hint} />
      <input {...inputProps} aria-invalid={errorId ? true : undefined} aria-describedby={aria} />
      {children}
      <Errors id={inputProps.id} hint={hint} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  selectProps,
  children,
}: { label: string; hint?: string; errors?: string[]; selectProps: SelectHTMLAttributes<HTMLSelectElement> & { id: string }; children: ReactNode }) {
  const { aria, errorId } = describedBy({ id: selectProps.id, hint, errors });
  return (
    <div className="field">
      <label htmlFor={selectProps.id}>{label}</label>
      <Hint id={selectProps.id} hint={hint} />
      <select {...selectProps} aria-invalid={errorId ? true : undefined} aria-describedby={aria}>
        {children}
      </select>
      <Errors id={selectProps.id} hint={hint} errors={errors} />
    </div>
  );
}

export function TextareaField({
  label,
  hint,
  errors,
  textareaProps,
}: { label: string; hint?: string; errors?: string[]; textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string } }) {
  const { aria, errorId } = describedBy({ id: textareaProps.id, hint, errors });
  return (
    <div className="field">
      <label htmlFor={textareaProps.id}>{label}</label>
      <Hint id={textareaProps.id} hint={hint} />
      <textarea rows={3} {...textareaProps} aria-invalid={errorId ? true : undefined} aria-describedby={aria} />
      <Errors id={textareaProps.id} hint={hint} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  id,
  name,
  label,
  defaultChecked,
  hint,
  errors,
}: { id: string; name: string; label: string; defaultChecked?: boolean; hint?: string; errors?: string[] }) {
  const { aria, errorId } = describedBy({ id, hint, errors });
  return (
    <div className="field field-checkbox">
      <input type="checkbox" id={id} name={name} defaultChecked={defaultChecked} aria-invalid={errorId ? true : undefined} aria-describedby={aria} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <Errors id={id} hint={hint} errors={errors} />
    </div>
  );
}

/** A labelled group of checkboxes sharing one name (a multi-choice that works on a phone and by keyboard). */
export function CheckboxGroupField({
  id,
  name,
  legend,
  hint,
  errors,
  options,
  checked,
}: {
  id: string;
  name: string;
  legend: string;
  hint?: string;
  errors?: string[];
  options: { value: string; label: string }[];
  checked: string[];
}) {
  const { aria, errorId } = describedBy({ id, hint, errors });
  return (
    <fieldset className="field checkbox-group" id={id} aria-describedby={aria} aria-invalid={errorId ? true : undefined}>
      <legend>{legend}</legend>
      <Hint id={id} hint={hint} />
      {options.map((option) => (
        <div key={option.value} className="field-checkbox">
          <input type="checkbox" id={`${id}-${option.value}`} name={name} value={option.value} defaultChecked={checked.includes(option.value)} />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
      <Errors id={id} hint={hint} errors={errors} />
    </fieldset>
  );
}

/** The values a checkbox group starts with, from a form field's initial value (one string, several, or none). */
export function checkedValues(initial: unknown): string[] {
  return ([] as unknown[]).concat(initial ?? []).filter((v): v is string => typeof v === "string" && v !== "");
}

export function FormErrors({ id, errors }: { id: string; errors?: (string | null | undefined)[] }) {
  const list = (errors ?? []).filter(Boolean) as string[];
  if (!list.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {list.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}
