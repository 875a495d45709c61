import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { createClient } from "~/domain/setup/create-client.server";
import { listStaff } from "~/domain/setup/list-staff.server";
import { readUploadForm } from "~/domain/setup/read-upload-form.server";
import {
  CreateClientFields,
  CreateClientSchema,
  LOGO_SIZE_MESSAGE,
  LOGO_TYPES,
  slugFromName,
} from "~/domain/setup/schema";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { LogoField } from "~/ui/setup/logo-field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Field, FormErrors, SelectField, TextareaField } from "~/ui/field";
import { BrandColourFields, ClientDateFields, WelcomeTextField } from "~/ui/setup/client-detail-fields";

export const meta: MetaFunction = () => [{ title: "New client · Onboarding portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  return { viewerId: viewer.id, staff: await listStaff(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  const upload = await readUploadForm(request);
  if (upload.tooLarge) {
    const tooLarge: SubmissionResult = { status: "error", error: { logo: [LOGO_SIZE_MESSAGE] } };
    return data(tooLarge, { status: 400 });
  }
  const submission = parseWithZod(upload.formData, { schema: CreateClientSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createClient(db, viewer, submission.value);
  if (!result.ok) {
    const { status, ...errors } = formFailure(result);
    return data(submission.reply(errors), { status });
  }
  const created = result.value;
  // On to the team page the form promised (invite the client's contacts next). A creator who chose someone
  // else as PM no longer sees the client (RLS): back to their list, with a note.
  throw redirect(
    created.visible
      ? `/staff/clients/${encodeURIComponent(created.slug)}/team?created=1`
      : `/staff?created=${encodeURIComponent(created.slug)}`,
  );
}

export default function NewClient() {
  const { viewerId, staff } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [suggestedSlug, setSuggestedSlug] = useState("");
  const [form, fields] = useForm({
    id: "new-client",
    lastResult,
    constraint: getZodConstraint(CreateClientFields),
    defaultValue: { primaryColor: "#1d3557", accentColor: "#e9c46a", projectManagerId: viewerId },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateClientSchema }),
  });
  const saving = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <section className="panel setup-form" aria-labelledby="new-client-title">
      <p>
        <Link to="/staff">← All clients</Link>
      </p>
      <h1 id="new-client-title">New client</h1>
      <p className="muted">
        The client gets its own branded page. You can add the rest of the team and invite the client&apos;s contacts
        next.
      </p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />

        <fieldset>
          <legend>The client</legend>
          <Field
            label="Client name"
            errors={fields.name.errors}
            inputProps={{
              ...getInputProps(fields.name, { type: "text" }),
              autoComplete: "organization",
              onChange: (event) => setSuggestedSlug(slugFromName(event.currentTarget.value)),
            }}
          />
          <Field
            label="Page address"
            hint="The client's page will be at /c/ followed by this: lowercase letters, digits and hyphens. Leave it empty to make one from the name."
            errors={fields.slug.errors}
            inputProps={{
              ...getInputProps(fields.slug, { type: "text" }),
              placeholder: suggestedSlug || undefined,
              autoCapitalize: "none",
              maxLength: 50,
              spellCheck: false,
            }}
          />
        </fieldset>

        <fieldset>
          <legend>Brand</legend>
          <BrandColourFields fields={fields} />
          <LogoField
            label="Logo (optional)"
            hint="PNG, JPEG or WebP, at most 256 KB."
            errors={fields.logo.errors}
            inputProps={{ ...getInputProps(fields.logo, { type: "file" }), accept: LOGO_TYPES.join(",") }}
          />
          <WelcomeTextField field={fields.welcomeText} />
        </fieldset>

        <fieldset>
          <legend>Dates and people</legend>
          <ClientDateFields fields={fields} />
          <SelectField
            label="Project manager"
            hint="Runs the onboarding and manages the team and contacts."
            errors={fields.projectManagerId.errors}
            selectProps={getSelectProps(fields.projectManagerId)}
          >
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullName}
                {s.id === viewerId ? " (you)" : ""} · {s.email}
              </option>
            ))}
          </SelectField>
          <TextareaField
            label="Success criteria (optional)"
            hint={
              'One per line: what success is | how it is measured. For example: "95% of employees enrol online | enrolment report in week 2".'
            }
            errors={fields.successCriteria.errors}
            textareaProps={{ ...getTextareaProps(fields.successCriteria), rows: 4 }}
          />
        </fieldset>

        <button type="submit" className="button" disabled={saving}>
          {saving ? "Creating the client…" : "Create client"}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
