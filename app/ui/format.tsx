// Dates are written by app/lib/dates.ts, shared with the emails.
export { formatDateTime, formatDay, formatDayLong } from "~/lib/dates";
export { plural, possessive } from "~/lib/words";

export function initials(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** An email address that may wrap after the "@" on a narrow screen, never mid-word. */
export function EmailText({ email }: { email: string }) {
  const at = email.indexOf("@");
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}
