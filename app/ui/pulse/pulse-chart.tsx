// The pulse over time for one client, drawn on the server as SVG (no JavaScript),
// with a text alternative: a table of the same numbers. Each point is one pulse:
// the average score of its answers and how many answered. Works with no answers
// (says so), one (a single point) and many (a line).
//
// Two linear maps are all the maths: a charting library would add more than it saves.
import type { PulsePoint } from "~/domain/pulse/register.server";
import { formatDay } from "~/ui/format";

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 20, bottom: 36, left: 40 };

const linear = (d0: number, d1: number, r0: number, r1: number) => (v: number) =>
  d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);

/** Where each point is drawn, and the ticks: the chart's geometry, kept apart for tests. */
export function pulseChartModel(points: PulsePoint[]) {
  const sorted = [...points].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  const times = sorted.map((p) => Date.parse(p.askedAt));
  const x = linear(Math.min(...times), Math.max(...times), PAD.left, WIDTH - PAD.right);
  const y = linear(1, 5, HEIGHT - PAD.bottom, PAD.top);
  const dots = sorted.map((p, i) => ({ ...p, cx: Math.round(x(times[i]!) * 10) / 10, cy: Math.round(y(p.average) * 10) / 10 }));
  return {
    dots,
    path: dots.map((d, i) => `${i === 0 ? "M" : "L"}${d.cx},${d.cy}`).join(" "),
    yTicks: [1, 2, 3, 4, 5].map((v) => ({ v, y: y(v) })),
  };
}

const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export function PulseChart({ points }: { points: PulsePoint[] }) {
  if (points.length === 0) {
    return (
      <figure className="pulse-chart" aria-labelledby="pulse-chart-caption">
        <figcaption id="pulse-chart-caption">Pulse over time</figcaption>
        <p className="empty-state">No answers yet: the chart starts with the first answer.</p>
      </figure>
    );
  }
  const { dots, path, yTicks } = pulseChartModel(points);
  const first = dots[0]!;
  const last = dots[dots.length - 1]!;
  const summary =
    dots.length === 1
      ? `One pulse so far: ${one(first.average)} of 5 on ${formatDay(first.askedAt.slice(0, 10))}.`
      : `${dots.length} pulses from ${formatDay(first.askedAt.slice(0, 10))} to ${formatDay(last.askedAt.slice(0, 10))}; ` +
        `the average went from ${one(first.average)} to ${one(last.average)} of 5.`;
  return (
    <figure className="pulse-chart" aria-labelledby="pulse-chart-caption">
      <figcaption id="pulse-chart-caption">Pulse over time. {summary}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`Pulse scores over time. ${summary}`}>
        {yTicks.map((t) => (
          <g key={t.v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={t.y} y2={t.y} stroke="#e5e7eb" />
            <text x={PAD.left - 8} y={t.y + 4} textAnchor="end" fontSize="12" fill="#4b5563">
              {t.v}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={HEIGHT - 10} fontSize="12" fill="#4b5563">
          {formatDay(first.askedAt.slice(0, 10))}
        </text>
        {dots.length > 1 ? (
          <text x={WIDTH - PAD.right} y={HEIGHT - 10} textAnchor="end" fontSize="12" fill="#4b5563">
            {formatDay(last.askedAt.slice(0, 10))}
          </text>
        ) : null}
        {dots.length > 1 ? <path d={path} fill="none" stroke="#1d3557" strokeWidth="2" /> : null}
        {dots.map((d, i) => (
          <circle key={`${d.askedAt}-${i}`} cx={d.cx} cy={d.cy} r="4" fill={d.average <= 2 ? "#b91c1c" : "#1d3557"}>
            <title>{`${formatDay(d.askedAt.slice(0, 10))}: ${one(d.average)} of 5 (${d.answers} answered)`}</title>
          </circle>
        ))}
      </svg>
      <details>
        <summary>The numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">Average score</th>
              <th scope="col">Answers</th>
            </tr>
          </thead>
          <tbody>
            {dots.map((d, i) => (
              <tr key={`${d.askedAt}-${i}`}>
                <td>{formatDay(d.askedAt.slice(0, 10))}</td>
                <td>{one(d.average)} of 5</td>
                <td>{d.answers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
