/**
 * Markdown rendered on the server (app/lib/markdown.server.tsx: raw HTML
 * skipped, no images, only http(s) and mailto links), shown as it came: the
 * Markdown parser stays out of the browser's JavaScript.
 */
export function SafeMarkdown({ html }: { html: string }) {
  return <div className="markdown-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
