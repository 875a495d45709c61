// Markdown to HTML, on the server only: the pages receive the HTML in their
// loader data, so react-markdown and its parser never ship to the browser
// (issue 13: the client page's JavaScript). The output is React's own escaped
// markup of react-markdown's tree, so it is as safe as rendering the component.
import { LRUCache } from "lru-cache";
import { renderToStaticMarkup } from "react-dom/server";
import Markdown, { type Components } from "react-markdown";

/** Only web and mail links survive; anything else (javascript:, data:, relative tricks) becomes no link. */
export function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? url : null;
  } catch {
    return null;
  }
}

// The document's headings sit under the page's own h1 and h2.
const components: Components = {
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h4>{children}</h4>,
  h3: ({ children }) => <h5>{children}</h5>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,

  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

// The same text always gives the same HTML, and pages show the same updates and
// versions on every load: parsing them each time was the largest share of the
// client page's own CPU (issue 13). Bounded by size (text and HTML, in UTF-16
// code units, ~20 MB), least recently used out first.
const rendered = new LRUCache<string, string>({
  maxSize: 10_000_000,
  sizeCalculation: (html, text) => html.length + text.length || 1,
});

/**
 * Markdown (a requirement document, an update) as safe HTML: raw HTML is
 * skipped (no rehype-raw, so no scripts, styles or event handlers), images are
 * not loaded, and links go only to http(s) or mailto addresses.
 */
export function markdownToHtml(text: string): string {
  let html = rendered.get(text);
  if (html === undefined) {
    html = renderToStaticMarkup(
      <Markdown skipHtml disallowedElements={["img"]} urlTransform={(url) => safeUrl(url)} components={components}>
        {text}
      </Markdown>,
    );
    rendered.set(text, html);
  }
  return html;
}
