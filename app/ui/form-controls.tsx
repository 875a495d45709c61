import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

type Described = { id: string; hint?: string; errors?: string[] };

function describedBy({ id, hint, errors }: Described) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return { hintId, errorId, aria: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function Extras({ id, hint, errors }: Described) {
  const { hintId, errorId } = describedBy({ id, hint, errors });
  return (
    <>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
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
      <select {...selectProps} aria-invalid={errorId ? true : undefined} aria-describedby={aria}>
        {children}
      </select>
      <Extras id={selectProps.id} hint={hint} errors={errors} />
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
      <textarea rows={3} {...textareaProps} aria-invalid={errorId ? true : undefined} aria-describedby={aria} />
      <Extras id={textareaProps.id} hint={hint} errors={errors} />
    </div>
  );
}

export function CheckboxField({ id, name, label, defaultChecked, hint }: { id: string; name: string; label: string; defaultChecked?: boolean; hint?: string }) {
  return (
    <div className="field field-checkbox">
      <input type="checkbox" id={id} name={name} defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
