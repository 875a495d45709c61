import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getClientSettings } from "~/domain/setup/get-client-settings.server";
import { readUploadForm } from "~/domain/setup/read-upload-form.server";
import { ClientSettingsFields, ClientSettingsSchema, LOGO_SIZE_MESSAGE, LOGO_TYPES } from "~/domain/setup/schema";
import { updateClientSettings } from "~/domain/setup/update-client-settings.server";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxField, Field, FormErrors } from "~/ui/field";
import { ActionNotices } from "~/ui/notices";
import { BrandColourFields, ClientDateFields, WelcomeTextField } from "~/ui/setup/client-detail-fields";
import { possessive } from "~/ui/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Settings · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const settings = await getClientSettings(db, await requireClient(db, params.slug ?? ""));
  if (!settings) throw new Response("The page does not exist, or you do not have access to it.", { status: 404 });
  return settings;
}

type ActionResult = { result: SubmissionResult; notice: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  // Read-only team members (403) and outsiders (404) are refused before their input is looked at.
  const access = await requireClient(db, params.slug ?? "", "editSettings");
  const upload = await readUploadForm(request);
  if (upload.tooLarge) {
    return data<ActionResult>(
      {
        result: { status: "error", error: { logo: [LOGO_SIZE_MESSAGE] } },
        notice: null,
      },
      { status: 400 },
    );
  }
  const submission = parseWithZod(upload.formData, {
    schema: ClientSettingsSchema,
  });
  if (submission.status !== "success") {
    return data<ActionResult>({ result: submission.reply(), notice: null }, { status: 400 });
  }
  const result = await updateClientSettings(db, access, submission.value);
  if (!result.ok) {
    const { status, ...errors } = formFailure(result);
    return data<ActionResult>({ result: submission.reply(errors), notice: null }, { status });
  }
  const saved = result.value;
  const logoNote = saved.logo === "replaced" ? " The new logo is in place." : saved.logo === "removed" ? " The logo is removed." : "";
  return data<ActionResult>({
    result: submission.reply(),
    notice: `The settings of ${saved.name} are saved.${logoNote}`,
  });
}

export default function ClientSettingsPage() {
  const { client, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const logoSrc = client.logoUpdatedAt ? `/c/${client.slug}/logo?v=${encodeURIComponent(client.logoUpdatedAt)}` : null;

  return (
    <section className="panel setup-form client-settings" aria-labelledby="settings-title">
      <p>
        <Link to="/staff">← All clients</Link>
      </p>
      <h1 id="settings-title">{client.name}: settings</h1>
      <p className="muted">
        Page address: <Link to={`/c/${client.slug}`}>/c/{client.slug}</Link> (it cannot be changed).
      </p>
      {actionData?.notice ? (
        <div className="settings-saved">
          <ActionNotices notice={actionData.notice} />
          <p>
            <Link to={`/c/${client.slug}`}>See {possessive(client.name)} page</Link>
          </p>
        </div>
      ) : null}

      {canEdit ? (
        // A save changes updatedAt: the form starts afresh from the saved values.
        <SettingsForm
          key={client.updatedAt}
          client={client}
          logoSrc={logoSrc}
          lastResult={actionData?.notice ? undefined : actionData?.result}
        />
      ) : (
        <ReadOnlySettings client={client} logoSrc={logoSrc} />
      )}
    </section>
  );
}

type Client = ReturnType<typeof useLoaderData<typeof loader>>["client"];

function SettingsForm({
  client,
  logoSrc,
  lastResult,
}: {
  client: Client;
  logoSrc: string | null;
  lastResult: SubmissionResult | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "client-settings",
    lastResult,
    constraint: getZodConstraint(ClientSettingsFields),
    defaultValue: {
      name: client.name,
      primaryColor: client.primaryColor,
      accentColor: client.accentColor,
      welcomeText: client.welcomeText ?? "",
      goLiveDate: client.goLiveDate ?? "",
      serviceTakeoverDate: client.serviceTakeoverDate ?? "",
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientSettingsSchema }),
  });
  const saving = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} aria-labelledby="settings-title">
      <FormErrors id={form.errorId} errors={form.errors} />

      <fieldset>
        <legend>The client</legend>
        <Field
          label="Client name"
          errors={fields.name.errors}
          inputProps={{
            ...getInputProps(fields.name, { type: "text" }),
            autoComplete: "organization",
          }}
        />
      </fieldset>

      <fieldset>
        <legend>Brand</legend>
        <BrandColourFields fields={fields} />
        {logoSrc ? (
          <figure className="current-logo">
            <img src={logoSrc} alt={`${client.name} logo`} />
            <figcaption>The current logo.</figcaption>
          </figure>
        ) : (
          <p className="muted">No logo yet.</p>
        )}
        <Field
          label={logoSrc ? "New logo (optional)" : "Logo (optional)"}
          hint={
            logoSrc
              ? "Replaces the current logo. PNG, JPEG or WebP, at most 256 KB."
              : "PNG, JPEG or WebP, at most 256 KB."
          }
          errors={fields.logo.errors}
          inputProps={{
            ...getInputProps(fields.logo, { type: "file" }),
            accept: LOGO_TYPES.join(","),
          }}
        />
        {logoSrc ? (
          <CheckboxField
            id={fields.removeLogo.id}
            name={fields.removeLogo.name}
            label="Remove the logo"
            errors={fields.removeLogo.errors}
          />
        ) : null}
        <WelcomeTextField field={fields.welcomeText} />
      </fieldset>

      <fieldset>
        <legend>Dates</legend>
        <ClientDateFields fields={fields} />
      </fieldset>

      <button type="submit" className="button" disabled={saving}>
        {saving ? "Saving…" : "Save settings"}
      </button>
    </Form>
  );
}

function ReadOnlySettings({ client, logoSrc }: { client: Client; logoSrc: string | null }) {
  return (
    <>
      <p className="notice">You can see these settings. Only the project manager (or an admin) can change them.</p>
      <dl className="meta-list">
        <dt>Client name</dt>
        <dd>{client.name}</dd>
        <dt>Main colour</dt>
        <dd>
          <span className="swatch" style={{ backgroundColor: client.primaryColor }} aria-hidden="true" />{" "}
          {client.primaryColor}
        </dd>
        <dt>Accent colour</dt>
        <dd>
          <span className="swatch" style={{ backgroundColor: client.accentColor }} aria-hidden="true" />{" "}
          {client.accentColor}
        </dd>
        <dt>Logo</dt>
        <dd>{logoSrc ? <img className="current-logo-small" src={logoSrc} alt={`${client.name} logo`} /> : "None"}</dd>
        <dt>Welcome message</dt>
        <dd className="pre-wrap">{client.welcomeText || "None"}</dd>
        <dt>Go-live date</dt>
        <dd>{client.goLiveDate ?? "Not set"}</dd>
        <dt>Service take-over date</dt>
        <dd>{client.serviceTakeoverDate ?? "Not set"}</dd>
      </dl>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
