// A client's settings page: the form the project manager (or an admin) edits, and
// what everyone else on the team sees instead. The route parses and saves.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { ClientSettings } from "~/domain/setup/get-client-settings.server";
import { ClientSettingsFields, ClientSettingsSchema, LOGO_TYPES } from "~/domain/setup/schema";
import { CheckboxField, Field, FormErrors } from "~/ui/field";
import { formatDay } from "~/ui/format";
import { BrandColourFields, ClientDateFields, WelcomeTextField } from "./client-detail-fields";
import { LogoField } from "./logo-field";

type Client = ClientSettings["client"];

export function SettingsForm({
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
        <LogoField
          background={client.primaryColor}
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

export function ReadOnlySettings({ client, logoSrc }: { client: Client; logoSrc: string | null }) {
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
        <dd>{client.goLiveDate ? formatDay(client.goLiveDate) : "Not set"}</dd>
        <dt>Service take-over date</dt>
        <dd>{client.serviceTakeoverDate ? formatDay(client.serviceTakeoverDate) : "Not set"}</dd>
      </dl>
    </>
  );
}
