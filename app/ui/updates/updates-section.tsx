import type { ClientUpdate } from "~/domain/updates/client-update";
import { formatDateTime } from "~/ui/format";
import { useClientPageContext } from "./new-since";
import { ReplyForm } from "./reply-form";
import { UpdateCard } from "./update-card";

/** The PM's updates on the client's page, newest first, with decision requests the contact can answer. */
export function UpdatesSection({ updates, slug }: { updates: ClientUpdate[]; slug: string }) {
  const { newSince, viewerId, canReply } = useClientPageContext();
  const fresh = updates.filter((u) => newSince.updates.includes(u.id)).length;
  return (
    <section className="panel" aria-labelledby="updates-title">
      <h2 id="updates-title">Updates</h2>
      {newSince.since ? (
        <p className="muted">
          Your last visit: {formatDateTime(newSince.since)}.{" "}
          {fresh ? `${fresh} new ${fresh === 1 ? "update" : "updates"} since then.` : "No new updates since then."}
        </p>
      ) : null}
      {updates.length === 0 ? (
        <p className="empty-state">Your project manager will post updates here.</p>
      ) : (
        <ul className="card-list">
          {updates.map((u) => {
            const mine = u.decision?.replies.find((r) => r.personId === viewerId) ?? null;
            const others = u.decision?.replies.filter((r) => r.personId !== viewerId) ?? [];
            return (
              <li key={u.id}>
                <UpdateCard update={u} slug={slug} isNew={newSince.updates.includes(u.id)}>
                  {mine ? (
                    <p className="reply-mine" role="note">
                      Your answer: <strong>{mine.answer}</strong>
                      {mine.comment ? ` — ${mine.comment}` : ""} <span className="muted">({formatDateTime(mine.repliedAt)})</span>
                    </p>
                  ) : null}
                  {others.length ? (
                    <ul className="decision-replies" aria-label={`Other answers to ${u.title}`}>
                      {others.map((r) => (
                        <li key={r.personId}>
                          <strong>{r.personName}</strong>: {r.answer}
                          {r.comment ? ` — ${r.comment}` : ""}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {u.decision && canReply ? <ReplyForm slug={slug} updateId={u.id} title={u.title} mine={mine} /> : null}
                </UpdateCard>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
