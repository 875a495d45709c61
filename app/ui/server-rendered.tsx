// The client's pages are served as HTML without React in the browser (ADR 0018):
// a route that exports `handle = SERVER_RENDERED` gets no <Scripts> (no React,
// no Remix runtime, no loader data in the document), only the small inline
// script below. Every form there already posts and answers without JavaScript;
// the script adds back what hydration gave those forms:
//   - a second submit of the same form while the first is on its way is dropped
//     (the button says so with aria-disabled), and a page restored from the
//     back/forward cache is usable again;
//   - after posting, the answer opens where the reader was, not at the top;
//   - a field the server refused gets the focus, as ~/ui/server-form does when
//     the page is hydrated; a refusal with no field (the page's alert) gets the
//     focus instead, so it is in view and read out.
import { useMatches } from "@remix-run/react";

export type PageHandle = { hydrate?: boolean };

/** The handle of a route whose pages are sent without React in the browser. */
export const SERVER_RENDERED: PageHandle = { hydrate: false };

/** Whether the browser gets React for this page: not when any matched route says so. */
export function useHydrates(): boolean {
  return !useMatches().some((m) => (m.handle as PageHandle | undefined)?.hydrate === false);
}

// Runs in the browser, inlined by its source text (so it must stand alone: no
// imports, no outer names). Plain DOM, no dependencies: ~1 KB.
function enhance() {
  const KEY = "portal:scroll";
  let busy = new WeakSet<HTMLFormElement>();
  let marked: Element[] = [];
  document.addEventListener("submit", (event) => {
    const form = event.target as HTMLFormElement;
    if ((form.getAttribute("method") ?? "get").toLowerCase() !== "post") return;
    if (busy.has(form)) {
      event.preventDefault();
      return;
    }
    // Disabling the button here would drop its name and value from what is sent.
    busy.add(form);
    form.setAttribute("aria-busy", "true");
    marked.push(form);
    const button = (event as SubmitEvent).submitter;
    if (button) {
      button.setAttribute("aria-disabled", "true");
      marked.push(button);
    }
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, y: window.scrollY }));
    } catch {
      // Storage refused (private mode): the answer opens at the top.
    }
  });
  // Back to a page kept in the back/forward cache: its forms were left busy.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    busy = new WeakSet<HTMLFormElement>();
    for (const el of marked) {
      el.removeAttribute("aria-busy");
      el.removeAttribute("aria-disabled");
    }
    marked = [];
  });
  let saved: { path?: string; y?: number } | null = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as { path?: string; y?: number } | null;
    sessionStorage.removeItem(KEY);
  } catch {
    saved = null;
  }
  const answered = Boolean(saved && saved.path === location.pathname && typeof saved.y === "number");
  if (answered && !location.hash) window.scrollTo(0, saved!.y!);
  const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"]:not(form)');
  if (invalid) {
    invalid.focus();
    return;
  }
  // A refusal with no field to mark (the page's own alert) is brought into view
  // and read out, rather than left above where the reader pressed.
  const alert = answered ? document.querySelector<HTMLElement>('[role="alert"]') : null;
  if (alert) {
    if (!alert.hasAttribute("tabindex")) alert.setAttribute("tabindex", "-1");
    alert.focus();
  }
}

/** The inline script for a page sent without React (CSP: it carries this response's nonce). */
export function EnhanceScript({ nonce }: { nonce: string }) {
  return <script nonce={nonce || undefined} dangerouslySetInnerHTML={{ __html: ENHANCE_SOURCE }} />;
}

const ENHANCE_SOURCE = `(${enhance.toString()})();`;
