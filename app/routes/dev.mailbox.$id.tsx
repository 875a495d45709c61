import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getMail } from "~/domain/mailbox/local-mailbox.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mail.subject ?? "Email"} · Local mailbox` },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const mail = await getMail(params.id ?? "");
  if (!mail) throw new Response("That email is not in the mailbox.", { status: 404 });
  return { mail };
}

export default function MailMessage() {
  const { mail } = useLoaderData<typeof loader>();
  // Links in the email open in this tab; links with target="_blank" (react-email Buttons) open a new,
  // unsandboxed tab, as they would from a mail client (a sandboxed tab has an opaque origin: no app JS or CSS).
  const html = (mail.html ?? "").replace(/<head>/i, '<head><base target="_top">');
  return (
    <section className="panel" aria-labelledby="mail-title">
      <p>
        <Link to="/dev/mailbox">← All email</Link>
      </p>
      <h1 id="mail-title">{mail.subject}</h1>
      <dl className="meta-list">
        <dt>From</dt>
        <dd>{mail.from}</dd>
        <dt>To</dt>
        <dd>{mail.to.join(", ")}</dd>
        <dt>Received</dt>
        <dd>{formatDateTime(mail.created_at)}</dd>
      </dl>
      {html ? (
        <iframe
          title={`Email: ${mail.subject}`}
          className="mail-frame"
          srcDoc={html}
          sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
        />
      ) : null}
      <details>
        <summary>Plain-text version</summary>
        <pre className="mail-text">{mail.text}</pre>
      </details>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
