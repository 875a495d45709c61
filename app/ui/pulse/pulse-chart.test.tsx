// The pulse chart, drawn on the server: no answers says so (and draws nothing), one
// answer is a single point, many are a line through each pulse's average, and the
// text alternative carries the same numbers.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { pulseTrend } from "~/domain/pulse/register.server";
import { PulseChart, pulseChartModel } from "./pulse-chart";

const count = (html: string, tag: string) => html.split(`<${tag}`).length - 1;

describe("PulseChart", () => {
  it("with no answers, says the chart starts with the first answer and draws no SVG", () => {
    const html = renderToStaticMarkup(<PulseChart points={[]} />);
    expect(html).toContain("No answers yet: the chart starts with the first answer.");
    expect(html).not.toContain("<svg");
  });

  it("with one answer, draws one point (no line) and says what it was", () => {
    const html = renderToStaticMarkup(<PulseChart points={[{ askedAt: "2026-11-03T10:00:00Z", average: 4, answers: 1 }]} />);
    expect(count(html, "circle")).toBe(1);
    expect(count(html, "path")).toBe(0);
    expect(html).toContain("One pulse so far: 4.0 of 5 on 3 Nov 2026.");
    expect(html).toMatch(/role="img" aria-label="Pulse scores over time\. One pulse so far/);
    expect(count(html, "tr")).toBe(2); // the header and one row
  });

  it("with many, draws a line through each pulse's average, oldest to newest, with the numbers in a table", () => {
    const points = pulseTrend([
      { pulse_id: "p2", score: 2, askedAt: "2026-11-17T10:00:00Z" },
      { pulse_id: "p1", score: 5, askedAt: "2026-11-03T10:00:00Z" },
      { pulse_id: "p1", score: 4, askedAt: "2026-11-03T10:00:00Z" },
      { pulse_id: "p2", score: 3, askedAt: "2026-11-17T10:00:00Z" },
      { pulse_id: "p3", score: 4, askedAt: "2026-12-01T10:00:00Z" },
    ]);
    expect(points).toEqual([
      { askedAt: "2026-11-03T10:00:00Z", average: 4.5, answers: 2 },
      { askedAt: "2026-11-17T10:00:00Z", average: 2.5, answers: 2 },
      { askedAt: "2026-12-01T10:00:00Z", average: 4, answers: 1 },
    ]);
    const html = renderToStaticMarkup(<PulseChart points={points} />);
    expect(count(html, "circle")).toBe(3);
    expect(count(html, "path")).toBe(1);
    expect(html).toContain("3 pulses from 3 Nov 2026 to 1 Dec 2026; the average went from 4.5 to 4.0 of 5.");
    expect(html).toContain("<td>2.5 of 5</td>");
    expect(count(html, "tr")).toBe(4);

    const { dots, path } = pulseChartModel(points);
    // Left to right in time; a higher score is drawn higher (a smaller y).
    expect(dots.map((d) => d.cx)).toEqual([...dots.map((d) => d.cx)].sort((a, b) => a - b));
    expect(dots[0]!.cy).toBeLessThan(dots[1]!.cy);
    expect(path.startsWith(`M${dots[0]!.cx},${dots[0]!.cy}`)).toBe(true);
    expect(path.split("L")).toHaveLength(3);
  });

  it("keeps every point inside the drawing, whatever the scores and dates", () => {
    const { dots } = pulseChartModel([
      { askedAt: "2026-01-01T00:00:00Z", average: 1, answers: 1 },
      { askedAt: "2026-01-01T00:00:00Z", average: 5, answers: 1 },
      { askedAt: "2027-06-01T00:00:00Z", average: 3, answers: 9 },
    ]);
    for (const d of dots) {
      expect(d.cx).toBeGreaterThanOrEqual(0);
      expect(d.cx).toBeLessThanOrEqual(640);
      expect(d.cy).toBeGreaterThanOrEqual(0);
      expect(d.cy).toBeLessThanOrEqual(220);
    }
  });
});
