// The client page's sections: one page, one loader, and a shareable URL per
// section (/c/<slug>?section=timeline). Plain links, so the navigation works
// without JavaScript; forms post to the URL they are on, so a section survives
// a submission. Overview (no ?section) holds what asks something of the reader;
// ?section=all keeps the whole page reachable in one scroll.
import { Link, useSearchParams } from "@remix-run/react";
import { createContext, useContext, type ReactNode } from "react";

export const PORTAL_SECTIONS = [
  { key: "overview", label: "Overview" },
  { key: "timeline", label: "Timeline" },
  { key: "signoffs", label: "Sign-offs" },
  { key: "team", label: "Team" },
  { key: "updates", label: "Updates" },
  { key: "feedback", label: "Feedback" },
  { key: "promises", label: "Promises" },
  { key: "all", label: "Everything" },
] as const;

export type PortalSectionKey = (typeof PORTAL_SECTIONS)[number]["key"];

const KEYS = new Set<string>(PORTAL_SECTIONS.map((s) => s.key));

/** The section a URL's search asks for; anything unknown is the overview. */
export function sectionFrom(params: URLSearchParams): PortalSectionKey {
  const asked = params.get("section") ?? "overview";
  return KEYS.has(asked) ? (asked as PortalSectionKey) : "overview";
}

const SectionContext = createContext<PortalSectionKey>("overview");

/** Renders its children when the page shows one of `in` (or everything). */
export function InSection({ in: keys, children }: { in: PortalSectionKey[]; children: ReactNode }) {
  const current = useContext(SectionContext);
  return current === "all" || keys.includes(current) ? <>{children}</> : null;
}

export function SectionProvider({ children }: { children: ReactNode }) {
  const [params] = useSearchParams();
  return <SectionContext.Provider value={sectionFrom(params)}>{children}</SectionContext.Provider>;
}

/** The tab row: a link per section, the current one marked for screen readers and the eye. */
export function SectionNav({ counts = {} }: { counts?: Partial<Record<PortalSectionKey, number>> }) {
  const [params] = useSearchParams();
  const current = sectionFrom(params);
  const href = (key: PortalSectionKey) => {
    const next = new URLSearchParams();
    const as = params.get("as");
    if (as) next.set("as", as);
    if (key !== "overview") next.set("section", key);
    const search = next.toString();
    return { search: search ? `?${search}` : "" };
  };
  return (
    <nav className="section-nav" aria-label="Sections of this page">
      <ul>
        {PORTAL_SECTIONS.map((s) => (
          <li key={s.key}>
            <Link
              to={href(s.key)}
              aria-current={s.key === current ? "page" : undefined}
              preventScrollReset
              className="section-tab"
            >
              {s.label}
              {counts[s.key] ? (
                <span className="section-count">
                  {" "}
                  {counts[s.key]}
                  <span className="visually-hidden"> waiting</span>
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The feedback section for someone who is not asked the pulse (staff, or staff viewing as a contact). */
export function NoPulseHere({ slug, staff }: { slug: string; staff: boolean }) {
  return (
    <section className="panel" aria-labelledby="no-pulse-title">
      <h2 id="no-pulse-title">How is it going?</h2>
      <p className="empty-state">
        The client&apos;s contacts answer the pulse and raise concerns here.
        {staff ? (
          <>
            {" "}
            Their answers are on the <Link to={`/staff/clients/${slug}/feedback`}>feedback page</Link>.
          </>
        ) : null}
      </p>
    </section>
  );
}

/** The promises section before the handoff has recorded any. */
export function NoPromisesYet() {
  return (
    <section className="panel" aria-labelledby="promises-title" id="promises">
      <h2 id="promises-title">What we promised you</h2>
      <p className="empty-state">Nothing recorded yet. What our team promised you during the sale will be listed here.</p>
    </section>
  );
}
