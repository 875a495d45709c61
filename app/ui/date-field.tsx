// A date input that also writes the chosen day out in the app's one date format
// ("Sunday 6 December 2026"), whatever order the browser's own picker shows.
import { useState, type InputHTMLAttributes } from "react";
import { formatDayLong } from "~/lib/dates";
import { Field } from "./field";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function dayInWords(value: string): string {
  return ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? formatDayLong(value) : "";
}

export function DateField({
  label,
  hint,
  errors,
  inputProps,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string };
}) {
  const [value, setValue] = useState(String(inputProps.defaultValue ?? inputProps.value ?? ""));
  const words = dayInWords(value);
  return (
    <Field
      label={label}
      hint={hint}
      errors={errors}
      inputProps={{
        ...inputProps,
        type: "date",
        onChange: (event) => {
          inputProps.onChange?.(event);
          setValue(event.currentTarget.value);
        },
      }}
    >
      <span id={`${inputProps.id}-in-words`} className="date-in-words" aria-live="polite">
        {words}
      </span>
    </Field>
  );
}
