import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { applyUnsubscribe, openUnsubscribe } from "~/domain/notifications/unsubscribe.server";
import { UnsubscribeSchema } from "~/domain/notifications/schema";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { UnsubscribePanel } from "~/ui/notifications/unsubscribe-panel";

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Onboarding portal" }, { name: "robots", content: "noindex" }];

const invalidLink = () => new Response("This unsubscribe link is not valid. Sign in to the portal to choose which emails you get.", { status: 404 });

/**
 * /unsubscribe/<signed token>, without signing in. GET only shows what the link
 * does, with a button (a mail scanner prefetching the link changes nothing);
 * POST records it, from the button or from a mail client's one-click
 * List-Unsubscribe-Post ("List-Unsubscribe=One-Click").
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const context = await openUnsubscribe(params.token ?? "");
  if (!context) throw invalidLink();
  return { token: params.token ?? "", context };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const oneClick = form.get("List-Unsubscribe") === "One-Click";
  const parsed = UnsubscribeSchema.safeParse({ choice: oneClick ? "never" : form.get("choice") });
  if (!parsed.success) return data({ done: null, error: "Choose what to do." }, { status: 400 });
  const result = await applyUnsubscribe(params.token ?? "", parsed.data.choice);
  if (!result) throw invalidLink();
  if (!result.ok) return data({ done: null, error: result.message }, { status: result.kind === "invalid" ? 400 : 403 });
  return { done: parsed.data.choice, error: null };
}

export default function UnsubscribePage() {
  const { token, context } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <UnsubscribePanel token={token} context={context} done={actionData?.done ?? null} error={actionData?.error ?? null} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
