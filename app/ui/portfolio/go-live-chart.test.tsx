// The go-live chart renders on the server with its text alternative, with no
// client, one, and many.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { barLengths, GoLiveChart } from "./go-live-chart";

const LABELS = ["early or on time", "1-7 days late", "8-30 days late", "31-90 days late", "over 90 days late"];
const bands = (counts: number[]) => LABELS.map((label, i) => ({ label, clients: counts[i] ?? 0 }));

describe("barLengths", () => {
  it("draws nothing for zero and scales to the largest band", () => {
    expect(barLengths([0, 0, 0])).toEqual([0, 0, 0]);
    expect(barLengths([1, 0], 100)).toEqual([100, 0]);
    expect(barLengths([10, 5, 1], 100)).toEqual([100, 50, 10]);
  });
});

describe("GoLiveChart", () => {
  it("says so when no client has a go-live date, and still lists every band", () => {
    const html = renderToStaticMarkup(<GoLiveChart bands={bands([])} />);
    expect(html).toContain("no client has a go-live date yet.");
    expect(html).toContain('role="img"');
    for (const label of LABELS) expect(html).toContain(`<th scope="row">${label}</th>`);
    expect(html).not.toMatch(/<rect[^>]*width="[1-9]/);
  });

  it("draws one client as one full bar, with the numbers in the title and the table", () => {
    const html = renderToStaticMarkup(<GoLiveChart bands={bands([0, 1])} />);
    expect(html).toContain("1 client with a go-live date.");
    expect(html).toContain("early or on time: 0; 1-7 days late: 1; 8-30 days late: 0");
    expect(html.match(/<rect[^>]*width="(\d+)"/g)?.map((r) => /width="(\d+)"/.exec(r)![1])).toEqual(["0", "406", "0", "0", "0"]);
  });

  it("draws many clients in proportion", () => {
    const html = renderToStaticMarkup(<GoLiveChart bands={bands([1200, 600, 150, 40, 10])} />);
    expect(html).toContain("2000 clients with a go-live date.");
    expect(html).toContain("<td>1200</td>");
    const widths = html.match(/<rect[^>]*width="(\d+)"/g)!.map((r) => Number(/width="(\d+)"/.exec(r)![1]));
    expect(widths[0]).toBe(406);
    expect(widths[1]).toBe(203);
  });
});
