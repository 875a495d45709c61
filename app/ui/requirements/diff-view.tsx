import type { DiffPart } from "~/domain/requirements/diff-versions";

/**
 * The diff shows the document's Markdown source, where a list item starts with
 * "-": right next to the "−" that marks a removal, an added bullet read as a
 * removed line. Show list markers as the bullets readers see ("•"), across
 * part boundaries (one character for one, so each part keeps its length).
 */
export function readableParts(parts: DiffPart[]): DiffPart[] {
  const joined = parts.map((p) => p.text).join("");
  const shown = joined.replace(/(^|\n)([ \t]*)[-*+](?=[ \t])/g, (_m, start: string, indent: string) => `${start}${indent}•`);
  let at = 0;
  return parts.map((p) => {
    const text = shown.slice(at, at + p.text.length);
    at += p.text.length;
    return { ...p, text };
  });
}

/** What changed, word by word: additions and removals marked with +/− and words, not colour alone. */
export function DiffView({ parts: source, label }: { parts: DiffPart[]; label: string }) {
  const parts = readableParts(source);
  const changed = parts.some((p) => p.kind !== "same");
  return (
    <figure className="diff">
      <figcaption>
        {label}{" "}
        <span className="muted">
          (<ins className="diff-legend">+ added</ins>, <del className="diff-legend">− removed</del>)
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
