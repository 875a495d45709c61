import { diffWords } from "diff";

export type DiffPart = { kind: "added" | "removed" | "same"; text: string };

/** What changed between two texts, word by word, for people to read. */
export function diffVersions(previous: string, next: string): DiffPart[] {
  return diffWords(previous, next).map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}
