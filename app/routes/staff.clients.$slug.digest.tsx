import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { previewDigest } from "~/domain/digests/preview-digest.server";
import { failureResponse } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DigestPreviewPanel } from "~/ui/notifications/digest-preview";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Digest preview · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

/** /staff/clients/<slug>/digest?contact=<person id>: a contact's next digest, exactly as it would be sent. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const access = await requireClient(db, params.slug ?? "");
  const contact = new URL(request.url).searchParams.get("contact");
  const result = await previewDigest(db, access, contact);
  if (!result.ok) throw failureResponse(result);
  return { client: access.client, preview: result.value };
}

export default function DigestPreviewPage() {
  const { client, preview } = useLoaderData<typeof loader>();
  return (
    <main className="staff-page">
      <p>
        <Link to={`/c/${client.slug}`}>{client.name}</Link>
      </p>
      <h1>Next digest: {client.name}</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="contact">Recipient</label>
        <select id="contact" name="contact" defaultValue={preview.contact.id}>
          {preview.contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.role.replace("_", " ")})
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <DigestPreviewPanel preview={preview} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
