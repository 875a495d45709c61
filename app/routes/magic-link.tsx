import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifySignInCode } from "~/lib/auth/sign-in.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Signing in · Onboarding portal" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { limited } = await verifySignInCode(request, context);
  return data({ message: limited }, { status: 429 });
}

export default function MagicLink() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <section className="panel narrow" aria-labelledby="magic-title">
      <h1 id="magic-title">We could not sign you in</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
