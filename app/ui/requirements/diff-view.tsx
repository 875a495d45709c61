import type { DiffPart } from "~/domain/requirements/diff-versions";

/** What changed, word by word: additions and removals marked with +/− and words, not colour alone. */
export function DiffView({ parts, label }: { parts: DiffPart[]; label: string }) {
  const changed = parts.some((p) => p.kind !== "same");
  return (
    <figure className="diff">
      <figcaption>
        {label}{" "}
        <span className="muted">
          (<span aria-hidden="true">+</span> added, <span aria-hidden="true">−</span> removed)
        </span>
      </figcaption>
      {changed ? (
        <div className="diff-text">
          {parts.map((p, i) =>
            p.kind === "added" ? (
              <ins key={i}>
                <span className="diff-marker" aria-hidden="true">
                  +
                </span>
                <span className="visually-hidden">[added: </span>
                {p.text}
                <span className="visually-hidden">]</span>
              </ins>
            ) : p.kind === "removed" ? (
              <del key={i}>
                <span className="diff-marker" aria-hidden="true">
                  −
                </span>
                <span className="visually-hidden">[removed: </span>
                {p.text}
                <span className="visually-hidden">]</span>
              </del>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          )}
        </div>
      ) : (
        <p className="muted">The text did not change.</p>
      )}
    </figure>
  );
}
