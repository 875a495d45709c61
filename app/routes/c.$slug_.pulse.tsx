import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { answerPulse, raiseConcern } from "~/domain/pulse/pulse.server";
import { PulseActionSchema } from "~/domain/pulse/schema";
import { failureResponse } from "~/lib/result";
import { requireViewer } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

// The client page's pulse and concern forms post here (plain HTML forms: no JavaScript needed).
export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/c/${params.slug ?? ""}#feedback`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireViewer(request);
  const access = await requireClient(db, params.slug ?? "");
  const submission = parseWithZod(await request.formData(), { schema: PulseActionSchema });
  if (submission.status !== "success") {
    const errors = Object.values(submission.error ?? {}).flat().filter(Boolean) as string[];
    return data({ errors: errors.length ? errors : ["That request was not understood."] }, { status: 400 });
  }
  const input = submission.value;
  const result = input.intent === "answer-pulse" ? await answerPulse(db, access, input) : await raiseConcern(db, access, input);
  if (!result.ok) {
    if (result.kind !== "invalid") throw failureResponse(result);
    return data({ errors: [result.message] }, { status: 400 });
  }
  return redirect(`/c/${access.client.slug}?feedback=${input.intent === "answer-pulse" ? "answered" : "concern"}#feedback`);
}

export default function PulseFormErrors() {
  const actionData = useActionData<typeof action>();
  const { slug } = useParams();
  return (
    <section className="panel">
      <h1>That was not sent</h1>
      <ul className="form-errors" role="alert">
        {(actionData?.errors ?? []).map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <Link to={`/c/${slug}#feedback`}>Back to your page</Link>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
