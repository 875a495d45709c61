import { Link } from "@remix-run/react";

/** The staff workspace's own pages, under the staff home's title. */
export function WorkspaceNav({ isAdmin, csvHref }: { isAdmin: boolean; csvHref?: string }) {
  return (
    <nav aria-label="Staff workspace">
      <ul className="workspace-nav">
        <li>
          <Link to="/staff/my-work">My work this week</Link>
        </li>
        {isAdmin ? (
          <li>
            <Link to="/staff/lifecycle">Lifecycle</Link>
          </li>
        ) : null}
        {csvHref ? (
          <li>
            <a href={csvHref} download>
              Download this list (CSV)
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
