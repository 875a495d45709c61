import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createCalendarFeed, revokeCalendarFeeds } from "~/domain/calendar/manage-calendar-feeds.server";
import { requireClient } from "~/domain/clients/require-client.server";
import { getClientPortal } from "~/domain/portal/get-client-portal.server";
import { PortalActionSchema } from "~/domain/portal/schema";
import { setTaskStatus } from "~/domain/portal/set-task-status.server";
import { viewAsContact } from "~/domain/portal/view-as-contact.server";
import { getContactPulse } from "~/domain/pulse/pulse.server";
import { requireViewer } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PortalPage } from "~/ui/portal/portal-page";
import { appOrigin } from "~/lib/env.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.portal.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The page does not exist, or you do not have access to it.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const slug = params.slug ?? "";
  const asContact = new URL(request.url).searchParams.get("as");
  if (asContact) {
    if (!viewer.isStaff) throw new Response("Only staff can view the portal as a client contact.", { status: 403 });
    const result = await viewAsContact(db, slug, asContact);
    if (!result) throw notFound();
    return { portal: result.portal, viewAs: result.viewAs, viewer: { fullName: viewer.fullName, isStaff: true }, contacts: [], pulse: null };
  }
  const portal = await getClientPortal(db, slug);
  // Another tenant's page and a page that does not exist look the same.
  if (!portal) throw notFound();
  return {
    portal,
    viewAs: null,
    viewer: { fullName: viewer.fullName, isStaff: viewer.isStaff },
    contacts: viewer.isStaff ? portal.contacts : [],
    pulse: viewer.isStaff ? null : await getContactPulse(db, portal.client.id, viewer.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireViewer(request);
  const submission = parseWithZod(await request.formData(), { schema: PortalActionSchema });
  if (submission.status !== "success") return data({ feedUrl: null, error: "That request was not understood." }, { status: 400 });
  const { client } = await requireClient(db, params.slug ?? "");
  const action = submission.value;
  switch (action.intent) {
    case "set-task-status": {
      if (!(await setTaskStatus(db, client.id, action.taskId, action.status))) throw notFound();
      return { feedUrl: null, error: null };
    }
    case "create-calendar-feed": {
      const token = await createCalendarFeed(db, client.id);
      return { feedUrl: `${appOrigin}/calendar/${token}.ics`, error: null };
    }
    case "revoke-calendar-feeds": {
      await revokeCalendarFeeds(db, client.id);
      return { feedUrl: null, error: null };
    }
  }
}

export default function ClientHome() {
  const { portal, viewAs, viewer, contacts, pulse } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      {viewAs ? (
        <div className="view-as-banner" role="note">
          <p>
            <strong>Viewing as {viewAs.fullName}</strong> ({viewAs.role.replace("_", " ")}): exactly what they see. Read-only.
          </p>
          <Link to={`/c/${portal.client.slug}`}>Back to the staff view</Link>
        </div>
      ) : null}
      {!viewAs && viewer.isStaff && contacts.length ? (
        <Form method="get" className="inline-form view-as-form">
          <label htmlFor="view-as">View as</label>
          <select id="view-as" name="as" defaultValue="">
            <option value="" disabled>
              Choose a contact
            </option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.fullName} ({c.role.replace("_", " ")})
              </option>
            ))}
          </select>
          <button type="submit" className="button button-quiet">
            Show their page
          </button>
        </Form>
      ) : null}
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <PortalPage
        portal={portal}
        viewerName={viewAs?.fullName ?? viewer.fullName}
        greetAsClient={Boolean(viewAs) || !viewer.isStaff}
        readOnly={Boolean(viewAs)}
        feedUrl={actionData?.feedUrl ?? null}
        pulse={pulse}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
