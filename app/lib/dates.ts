// One way to write a date, for the app and the emails alike: the reader's
// locale (en-GB until people choose one), day month year ("6 Dec 2026"), in UTC
// so the server and the browser render the same text.
export const DEFAULT_LOCALE = "en-GB";

// One formatter per style and locale, made on first use: making one costs far
// more than formatting with it, and a staff page formats hundreds of dates.
const STYLES = {
  day: { day: "numeric", month: "short", year: "numeric" },
  dayLong: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${style}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: "UTC" });
    formatters.set(key, f);
  }
  return f;
}

/** "6 Dec 2026" for an ISO calendar day ("2026-12-06"). */
export function formatDay(isoDay: string, locale = DEFAULT_LOCALE): string {
  return formatter(locale, "day").format(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * "Sunday 6 December 2026": for screen readers and headings. Built from parts
 * without a comma after the weekday, because ICU versions differ on it (Node
 * writes "Sunday 6 December", Chromium "Sunday, 6 December"), and text the
 * server renders must be the text the browser renders.
 */
export function formatDayLong(isoDay: string, locale = DEFAULT_LOCALE): string {
  const parts = formatter(locale, "dayLong").formatToParts(
    new Date(`${isoDay}T00:00:00Z`),
  );
  return parts
    .map((part, i) => (part.type === "literal" && parts[i - 1]?.type === "weekday" ? part.value.replace(/^,\s*/, " ") : part.value))
    .join("");
}

/** A stable, unambiguous date and time: "6 Dec 2026, 14:05 UTC". */
export function formatDateTime(iso: string, locale = DEFAULT_LOCALE): string {
  return `${formatter(locale, "dateTime").format(new Date(iso))} UTC`;
}
