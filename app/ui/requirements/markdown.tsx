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

/**
 * A requirement document's Markdown, rendered safely: raw HTML is skipped (no
 * rehype-raw, so no scripts, styles or event handlers), images are not loaded,
 * and links go only to http(s) or mailto addresses.
 */
export function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown-body">
      <Markdown skipHtml disallowedElements={["img"]} urlTransform={(url) => safeUrl(url)} components={components}>
        {text}
      </Markdown>
    </div>
  );
}
