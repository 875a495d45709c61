import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listMail } from "~/domain/mailbox/local-mailbox.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Local mailbox · Onboarding portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const to = new URL(request.url).searchParams.get("to");
  return { to, messages: await listMail(to) };
}

export default function Mailbox() {
  const { to, messages } = useLoaderData<typeof loader>();
  return (
    <section className="panel" aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">Local mailbox</h1>
      <p className="muted">
        Without RESEND_API_KEY, every email the portal sends lands here instead of being delivered. Newest first.
      </p>
      <Form method="get" className="inline-form" role="search">
        <label htmlFor="mailbox-to">Recipient</label>
        <input id="mailbox-to" name="to" type="search" defaultValue={to ?? ""} placeholder="name@company.com" />
        <button type="submit" className="button button-quiet">
          Filter
        </button>
      </Form>
      {messages.length === 0 ? (
        <p className="empty-state">No email yet{to ? ` for ${to}` : ""}. Sign in from another tab to receive a code.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Captured email</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td>{m.to.join(", ")}</td>
                <td>{formatDateTime(m.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
