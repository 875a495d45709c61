import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getClientSettings } from "~/domain/setup/get-client-settings.server";
import { readUploadForm } from "~/domain/setup/read-upload-form.server";
import { ClientSettingsSchema, LOGO_SIZE_MESSAGE } from "~/domain/setup/schema";
import { updateClientSettings } from "~/domain/setup/update-client-settings.server";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ActionNotices } from "~/ui/notices";
import { ReadOnlySettings, SettingsForm } from "~/ui/setup/settings-form";
import { possessive } from "~/ui/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Settings · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const settings = await getClientSettings(db, params.slug ?? "");
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
