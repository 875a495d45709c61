import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getNotificationSettings, saveNotificationSettings, timeZones } from "~/domain/notifications/preferences.server";
import { PreferencesSchema } from "~/domain/notifications/schema";
import { failureResponse, formFailure } from "~/lib/result";
import { requireViewer } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ActionNotices } from "~/ui/notices";
import { PreferencesForm } from "~/ui/notifications/preferences-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Email preferences · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const CONTACTS_ONLY = { ok: false as const, kind: "forbidden" as const, message: "Email preferences are chosen by each of the client's contacts." };

/** /c/<slug>/preferences: which emails the signed-in contact gets about this client, and their digest. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireViewer(request);
  const access = await requireClient(db, params.slug ?? "");
  if (!access.isContact) throw failureResponse(CONTACTS_ONLY);
  const settings = await getNotificationSettings(db, access.client.id);
  if (!settings) throw failureResponse(CONTACTS_ONLY);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return { client: access.client, settings, timeZones: timeZones(), saved };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireViewer(request);
  const access = await requireClient(db, params.slug ?? "");
  const submission = parseWithZod(await request.formData(), { schema: PreferencesSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await saveNotificationSettings(db, access, submission.value);
  if (!saved.ok) {
    const { status, ...errors } = formFailure(saved);
    return data({ result: submission.reply(errors) }, { status });
  }
  return redirect(`/c/${access.client.slug}/preferences?saved=1`);
}

export default function PreferencesPage() {
  const { client, settings, timeZones, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="panel" aria-labelledby="preferences-title">
      <p className="link-row">
        <Link to={`/c/${client.slug}`}>← {client.name}&apos;s page</Link>
      </p>
      <h1 id="preferences-title">Your email preferences</h1>
      <ActionNotices notice={saved && !actionData ? "Your preferences are saved." : null} />
      <PreferencesForm slug={client.slug} settings={settings} timeZones={timeZones} lastResult={actionData?.result} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
