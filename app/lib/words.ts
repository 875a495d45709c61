// Small pieces of English the app and the emails both write.

/** "Northwind Logistics' page", "Bluebell's page". */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** "1 day", "3 days". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How far a planned date moved: "1 day later", "3 days earlier". */
export function describeShift(days: number): string {
  return days >= 0 ? `${plural(days, "day")} later` : `${plural(-days, "day")} earlier`;
}

/**
 * Whether the page should sign the welcome message with the project manager's
 * name: not when the message already ends with a sign-off ("— Priya",
 * "- Priya Raman", "Best, Priya") naming them.
 */
export function needsSignature(welcomeText: string, pmFullName: string): boolean {
  const lastLine = welcomeText.trim().split("\n").pop() ?? "";
  const names = [pmFullName, pmFullName.split(/\s+/)[0]].filter(Boolean).map((n) => n.toLowerCase());
  const tail = lastLine.toLowerCase();
  return !names.some((n) => new RegExp(`(^|[—–\\-,.!]\\s*)${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*\\.?$`).test(tail));
}
