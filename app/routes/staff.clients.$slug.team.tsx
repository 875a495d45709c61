import { type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireClient } from "~/domain/clients/require-client.server";
import { assignStaff } from "~/domain/setup/assign-staff.server";
import { getClientTeam } from "~/domain/setup/get-client-team.server";
import { inviteContact } from "~/domain/setup/invite-contact.server";
import { removeStaff } from "~/domain/setup/remove-staff.server";
import { contactRoleLabel, staffRoleLabel, TeamActionSchema } from "~/domain/setup/schema";
import { formFailure } from "~/lib/result";
import { requireStaff } from "~/lib/viewer.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ActionNotices } from "~/ui/notices";
import { possessive } from "~/ui/format";
import { AssignStaffForm, InviteContactForm, RemoveStaffButton } from "~/ui/setup/team-forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Team · ${data.client.name} · Onboarding portal` : "Not found · Onboarding portal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireStaff(request);
  const team = await getClientTeam(db, params.slug ?? "");
  if (!team) throw new Response("The page does not exist, or you do not have access to it.", { status: 404 });
  return team;
}

const INTENTS = ["assign-staff", "remove-staff", "invite-contact"] as const;

type ActionResult = {
  intent: (typeof INTENTS)[number] | null;
  result: SubmissionResult | null;
  notice: string | null;
  error: string | null;
};

const answer = (values: Partial<ActionResult>, status = 200) =>
  data<ActionResult>({ intent: null, result: null, notice: null, error: null, ...values }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  // Read-only team members (403) and outsiders (404) go no further.
  const access = await requireClient(db, params.slug ?? "", "manageTeam");
  const submission = parseWithZod(await request.formData(), { schema: TeamActionSchema });
  if (submission.status !== "success") {
    const intent = INTENTS.find((i) => i === submission.payload.intent) ?? null;
    return answer(
      { intent, result: submission.reply(), error: intent ? null : "That request was not understood." },
      400,
    );
  }
  const value = submission.value;
  switch (value.intent) {
    case "assign-staff": {
      const result = await assignStaff(db, access, value);
      if (!result.ok) {
        const { status, ...errors } = formFailure(result);
        return answer({ intent: value.intent, result: submission.reply(errors) }, status);
      }
      return answer({
        intent: value.intent,
        result: submission.reply({ resetForm: true }),
        notice: `${result.value.fullName} is now on the team.`,
      });
    }
    case "remove-staff": {
      const result = await removeStaff(db, access, value.personId);
      if (!result.ok) {
        const { status } = formFailure(result);
        return answer({ intent: value.intent, error: result.message }, status);
      }
      return answer({ intent: value.intent, notice: `${result.value.fullName} is no longer on the team.` });
    }
    case "invite-contact": {
      // The invitation and its email are one transaction: the email is in the outbox.
      const outcome = await inviteContact(db, access, value);
      if (!outcome.ok) {
        const { status, ...errors } = formFailure(outcome);
        return answer({ intent: value.intent, result: submission.reply(errors) }, status);
      }
      return answer({
        intent: value.intent,
        result: submission.reply({ resetForm: true }),
        notice: `${outcome.value.fullName} is invited. We emailed the invitation to ${outcome.value.email}.`,
      });
    }
  }
}

export default function ClientTeamPage() {
  const { client, team, contacts, canManage, staffOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Arriving from "New client": say it was made, and what comes next.
  const [searchParams] = useSearchParams();
  const justCreated = searchParams.get("created") === "1" && !actionData;
  // The only project manager cannot be removed (the server refuses too): no button for it.
  const pmCount = team.filter((m) => m.role === "project_manager").length;
  const resultFor = (intent: ActionResult["intent"]) =>
    actionData?.intent === intent ? (actionData.result ?? undefined) : undefined;

  return (
    <>
      <section className="panel" aria-labelledby="team-title">
        <p className="link-row">
          <Link to="/staff">← All clients</Link>
          <Link to={`/c/${client.slug}`}>{possessive(client.name)} page</Link>
        </p>
        <h1 id="team-title">{client.name}: team and contacts</h1>
        <ActionNotices
          notice={
            justCreated
              ? `${client.name} was created. Add the rest of your team, then invite the client's contacts below.`
              : actionData?.notice
          }
        />
        {actionData?.error ? (
          <p role="alert" className="form-errors">
            {actionData.error}
          </p>
        ) : null}
        {canManage ? null : (
          <p className="muted">
            You can see this team. Only the project manager (or an admin) can change it or invite contacts.
          </p>
        )}

        <h2 id="staff-title">Our team</h2>
        {team.length === 0 ? (
          <p className="empty-state">Nobody is assigned yet.</p>
        ) : (
          <ul className="setup-list" aria-labelledby="staff-title">
            {team.map((m) => (
              <li key={m.id} className="setup-item">
                <div>
                  <p className="setup-name">{m.fullName}</p>
                  <p className="muted">
                    {staffRoleLabel(m.role)}
                    {m.title ? ` · ${m.title}` : ""} · <a href={`mailto:${m.email}`}>{m.email}</a>
                  </p>
                  {m.responsibilities ? <p>{m.responsibilities}</p> : null}
                </div>
                {canManage && !(m.role === "project_manager" && pmCount === 1) ? (
                  <RemoveStaffButton personId={m.id} fullName={m.fullName} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage ? (
        <section className="panel setup-form" aria-labelledby="assign-title">
          <h2 id="assign-title">Add a team member</h2>
          <AssignStaffForm staffOptions={staffOptions} lastResult={resultFor("assign-staff")} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="contacts-title">
        <h2 id="contacts-title">Client contacts</h2>
        {contacts.length === 0 ? (
          <p className="empty-state">No contacts yet.{canManage ? " Invite the first one below." : ""}</p>
        ) : (
          <ul className="setup-list" aria-labelledby="contacts-title">
            {contacts.map((c) => (
              <li key={c.id} className="setup-item">
                <div>
                  <p className="setup-name">{c.fullName}</p>
                  <p className="muted">
                    {contactRoleLabel(c.role)}
                    {c.title ? ` · ${c.title}` : ""} · <a href={`mailto:${c.email}`}>{c.email}</a>
                    {c.phone ? ` · ${c.phone}` : ""}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canManage ? (
        <section className="panel setup-form" aria-labelledby="invite-title">
          <h2 id="invite-title">Invite a contact</h2>
          <p className="muted">
            They get an email explaining the portal, naming their project manager, with a link to sign in.
          </p>
          <InviteContactForm lastResult={resultFor("invite-contact")} />
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
