import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { NotificationSettings } from "~/domain/notifications/preferences.server";
import {
  DELIVERIES,
  DELIVERY_LABEL,
  FREQUENCIES,
  FREQUENCY_LABEL,
  KIND_LABEL,
  NOTIFICATION_KINDS,
  PreferencesSchema,
  WEEKDAYS,
} from "~/domain/notifications/schema";
import { FormErrors, SelectField } from "~/ui/field";

const ROLE_DEFAULTS: Record<NotificationSettings["role"], string> = {
  decision_maker: "As a decision maker you get everything in a weekly digest unless you choose otherwise.",
  approver: "As an approver you get sign-off requests and updates at once unless you choose otherwise.",
  viewer: "You get updates and date changes at once unless you choose otherwise.",
};

function RadioGroup({
  id,
  name,
  legend,
  options,
  checked,
  errors,
}: {
  id: string;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string;
  errors?: string[];
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <fieldset className="field radio-group" id={id} aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div key={o.value} className="field-checkbox">
          <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} defaultChecked={checked === o.value} />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      {errorId ? (
        <ul id={errorId} className="field-errors">
          {errors!.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** The contact's choices per kind of email and their digest schedule; a plain form (works without JavaScript). */
export function PreferencesForm({
  slug,
  settings,
  timeZones,
  lastResult,
}: {
  slug: string;
  settings: NotificationSettings;
  timeZones: string[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const action = `/c/${slug}/preferences`;
  const busy = useNavigation().formAction === action;
  const [form, fields] = useForm({
    id: "notification-preferences",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PreferencesSchema }),
  });
  const d = settings.digest;
  return (
    <Form method="post" action={action} {...getFormProps(form)} aria-label="Your email preferences">
      <p className="field-hint">{ROLE_DEFAULTS[settings.role]}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      {NOTIFICATION_KINDS.map((kind) => (
        <RadioGroup
          key={kind}
          id={`pref-${kind}`}
          name={kind}
          legend={KIND_LABEL[kind]}
          options={DELIVERIES.map((v) => ({ value: v, label: DELIVERY_LABEL[v] }))}
          checked={String(fields[kind].initialValue ?? settings.kinds[kind].delivery)}
          errors={fields[kind].errors}
        />
      ))}
      <h2>Your digest</h2>
      <p className="field-hint">
        A summary of how the onboarding is going, what happened, and what is waiting for you.
      </p>
      <RadioGroup
        id="pref-frequency"
        name="frequency"
        legend="How often"
        options={FREQUENCIES.map((v) => ({ value: v, label: FREQUENCY_LABEL[v] }))}
        checked={String(fields.frequency.initialValue ?? d.frequency)}
        errors={fields.frequency.errors}
      />
      <SelectField
        label="Day (for a weekly digest)"
        errors={fields.weekday.errors}
        selectProps={{ id: "pref-weekday", name: "weekday", defaultValue: String(fields.weekday.initialValue ?? d.weekday) }}
      >
        {WEEKDAYS.map((w, i) => (
          <option key={w} value={i + 1}>
            {w}
          </option>
        ))}
      </SelectField>
      <SelectField label="Hour" errors={fields.hour.errors} selectProps={{ id: "pref-hour", name: "hour", defaultValue: String(fields.hour.initialValue ?? d.hour) }}>
        {Array.from({ length: 24 }, (_, h) => (
          <option key={h} value={h}>
            {String(h).padStart(2, "0")}:00
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Your time zone"
        errors={fields.timeZone.errors}
        selectProps={{ id: "pref-timeZone", name: "timeZone", defaultValue: String(fields.timeZone.initialValue ?? d.timeZone) }}
      >
        {timeZones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={busy}>
        Save my preferences
      </button>
    </Form>
  );
}
