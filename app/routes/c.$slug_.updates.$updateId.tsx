import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getClientUpdate } from "~/domain/updates/get-client-update.server";
import { replyToUpdate } from "~/domain/updates/reply-to-update.server";
import { ReplySchema } from "~/domain/updates/schema";
import { formFailure } from "~/lib/result";
import { requireViewer } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ReplyForm } from "~/ui/updates/reply-form";
import { UpdateCard } from "~/ui/updates/update-card";
import { SERVER_RENDERED } from "~/ui/server-rendered";

// Sent without React in the browser: the forms post and answer as HTML (ADR 0018).
export const handle = SERVER_RENDERED;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.update.title} · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The update does not exist, or you do not have access to it.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const access = await requireClient(db, params.slug ?? "");
  const update = await getClientUpdate(db, access, params.updateId ?? "");
  if (!update) throw notFound();
  return { client: access.client, update, viewerId: viewer.id, canReply: access.isContact && Boolean(update.decision) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireViewer(request);
  const access = await requireClient(db, params.slug ?? "");
  const submission = parseWithZod(await request.formData(), { schema: ReplySchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const updateId = params.updateId ?? "";
  if (!(await getClientUpdate(db, access, updateId))) throw notFound();
  const saved = await replyToUpdate(db, updateId, submission.value);
  if (!saved.ok) {
    const { status, ...errors } = formFailure(saved);
    return data({ result: submission.reply(errors) }, { status });
  }
  return redirect(`/c/${access.client.slug}#update-${updateId}`);
}

export default function ClientUpdateRoute() {
  const { client, update, viewerId, canReply } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = update.decision?.replies.find((r) => r.personId === viewerId) ?? null;
  return (
    <section className="panel" aria-labelledby={`update-${update.id}-title`}>
      <p className="link-row">
        <Link to={`/c/${client.slug}`}>← {client.name}&apos;s page</Link>
      </p>
      <UpdateCard update={update} slug={client.slug} headingLevel={2}>
        {canReply ? <ReplyForm slug={client.slug} updateId={update.id} title={update.title} mine={mine} lastResult={actionData?.result} /> : null}
      </UpdateCard>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
