import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { getHandoff } from "~/domain/handoff/get-handoff.server";
import { linkCommitment, unlinkCommitment } from "~/domain/handoff/link-commitment.server";
import { deleteClientFact, saveClientFact } from "~/domain/handoff/save-client-fact.server";
import { deleteCommitment, saveCommitment } from "~/domain/handoff/save-commitment.server";
import { saveHandoff } from "~/domain/handoff/save-handoff.server";
import { deleteInternalNote, saveInternalNote } from "~/domain/handoff/save-internal-note.server";
import { HandoffActionSchema } from "~/domain/handoff/schema";
import { acknowledgeTransition } from "~/domain/handoff/acknowledge-transition.server";
import { writeTransitionNote } from "~/domain/handoff/write-transition-note.server";
import { formFailure, type Result } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { HandoffEditor } from "~/ui/handoff/handoff-editor";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Handoff · ${data?.page.client.name ?? "Client"} · Onboarding portal` }];

const notFound = () => new Response("The client does not exist, or you are not on its team.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, viewer } = await requireStaff(request);
  const page = await getHandoff(db, params.slug ?? "", viewer.id);
  if (!page) throw notFound();
  return { page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: HandoffActionSchema });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const access = await requireClient(db, params.slug ?? "");
  if (!access.isStaff) throw notFound();
  const { client } = access;

  const input = submission.value;
  let result: Result<unknown>;
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
    case "write-transition":
      result = await writeTransitionNote(db, client.id, input);
      break;
    case "acknowledge-transition":
      result = await acknowledgeTransition(db, client.id);
      break;
  }
  if (!result.ok) {
    const { status, ...errors } = formFailure(result);
    return data({ formId, result: submission.reply(errors) }, { status });
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
