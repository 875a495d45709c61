import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

// Companions to Field (app/ui/field.tsx) for the other form controls: the same
// label, hint and error wiring, so every control is labelled and its errors are
// announced with it (aria-describedby, aria-invalid).

type Described = { label: string; hint?: string; errors?: string[] };

function describedBy(id: string, hint?: string, errors?: string[]) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function Hint({ id, hint }: { id?: string; hint?: string }) {
  return hint ? (
    <p id={id} className="field-hint">
      {hint}
    </p>
  ) : null;
}

function Errors({ id, errors }: { id?: string; errors?: string[] }) {
  return id ? (
    <ul id={id} className="field-errors">
      {errors!.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}

export function TextareaField({
  label,
  hint,
  errors,
  textareaProps,
}: Described & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string } }) {
  const { hintId, errorId, describedBy: ids } = describedBy(textareaProps.id, hint, errors);
  return (
    <div className="field">
      <label htmlFor={textareaProps.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea {...textareaProps} aria-invalid={errorId ? true : undefined} aria-describedby={ids} />
      <Errors id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  selectProps,
  children,
}: Described & { selectProps: SelectHTMLAttributes<HTMLSelectElement> & { id: string }; children: ReactNode }) {
  const { hintId, errorId, describedBy: ids } = describedBy(selectProps.id, hint, errors);
  return (
    <div className="field">
      <label htmlFor={selectProps.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <select {...selectProps} aria-invalid={errorId ? true : undefined} aria-describedby={ids}>
        {children}
      </select>
      <Errors id={errorId} errors={errors} />
    </div>
  );
}
