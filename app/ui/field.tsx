import type { InputHTMLAttributes } from "react";

type FieldProps = {
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
};

/** A labelled input with its hint and errors wired up for screen readers. */
export function Field({ label, hint, errors, inputProps }: FieldProps) {
  const hintId = hint ? `${inputProps.id}-hint` : undefined;
  const errorId = errors?.length ? `${inputProps.id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputProps.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {errorId ? (
        <ul id={errorId} className="field-errors">
          {errors!.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
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
