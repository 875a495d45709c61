import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createCalendarFeed, revokeCalendarFeeds } from "~/domain/calendar/manage-calendar-feeds.server";
import { requireClient } from "~/domain/clients/require-client.server";
import { NOTHING_NEW } from "~/domain/updates/new-since";
// Server-only, so the schemas and zod stay out of the page's JavaScript.
import { CommitmentResponseSchema, parseWithZod, PortalActionSchema } from "~/domain/portal/portal-actions.server";
import { formFailure } from "~/lib/result";
import { toOpenedPortal } from "~/domain/updates/open-client-portal.server";
import type { ClientPageRows } from "~/domain/portal/get-client-portal.server";
import { respondToCommitment } from "~/domain/handoff/respond-to-commitment.server";
import { setTaskStatus } from "~/domain/portal/set-task-status.server";
import { taskActor } from "~/domain/portal/task-rules";
import { HTTP_STATUS } from "~/lib/result";
import { viewAsContact } from "~/domain/portal/view-as-contact.server";
import { requireViewer, requireViewerWithPage } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PortalPage } from "~/ui/portal/portal-page";
import { ClientPageContext } from "~/ui/updates/new-since";
import { appOrigin } from "~/lib/env.server";
import { brandStyle } from "~/lib/brand.server";
import { SERVER_RENDERED } from "~/ui/server-rendered";

// Sent without React in the browser: the forms post and answer as HTML (ADR 0018).
export const handle = SERVER_RENDERED;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.portal.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const HANDOFF_INTENTS = new Set(["confirm-commitment", "dispute-commitment", "answer-fact"]);

const notFound = () => new Response("The page does not exist, or you do not have access to it.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const asContact = new URL(request.url).searchParams.get("as");
  if (asContact) {
    const { viewer, db } = await requireViewer(request);
    if (!viewer.isStaff) throw new Response("Only staff can view the portal as a client contact.", { status: 403 });
    const result = await viewAsContact(db, slug, asContact);
    if (!result) throw notFound();
    return {
      portal: result.portal,
      newSince: NOTHING_NEW,
      viewAs: result.viewAs,
      viewer: { id: viewer.id, fullName: viewer.fullName, isStaff: true },
      contacts: [],
      taskActor: taskActor(result.portal.contacts, { id: result.viewAs.id, isStaff: false }),
      pulse: null,
      brand: brandStyle(result.portal.client.primaryColor, result.portal.client.accentColor),
    };
  }
  // The session check, the page and the visit in one round trip.
  const { viewer, page } = await requireViewerWithPage<ClientPageRows>(request, "signed_in_client_page", { p_slug: slug, p_open: true });
  // Another tenant's page and a page that does not exist look the same.
  if (!page) throw notFound();
  const { portal, newSince, pulse } = toOpenedPortal(page);
  return {
    portal,
    newSince,
    viewAs: null,
    viewer: { id: viewer.id, fullName: viewer.fullName, isStaff: viewer.isStaff },
    contacts: viewer.isStaff ? portal.contacts : [],
    taskActor: taskActor(portal.contacts, viewer),
    pulse: viewer.isStaff ? null : pulse,
    brand: brandStyle(portal.client.primaryColor, portal.client.accentColor),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireViewer(request);
  const formData = await request.formData();
  if (HANDOFF_INTENTS.has(String(formData.get("intent")))) {
    // "What we promised you": confirm, dispute, answer a fact (app/domain/handoff).
    const formId = String(formData.get("formId") ?? "");
    const submission = parseWithZod(formData, { schema: CommitmentResponseSchema });
    if (submission.status !== "success") return data({ feedUrl: null, error: null, handoff: { formId, result: submission.reply() } }, { status: 400 });
    const { client } = await requireClient(db, params.slug ?? "");
    const result = await respondToCommitment(db, client.id, submission.value);
    if (!result.ok) {
      const { status, ...errors } = formFailure(result);
      return data({ feedUrl: null, error: null, handoff: { formId, result: submission.reply(errors) } }, { status });
    }
    const notice = submission.value.intent === "dispute-commitment" ? "Thank you: we have told your project manager." : "Thank you.";
    return { feedUrl: null, error: null, handoff: { formId, result: submission.reply({ resetForm: true }), notice } };
  }
  const submission = parseWithZod(formData, { schema: PortalActionSchema });
  if (submission.status !== "success") return data({ feedUrl: null, error: "That request was not understood." }, { status: 400 });
  const { client } = await requireClient(db, params.slug ?? "");
  const action = submission.value;
  switch (action.intent) {
    case "set-task-status": {
      const result = await setTaskStatus(db, client.id, action.taskId, action.status);
      if (!result.ok && result.kind === "not_found") throw notFound();
      if (!result.ok) return data({ feedUrl: null, error: result.message }, { status: HTTP_STATUS[result.kind] });
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
  const { portal, newSince, viewAs, viewer, contacts, taskActor, pulse, brand } = useLoaderData<typeof loader>();
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
      <ClientPageContext value={{ newSince, viewerId: viewAs?.id ?? viewer.id, canReply: !viewAs && !viewer.isStaff }}>
        <PortalPage
          portal={portal}
          viewerName={viewAs?.fullName ?? viewer.fullName}
          greetAsClient={Boolean(viewAs) || !viewer.isStaff}
          readOnly={Boolean(viewAs)}
          taskActor={taskActor}
          feedUrl={actionData?.feedUrl ?? null}
          pulse={pulse}
          brand={brand}
        />
      </ClientPageContext>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
