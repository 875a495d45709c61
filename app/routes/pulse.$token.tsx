import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { answerPulseByLink, getPulseLinkPage } from "~/domain/pulse/pulse-link.server";
import { PulseLinkSchema } from "~/domain/pulse/schema";
import { HTTP_STATUS, formFailure } from "~/lib/result";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PulseLinkPage } from "~/ui/pulse/pulse-link-page";

// The one-click pulse answer from the email (no sign-in): the token in the path is
// signed for one contact and one pulse and expires. GET only shows a confirm page (a
// mail scanner's prefetch records nothing); POST records the score, or the comment.
export const meta: MetaFunction = () => [{ title: "How is it going? · Onboarding portal" }, { name: "robots", content: "noindex" }];

// The token is a credential: never sent on as a referrer, never cached.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

const scoreOf = (raw: string | null) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await getPulseLinkPage(params.token ?? "");
  if (!page.ok) {
    return data({ ok: false as const, message: page.message }, { status: page.kind === "conflict" ? 410 : HTTP_STATUS[page.kind] });
  }
  const url = new URL(request.url);
  return {
    ok: true as const,
    page: page.value,
    chosen: scoreOf(url.searchParams.get("score")) ?? page.value.myScore,
    saved: url.searchParams.get("saved") === "comment" ? ("comment" as const) : url.searchParams.get("saved") === "score" ? ("score" as const) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: PulseLinkSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await answerPulseByLink(token, submission.value);
  if (!saved.ok) {
    if (saved.kind === "invalid") {
      const { status, ...errors } = formFailure(saved);
      return data({ result: submission.reply(errors) }, { status });
    }
    return data(
      { result: submission.reply({ formErrors: [saved.message] }) },
      { status: saved.kind === "conflict" ? 410 : HTTP_STATUS[saved.kind] },
    );
  }
  const step = formData.get("step") === "comment" ? "comment" : "score";
  return redirect(`/pulse/${encodeURIComponent(token)}?saved=${step}`);
}

export default function PulseLinkRoute() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!loaded.ok) {
    return (
      <section className="panel" aria-labelledby="pulse-link-title">
        <h1 id="pulse-link-title">This link does not work</h1>
        <p>{loaded.message}</p>
        <p>
          <a href="/login">Sign in to your onboarding page</a>
        </p>
      </section>
    );
  }
  return <PulseLinkPage page={loaded.page} chosen={loaded.chosen} saved={loaded.saved} lastResult={actionData?.result} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
