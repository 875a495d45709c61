import { Form } from "@remix-run/react";

/** The secret calendar link: shown once when created, revocable any time. */
export function CalendarSection({ feedUrl, hasFeed, readOnly }: { feedUrl: string | null; hasFeed: boolean; readOnly: boolean }) {
  return (
    <section className="panel" aria-labelledby="calendar-title">
      <h2 id="calendar-title">Dates in your calendar</h2>
      <p>Subscribe to the milestones in Outlook, Google or Apple Calendar; when a date moves here, it moves there.</p>
      {feedUrl ? (
        <div role="status" className="feed-url">
          <label htmlFor="feed-url">Your private calendar link (copy it now; it is shown only once)</label>
          <input id="feed-url" type="text" readOnly value={feedUrl} />
        </div>
      ) : hasFeed ? (
        <p className="muted">You have a calendar link. Create a new one if you lost it; the old one stops working.</p>
      ) : null}
      {readOnly ? null : (
        <div className="inline-form">
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="create-calendar-feed" />
            <button type="submit" className="button button-quiet">
              {hasFeed || feedUrl ? "Create a new link" : "Create calendar link"}
            </button>
          </Form>
          {hasFeed || feedUrl ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="revoke-calendar-feeds" />
              <button type="submit" className="button button-quiet">
                Turn off calendar link
              </button>
            </Form>
          ) : null}
        </div>
      )}
    </section>
  );
}
