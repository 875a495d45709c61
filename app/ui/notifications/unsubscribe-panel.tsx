import { Form } from "@remix-run/react";
import type { UnsubscribeContext } from "~/domain/notifications/unsubscribe.server";
import { KIND_LABEL } from "~/domain/notifications/schema";

type Choice = "never" | "digest" | "weekly" | "daily";

const DONE: Record<Choice, string> = {
  never: "You are unsubscribed.",
  digest: "Done: these now come only in your digest.",
  weekly: "Done: your digest now comes weekly.",
  daily: "Done: your digest now comes daily.",
};

/** What an unsubscribe link does, a button to do it, and the offer to change the frequency instead. */
export function UnsubscribePanel({
  token,
  context,
  done,
  error,
}: {
  token: string;
  context: UnsubscribeContext;
  done: Choice | null;
  error: string | null;
}) {
  const { claim, client, settings, personName } = context;
  const what = claim.kind === "digest" ? `your digest about ${client.name}'s onboarding` : `${KIND_LABEL[claim.kind].toLowerCase()} about ${client.name}'s onboarding`;
  const action = `/unsubscribe/${token}`;
  return (
    <section className="panel" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">Unsubscribe</h1>
      {done ? (
        <p role="status" className="notice">
          {DONE[done]}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="warning">
          {error}
        </p>
      ) : null}
      <p>
        {personName}, this link stops emails with {what}. You do not need to sign in.
      </p>
      {done !== "never" ? (
        <Form method="post" action={action}>
          <input type="hidden" name="choice" value="never" />
          <button type="submit" className="button">
            Unsubscribe
          </button>
        </Form>
      ) : null}
      <h2>Or change how often instead</h2>
      {claim.kind === "digest" ? (
        <Form method="post" action={action} className="link-row">
          {settings.digest.frequency !== "weekly" ? (
            <button type="submit" name="choice" value="weekly" className="button button-quiet">
              Get the digest weekly
            </button>
          ) : null}{" "}
          {settings.digest.frequency !== "daily" ? (
            <button type="submit" name="choice" value="daily" className="button button-quiet">
              Get the digest daily
            </button>
          ) : null}
        </Form>
      ) : (
        <Form method="post" action={action}>
          <button type="submit" name="choice" value="digest" className="button button-quiet">
            Only in my digest
          </button>
        </Form>
      )}
      <p>
        You can choose every kind of email on <a href={`/c/${client.slug}/preferences`}>your email preferences page</a> (after signing in).
      </p>
    </section>
  );
}
