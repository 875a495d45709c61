import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { UpdatesPage } from "~/domain/updates/list-client-updates.server";
import { formatDateTime, plural } from "~/ui/format";
import { UpdateCard } from "./update-card";
import { UpdateForm } from "./update-form";

/** The staff page's list: every update (staff-only ones marked), its decision replies, and an edit form for one. */
export function StaffUpdateList({ page, editingId, lastResult }: { page: UpdatesPage; editingId: string | null; lastResult?: SubmissionResult<string[]> }) {
  return (
    <section className="panel" aria-labelledby="posted-title">
      <h2 id="posted-title">Posted updates</h2>
      {page.updates.length === 0 ? (
        <p className="empty-state">No updates yet.</p>
      ) : (
        <ul className="card-list">
          {page.updates.map((u) => (
            <li key={u.id}>
              {editingId === u.id ? (
                <div className="card">
                  <UpdateForm options={page} editing={u} lastResult={lastResult} />
                  <p>
                    <Link to={`/staff/clients/${page.client.slug}/updates#update-${u.id}`}>Cancel</Link>
                  </p>
                </div>
              ) : (
                <UpdateCard update={u} slug={page.client.slug}>
                  {u.decision ? (
                    <section aria-label={`Replies to ${u.title}`} className="decision-replies">
                      <h4>{u.decision.replies.length ? plural(u.decision.replies.length, "reply", "replies") : "No replies yet"}</h4>
                      {u.decision.replies.length ? (
                        <ul>
                          {u.decision.replies.map((r) => (
                            <li key={r.personId}>
                              <strong>{r.personName}</strong>: {r.answer}
                              {r.comment ? <> — {r.comment}</> : null} <span className="muted">({formatDateTime(r.repliedAt)})</span>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </section>
                  ) : null}
                  {u.canEdit ? (
                    <p>
                      <Link to={`?edit=${u.id}#update-${u.id}`} aria-label={`Edit: ${u.title}`}>
                        Edit
                      </Link>
                    </p>
                  ) : null}
                </UpdateCard>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
