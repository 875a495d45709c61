import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { changeRegister, getRegister } from "~/domain/pulse/register.server";
import { FeedbackActionSchema } from "~/domain/pulse/schema";
import { failureResponse, formFailure } from "~/lib/result";
import { plural } from "~/lib/words";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DissatisfierRegister, type FeedbackFormResult } from "~/ui/pulse/register";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Feedback · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const result = await getRegister(db, params.slug ?? "", new Date().toISOString().slice(0, 10));
  if (!result.ok) throw failureResponse(result);
  const { access, register } = result.value;
  const url = new URL(request.url);
  return { client: access.client, isPm: access.isPm, register, notice: noticeOf(url.searchParams) };
}

/** The notice after a change, from the redirect's query ("asked=2&skipped=1", "every=14"). */
function noticeOf(params: URLSearchParams): string | null {
  const count = (name: string) => {
    const raw = params.get(name);
    const n = raw === null || raw === "" ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : null;
  };
  const asked = count("asked");
  const skipped = count("skipped") ?? 0;
  if (asked !== null) {
    const recent = skipped ? ` ${plural(skipped, "contact was", "contacts were")} asked in the last 7 days and not asked again.` : "";
    return asked === 0 ? `Nobody was asked:${recent || " the client has no contacts yet."}` : `Asked ${plural(asked, "contact")}.${recent}`;
  }
  const every = count("every");
  return every ? `The contacts will be asked every ${plural(every, "day")} while the onboarding runs.` : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const access = await requireClient(db, params.slug ?? "");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const formId = intent === "update-dissatisfier" ? `update-${String(formData.get("id") ?? "")}` : intent;
  const submission = parseWithZod(formData, { schema: FeedbackActionSchema });
  if (submission.status !== "success") {
    return data<FeedbackFormResult>({ formId, result: submission.reply() }, { status: 400 });
  }
  const result = await changeRegister(db, access, submission.value);
  if (!result.ok) {
    if (result.kind !== "invalid" && !result.fieldErrors) throw failureResponse(result);
    const { status, ...errors } = formFailure(result);
    return data<FeedbackFormResult>({ formId, result: submission.reply(errors) }, { status });
  }
  const done = result.value;
  const query =
    done.intent === "request-pulse"
      ? `?asked=${done.asked}&skipped=${done.skipped}`
      : done.intent === "set-pulse-interval"
        ? `?every=${done.days}`
        : "";
  return redirect(`/staff/clients/${access.client.slug}/feedback${query}`);
}

export default function FeedbackPage() {
  const { client, isPm, register, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="staff-page">
      <p>
        <Link to={`/c/${client.slug}`}>{client.name}</Link>
      </p>
      <h1>Feedback: {client.name}</h1>
      <DissatisfierRegister register={register} isPm={isPm} last={actionData ?? null} notice={notice} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
