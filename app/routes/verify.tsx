import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SIGN_IN_LIMITS, VerifyCodeSchema } from "~/lib/auth/schema";
import { getUser, readAuthError, verifySignInCode } from "~/lib/auth/sign-in.server";
import { Field, FormErrors } from "~/ui/field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export const meta: MetaFunction = () => [{ title: "Enter your code · Onboarding portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const { error, pendingEmail, headers } = await readAuthError(request);
  if (!pendingEmail) throw redirect("/login", { headers });
  return data({ error, email: pendingEmail }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: VerifyCodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { limited } = await verifySignInCode(request, context, submission.value.code);
  return data(submission.reply({ formErrors: [limited] }), { status: 429 });
}

export default function Verify() {
  const { error, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "verify",
    lastResult,
    constraint: getZodConstraint(VerifyCodeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VerifyCodeSchema }),
  });
  const checking = navigation.state !== "idle" && navigation.formAction === "/verify";
  return (
    <section className="panel narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">Check your email</h1>
      <p role="status">
        If <strong>{email}</strong> belongs to an account, we have sent it a 6-digit code. It expires in{" "}
        {SIGN_IN_LIMITS.codeValidMinutes} minutes.
      </p>
      <Form method="post" {...getFormProps(form)}>
        {/* The answer to this submit (a lock-out) replaces the message left by the one before it. */}
        <FormErrors id={form.errorId} errors={form.errors?.length ? form.errors : [error]} />
        <Field
          label="Sign-in code"
          hint="6 digits, from the email we just sent."
          errors={fields.code.errors}
          inputProps={{
            ...getInputProps(fields.code, { type: "text" }),
            inputMode: "numeric",
            autoComplete: "one-time-code",
            autoFocus: true,
            maxLength: 6,
          }}
        />
        <button type="submit" className="button" disabled={checking}>
          {checking ? "Checking…" : "Sign in"}
        </button>
      </Form>
      <p>
        <Link to="/login">Use another email or get a new code</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
