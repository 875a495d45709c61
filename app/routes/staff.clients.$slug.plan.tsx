import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { todayIso } from "~/domain/portal/status";
import { applyTemplate, saveTimelineAsTemplate } from "~/domain/timeline/apply-template.server";
import { deletePlanItem } from "~/domain/timeline/delete-plan-item.server";
import { getPlanEditor } from "~/domain/timeline/get-plan-editor.server";
import type { PlanResult } from "~/domain/timeline/plan-errors.server";
import { saveClientTask } from "~/domain/timeline/save-client-task.server";
import { saveMilestone } from "~/domain/timeline/save-milestone.server";
import { savePhase } from "~/domain/timeline/save-phase.server";
import { PlanActionSchema } from "~/domain/timeline/schema";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PlanEditorView } from "~/ui/plan/plan-editor-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Plan · ${data?.editor.client.name ?? "Client"} · Onboarding portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const editor = await getPlanEditor(db, params.slug ?? "");
  if (!editor) throw new Response("The client does not exist, or you are not on its team.", { status: 404 });
  return { editor, today: todayIso() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: PlanActionSchema });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const { client } = await requireClient(db, params.slug ?? "", "editPlan");

  const input = submission.value;
  let result: PlanResult;
  switch (input.intent) {
    case "save-phase":
      result = await savePhase(db, client.id, input);
      break;
    case "save-milestone":
      result = await saveMilestone(db, client.id, input);
      break;
    case "save-task":
      result = await saveClientTask(db, client.id, input);
      break;
    case "delete-item":
      result = await deletePlanItem(db, client.id, input.kind, input.id);
      break;
    case "apply-template":
      result = await applyTemplate(db, client.id, input.templateId, input.startDate);
      break;
    case "save-template":
      result = await saveTimelineAsTemplate(db, client.id, input.name, input.description);
      break;
  }
  if (!result.ok) {
    const { status, ...errors } = formFailure(result);
    return data({ formId, result: submission.reply(errors) }, { status });
  }
  const isNew = formId.startsWith("new-") || formId === "apply-template" || formId === "save-template";
  return { formId, result: submission.reply({ resetForm: isNew }), saved: true };
}

export default function PlanEditorRoute() {
  const { editor, today } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/staff">← Your clients</Link> · <Link to={`/c/${editor.client.slug}`}>See the client's page</Link>
      </p>
      <PlanEditorView editor={editor} today={today} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
