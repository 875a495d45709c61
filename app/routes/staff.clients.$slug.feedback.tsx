import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { changeRegister, getRegister } from "~/domain/pulse/register.server";
import { FeedbackActionSchema } from "~/domain/pulse/schema";
import { failureResponse } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DissatisfierRegister } from "~/ui/pulse/register";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Feedback · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const access = await requireClient(db, params.slug ?? "");
  const result = await getRegister(db, access, new Date().toISOString().slice(0, 10));
  if (!result.ok) throw failureResponse(result);
  return { client: access.client, isPm: access.isPm, register: result.value };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const access = await requireClient(db, params.slug ?? "");
  const submission = parseWithZod(await request.formData(), { schema: FeedbackActionSchema });
  if (submission.status !== "success") {
    const errors = Object.values(submission.error ?? {}).flat().filter(Boolean) as string[];
    return data({ errors: errors.length ? errors : ["That request was not understood."] }, { status: 400 });
  }
  const result = await changeRegister(db, access, submission.value);
  if (!result.ok) {
    if (result.kind !== "invalid") throw failureResponse(result);
    return data({ errors: [result.message] }, { status: 400 });
  }
  return redirect(`/staff/clients/${access.client.slug}/feedback`);
}

export default function FeedbackPage() {
  const { client, isPm, register } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="staff-page">
      <p>
        <Link to={`/c/${client.slug}`}>{client.name}</Link>
      </p>
      <h1>Feedback: {client.name}</h1>
      <DissatisfierRegister register={register} isPm={isPm} errors={actionData?.errors ?? []} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
