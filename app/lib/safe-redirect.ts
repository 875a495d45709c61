/**
 * Only same-site paths may be redirect targets: "/c/acme" yes;
 * "//evil.example", "https://evil.example", "/\\evil" and "javascript:" no.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!target || typeof target !== "string") return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  try {
    const url = new URL(target, "http://placeholder.invalid");
    if (url.origin !== "http://placeholder.invalid") return fallback;
    const result = url.pathname + url.search + url.hash;
    // The result is checked, not only the input: "/.//evil.example" normalises to "//evil.example".
    if (!result.startsWith("/") || result.startsWith("//") || /^\/[\\/]|^\/%(2f|5c)/i.test(result)) return fallback;
    return result;
  } catch {
    return fallback;
  }
}
