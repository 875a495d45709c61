import { describe, expect, it } from "vitest";
import { markdownToHtml, safeUrl } from "./markdown.server";

describe("markdownToHtml (rendered on the server, shown as HTML)", () => {
  it("renders the Markdown people write, headings under the page's own", () => {
    const html = markdownToHtml("# Scope\n\n## Medical\n\n- Two plans\n- **80%** paid\n\n[Carrier](https://carrier.example/a?b=1&c=2)");
    expect(html).toContain("<h3>Scope</h3>");
    expect(html).toContain("<h4>Medical</h4>");
    expect(html).toContain("<li>Two plans</li>");
    expect(html).toContain("<strong>80%</strong>");
    expect(html).toContain('<a href="https://carrier.example/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">Carrier</a>');
  });

  it("never lets raw HTML, scripts, images or script links through", () => {
    const html = markdownToHtml(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n![pic](https://x.example/p.png)\n\n[click](javascript:alert(3)) [data](data:text/html,hi)\n\nText with <b onclick="x()">tags</b> & "quotes"',
    );
    expect(html).not.toMatch(/<script|<img|onerror|onclick|javascript:|data:text/);
    expect(html).toContain("<span>click</span>");
    expect(html).toContain("&amp;");
  });

  it("keeps only web and mail links", () => {
    expect(safeUrl("https://a.example")).toBe("https://a.example");
    expect(safeUrl("mailto:a@b.example")).toBe("mailto:a@b.example");
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("/relative")).toBeNull();
  });
});
