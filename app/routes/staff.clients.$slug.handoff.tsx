import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getClientPage } from "~/domain/clients/get-client-page.server";
import { deleteCommitment } from "~/domain/handoff/delete-commitment.server";
import { getHandoff } from "~/domain/handoff/get-handoff.server";
import type { HandoffResult } from "~/domain/handoff/handoff-errors.server";
import { linkCommitment, unlinkCommitment } from "~/domain/handoff/link-commitment.server";
import { deleteClientFact, saveClientFact } from "~/domain/handoff/save-client-fact.server";
import { saveCommitment } from "~/domain/handoff/save-commitment.server";
import { saveHandoff } from "~/domain/handoff/save-handoff.server";
import { deleteInternalNote, saveInternalNote } from "~/domain/handoff/save-internal-note.server";
import { HandoffActionSchema } from "~/domain/handoff/schema";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { HandoffEditor } from "~/ui/handoff/handoff-editor";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Handoff · ${data?.page.client.name ?? "Client"} · Onboarding portal` }];

const notFound = () => new Response("The client does not exist, or you are not on its team.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireStaff(request);
  const page = await getHandoff(db, params.slug ?? "", viewer);
  if (!page) throw notFound();
  return { page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: HandoffActionSchema });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const client = await getClientPage(db, params.slug ?? "");
  if (!client) throw notFound();

  const input = submission.value;
  let result: HandoffResult;
  switch (input.intent) {
    case "save-handoff":
      result = await saveHandoff(db, client.id, input);
      break;
    case "save-commitment":
      result = await saveCommitment(db, client.id, input);
      break;
    case "delete-commitment":
      result = await deleteCommitment(db, client.id, input.commitmentId);
      break;
    case "save-fact":
      result = await saveClientFact(db, client.id, input);
      break;
    case "delete-fact":
      result = await deleteClientFact(db, client.id, input.factId);
      break;
    case "save-note":
      result = await saveInternalNote(db, client.id, input);
      break;
    case "delete-note":
      result = await deleteInternalNote(db, client.id, input.noteId);
      break;
    case "link-commitment":
      result = await linkCommitment(db, client.id, input.commitmentId, input.target);
      break;
    case "unlink-commitment":
      result = await unlinkCommitment(db, client.id, input.linkId);
      break;
  }
  if (!result.ok) {
    return data(
      { formId, result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formError ? [result.formError] : undefined }) },
      { status: result.status },
    );
  }
  return { formId, result: submission.reply({ resetForm: formId.startsWith("new-") }), saved: true };
}

export default function HandoffRoute() {
  const { page } = useLoaderData<typeof loader>();
  return <HandoffEditor page={page} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
