// One update as a page shows it, and the embedded select that reads it (used by
// the staff page and, embedded in the same request, by the client's page).
import { markdownToHtml } from "~/lib/markdown.server";

/** The columns of an update and what it links to. */
export const UPDATE_COLUMNS = `id, title, body_markdown, is_internal, decision_needed, decision_due, decision_from,
    milestone_id, requirement_document_id, created_at, edited_at, author_id,
    author:people!client_updates_author_id_fkey(full_name),
    decider:people!client_updates_decision_from_fkey(full_name),
    milestone:milestones(title), document:requirement_documents(title),
    update_replies(person_id, answer, comment, updated_at, person:people(full_name))` as const;

/** The same, embedded in a select from `clients`. */
export const UPDATE_SELECT = `client_updates(${UPDATE_COLUMNS})` as const;

export type UpdateRow = {
  id: string;
  title: string;
  body_markdown: string;
  is_internal: boolean;
  decision_needed: boolean;
  decision_due: string | null;
  decision_from: string | null;
  milestone_id: string | null;
  requirement_document_id: string | null;
  created_at: string;
  edited_at: string | null;
  author_id: string | null;
  author: { full_name: string } | null;
  decider: { full_name: string } | null;
  milestone: { title: string } | null;
  document: { title: string } | null;
  update_replies: { person_id: string; answer: string; comment: string | null; updated_at: string; person: { full_name: string } | null }[];
};

export type DecisionReply = { personId: string; personName: string; answer: string; comment: string | null; repliedAt: string };

export type ClientUpdate = {
  id: string;
  title: string;
  bodyMarkdown: string;
  /** The Markdown as safe HTML, rendered on the server. */
  bodyHtml: string;
  staffOnly: boolean;
  authorId: string | null;
  authorName: string | null;
  postedAt: string;
  editedAt: string | null;
  decision: { due: string | null; fromId: string | null; fromName: string | null; replies: DecisionReply[] } | null;
  milestone: { id: string; title: string } | null;
  document: { id: string; title: string } | null;
};

export function toClientUpdate(u: UpdateRow): ClientUpdate {
  return {
    id: u.id,
    title: u.title,
    bodyMarkdown: u.body_markdown,
    bodyHtml: markdownToHtml(u.body_markdown),
    staffOnly: u.is_internal,
    authorId: u.author_id,
    authorName: u.author?.full_name ?? null,
    postedAt: u.created_at,
    editedAt: u.edited_at,
    decision: u.decision_needed
      ? {
          due: u.decision_due,
          fromId: u.decision_from,
          fromName: u.decider?.full_name ?? null,
          replies: u.update_replies
            .map((r) => ({ personId: r.person_id, personName: r.person?.full_name ?? "A former contact", answer: r.answer, comment: r.comment, repliedAt: r.updated_at }))
            .sort((a, b) => a.repliedAt.localeCompare(b.repliedAt)),
        }
      : null,
    // A link the reader cannot see (RLS) is left out.
    milestone: u.milestone_id && u.milestone ? { id: u.milestone_id, title: u.milestone.title } : null,
    document: u.requirement_document_id && u.document ? { id: u.requirement_document_id, title: u.document.title } : null,
  };
}

/** Newest first. */
export const newestFirst = (a: { postedAt: string }, b: { postedAt: string }) => b.postedAt.localeCompare(a.postedAt);
