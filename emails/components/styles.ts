// The emails' shared styles (inline, as mail clients need them): one type
// scale and one palette for every template.
export const palette = {
  text: "#111827",
  muted: "#4b5563",
  link: "#1d4ed8",
  rule: "#e5e7eb",
  page: "#f4f5f7",
  card: "#ffffff",
} as const;

export const text = { color: palette.text, fontSize: 15, lineHeight: "22px" } as const;
export const muted = { color: palette.muted, fontSize: 13, lineHeight: "20px" } as const;
export const link = { color: palette.link, textDecoration: "underline" } as const;
export const heading = { color: palette.text, fontSize: 22 } as const;
