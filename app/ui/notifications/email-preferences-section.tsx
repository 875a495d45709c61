import { Link } from "@remix-run/react";

/** On the client's page, for a contact: where they choose which emails they get and their digest. */
export function EmailPreferencesSection({ slug }: { slug: string }) {
  return (
    <section className="panel" aria-labelledby="email-preferences-title">
      <h2 id="email-preferences-title">Your emails</h2>
      <p>
        Choose which emails you get from this portal (at once, in a digest, or never) and when your digest comes:{" "}
        <Link to={`/c/${slug}/preferences`}>your email preferences</Link>.
      </p>
    </section>
  );
}
