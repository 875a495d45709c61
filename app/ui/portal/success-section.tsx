import type { ClientPortal } from "~/domain/portal/get-client-portal.server";

/** The success criteria agreed with the client (internal ones only for staff: RLS). */
export function SuccessSection({ criteria }: { criteria: ClientPortal["successCriteria"] }) {
  return (
    <section className="panel" aria-labelledby="success-title">
      <h2 id="success-title">What success looks like</h2>
      {criteria.length === 0 ? (
        <p className="empty-state">Success criteria will be agreed with you and written here.</p>
      ) : (
        <ul className="criteria-list">
          {criteria.map((c) => (
            <li key={c.id}>
              <p className="criterion">{c.statement}</p>
              {c.measure ? <p className="muted">Measured by: {c.measure}</p> : null}
              {c.isInternal ? <span className="tag-internal">Internal: clients never see this</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
