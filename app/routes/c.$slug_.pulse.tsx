import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { answerPulse, raiseConcern } from "~/domain/pulse/pulse.server";
import { PulseActionSchema } from "~/domain/pulse/schema";
import { formFailure } from "~/lib/result";
import { requireViewer } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ConcernForm, PulseAnswerForm } from "~/ui/pulse/pulse-forms";
import { SERVER_RENDERED } from "~/ui/server-rendered";

// Sent without React in the browser: the forms post and answer as HTML (ADR 0018).
export const handle = SERVER_RENDERED;

// The client page's pulse and concern forms post here (plain HTML forms: no JavaScript needed).
// No loader redirect: after a refused POST, Remix runs the loaders to render the page,
// and a redirect there would throw the errors away. A plain visit gets a link back.
export async function loader() {
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireViewer(request);
  const access = await requireClient(db, params.slug ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent") === "answer-pulse" ? ("answer-pulse" as const) : ("raise-concern" as const);
  const pulseId = String(formData.get("pulseId") ?? "");
  const submission = parseWithZod(formData, { schema: PulseActionSchema });
  if (submission.status !== "success") return data({ intent, pulseId, result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const result = input.intent === "answer-pulse" ? await answerPulse(db, access, input) : await raiseConcern(db, access, input);
  if (!result.ok) {
    const { status, ...errors } = formFailure(result);
    return data({ intent, pulseId, result: submission.reply(errors) }, { status });
  }
  return redirect(`/c/${access.client.slug}?feedback=${input.intent === "answer-pulse" ? "answered" : "concern"}#feedback`);
}

/** Shown when the input was refused: the same form again, with the errors beside the fields. */
export default function PulseFormErrors() {
  const actionData = useActionData<typeof action>();
  const { slug = "" } = useParams();
  if (!actionData) {
    return (
      <section className="panel" aria-labelledby="pulse-errors-title">
        <h1 id="pulse-errors-title">Tell us how it is going</h1>
        <p>
          <Link to={`/c/${slug}#feedback`}>Answer the pulse or raise a concern on your page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="pulse-errors-title">
      <h1 id="pulse-errors-title">That was not sent</h1>
      <p>Please correct what is marked below and send it again.</p>
      {actionData?.intent === "answer-pulse" && actionData.pulseId ? (
        <PulseAnswerForm slug={slug} pulseId={actionData.pulseId} myScore={null} myComment={null} lastResult={actionData.result} />
      ) : (
        <ConcernForm slug={slug} lastResult={actionData?.result} />
      )}
      <p>
        <Link to={`/c/${slug}#feedback`}>Back to your page</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
