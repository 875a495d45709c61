import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { editClientUpdate } from "~/domain/updates/edit-client-update.server";
import { listClientUpdates } from "~/domain/updates/list-client-updates.server";
import { postClientUpdate } from "~/domain/updates/post-client-update.server";
import { EditUpdateSchema, PostUpdateSchema } from "~/domain/updates/schema";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { StaffUpdateList } from "~/ui/updates/staff-update-list";
import { UpdateForm } from "~/ui/updates/update-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Updates · ${data.page.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

const notFound = () => new Response("The client does not exist, or you are not on its team.", { status: 404 });

/** Staff on the client's team (or an admin); anyone else gets the same 404 as for a client that does not exist. */
async function requireTeam(request: Request, slug: string) {
  const { viewer, db } = await requireStaff(request);
  const access = await requireClient(db, slug);
  if (!access.isStaff) throw notFound();
  return { viewer, db, access };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  // The team only (staff on the client, or an admin): anyone else gets the same 404 as for a client that does not exist.
  const page = await listClientUpdates(db, params.slug ?? "", viewer.id);
  if (!page) throw notFound();
  // ?edit=<id> opens that update's edit form (a link, so it works without JavaScript).
  const edit = new URL(request.url).searchParams.get("edit");
  return { page, editing: page.updates.find((u) => u.id === edit && u.canEdit)?.id ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, access } = await requireTeam(request, params.slug ?? "");
  const formData = await request.formData();
  const editing = formData.get("intent") === "edit-update";
  const updateId = editing ? String(formData.get("updateId") ?? "") : null;
  const submission = parseWithZod(formData, { schema: editing ? EditUpdateSchema : PostUpdateSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), updateId }, { status: 400 });
  const input = submission.value;
  let savedId: string;
  if (input.intent === "edit-update") {
    const saved = await editClientUpdate(db, access, input);
    if (!saved.ok) {
      const { status, ...errors } = formFailure(saved);
      return data({ result: submission.reply(errors), updateId }, { status });
    }
    savedId = input.updateId;
  } else {
    const saved = await postClientUpdate(db, access, input);
    if (!saved.ok) {
      const { status, ...errors } = formFailure(saved);
      return data({ result: submission.reply(errors), updateId }, { status });
    }
    savedId = saved.value.id;
  }
  return redirect(`/staff/clients/${access.client.slug}/updates#update-${savedId}`);
}

export default function StaffUpdatesRoute() {
  const { page, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const editingId = actionData?.updateId ?? editing;
  return (
    <>
      <section className="panel" aria-labelledby="updates-title">
        <p className="link-row">
          <Link to="/staff">← All clients</Link>
          <Link to={`/c/${page.client.slug}`}>{page.client.name}&apos;s page</Link>
        </p>
        <h1 id="updates-title">{page.client.name}: updates</h1>
        <p className="muted">Updates appear on the client&apos;s page, newest first; staff-only ones stay here.</p>
      </section>
      <section className="panel setup-form">
        {/* A new form (cleared) once a post has been saved. */}
        <UpdateForm key={page.updates.length} options={page} lastResult={actionData && !actionData.updateId ? actionData.result : undefined} />
      </section>
      <StaffUpdateList page={page} editingId={editingId} lastResult={actionData?.updateId ? actionData.result : undefined} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
