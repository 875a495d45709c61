// The team page's forms (staff.clients.$slug.team): add a team member, remove one,
// invite a contact. The route parses, calls the domain and answers; the answer to the
// last submit comes back to the form it came from (lastResult).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { AssignStaffSchema, CONTACT_ROLES, InviteContactSchema, STAFF_ROLES } from "~/domain/setup/schema";
import { Field, FormErrors, SelectField, TextareaField } from "~/ui/field";

type StaffOption = { id: string; fullName: string; email: string };

/** Whether a form with this intent is being submitted. */
function useBusy(intent: string) {
  const navigation = useNavigation();
  return navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
}

/** Assign a staff member (not yet on the team) with a role and what they do for the client. */
export function AssignStaffForm({ staffOptions, lastResult }: { staffOptions: StaffOption[]; lastResult: SubmissionResult | undefined }) {
  const busy = useBusy("assign-staff");
  const [form, fields] = useForm({
    id: "assign-staff",
    lastResult,
    constraint: getZodConstraint(AssignStaffSchema),
    defaultValue: { role: "service_team" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignStaffSchema }),
  });
  if (staffOptions.length === 0) return <p className="empty-state">Every staff member is already on this team.</p>;
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="assign-title">
      <input type="hidden" name="intent" value="assign-staff" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField label="Staff member" errors={fields.personId.errors} selectProps={getSelectProps(fields.personId)}>
        <option value="">Choose a person</option>
        {staffOptions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.fullName} · {s.email}
          </option>
        ))}
      </SelectField>
      <SelectField label="Role on the team" errors={fields.role.errors} selectProps={getSelectProps(fields.role)}>
        {STAFF_ROLES.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </SelectField>
      <TextareaField
        label="Responsibilities (optional)"
        hint="What they do for this client, in a sentence the client will read."
        errors={fields.responsibilities.errors}
        textareaProps={{ ...getTextareaProps(fields.responsibilities), rows: 3 }}
      />
      <button type="submit" className="button" disabled={busy}>
        Add to the team
      </button>
    </Form>
  );
}

/** The button that takes one person off the team. */
export function RemoveStaffButton({ personId, fullName }: { personId: string; fullName: string }) {
  const busy = useBusy("remove-staff");
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="remove-staff" />
      <input type="hidden" name="personId" value={personId} />
      <button type="submit" className="button button-quiet" disabled={busy}>
        Remove<span className="visually-hidden"> {fullName} from the team</span>
      </button>
    </Form>
  );
}

/** Invite a contact at the client: a new person, their role, and the invitation email. */
export function InviteContactForm({ lastResult }: { lastResult: SubmissionResult | undefined }) {
  const busy = useBusy("invite-contact");
  const [form, fields] = useForm({
    id: "invite-contact",
    lastResult,
    constraint: getZodConstraint(InviteContactSchema),
    defaultValue: { role: "viewer" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteContactSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="invite-title">
      <input type="hidden" name="intent" value="invite-contact" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label="Full name"
        errors={fields.fullName.errors}
        inputProps={{ ...getInputProps(fields.fullName, { type: "text" }), autoComplete: "off" }}
      />
      <Field
        label="Email address"
        errors={fields.email.errors}
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }}
      />
      <SelectField label="Their role" errors={fields.role.errors} selectProps={getSelectProps(fields.role)}>
        {CONTACT_ROLES.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </SelectField>
      <Field
        label="Job title (optional)"
        errors={fields.title.errors}
        inputProps={{ ...getInputProps(fields.title, { type: "text" }), autoComplete: "off" }}
      />
      <Field
        label="Phone (optional)"
        errors={fields.phone.errors}
        inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "off" }}
      />
      <button type="submit" className="button" disabled={busy}>
        Invite and email them
      </button>
    </Form>
  );
}
