import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { RequestCodeSchema } from "~/lib/auth/schema";
import { getUser, readAuthError, requestSignInCode } from "~/lib/auth/sign-in.server";
import { Field, FormErrors } from "~/ui/field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Sign in · Onboarding portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const { error, headers } = await readAuthError(request);
  return data({ error }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: RequestCodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { limited } = await requestSignInCode(request, context, submission.value);
  return data(submission.reply({ formErrors: [limited] }), { status: 429 });
}

export default function Login() {
  const { error } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(RequestCodeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestCodeSchema }),
  });
  const sending = navigation.state !== "idle" && navigation.formAction === "/login";
  return (
    <section className="panel narrow" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {searchParams.get("signedOut") ? <p role="status">You are signed out.</p> : null}
      {searchParams.get("reason") === "link-elsewhere" ? (
        <p role="status">
          That sign-in link works only in the browser where you asked for it, within 10 minutes. Ask for a new code
          here, or type the code from the email on that device.
        </p>
      ) : null}
      <p>Enter the email address your project team invited. We will email you a 6-digit code and a sign-in link.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), error]} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label="Email address"
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", autoFocus: true }}
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? "Sending code…" : "Email me a code"}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
