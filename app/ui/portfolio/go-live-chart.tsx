// Time to go-live against plan across clients, drawn on the server as SVG: one
// bar per band (early or on time, 1-7 days late...), with the same numbers as a
// table for screen readers and anyone who prefers text.
export type ChartBand = { label: string; clients: number };

const WIDTH = 640;
const ROW = 36;
const LABEL = 170;
const PAD = 8;
const COUNT = 48;

/** Bar lengths in px for these counts: proportional to the largest, zero stays zero. */
export function barLengths(counts: number[], max = WIDTH - LABEL - COUNT - PAD * 2): number[] {
  const top = Math.max(0, ...counts);
  return counts.map((n) => (top === 0 ? 0 : Math.round((n / top) * max)));
}

export function GoLiveChart({ bands }: { bands: ChartBand[] }) {
  const total = bands.reduce((sum, b) => sum + b.clients, 0);
  const lengths = barLengths(bands.map((b) => b.clients));
  const height = bands.length * ROW + PAD * 2;
  return (
    <figure aria-labelledby="go-live-caption">
      <figcaption id="go-live-caption">
        Time to go-live against plan: {total === 0 ? "no client has a go-live date yet." : `${total} ${total === 1 ? "client" : "clients"} with a go-live date.`}
      </figcaption>
      <svg
        className="chart"
        role="img"
        aria-labelledby="go-live-svg-title"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="go-live-svg-title">
          {bands.map((b) => `${b.label}: ${b.clients}`).join("; ")}
        </title>
        {bands.map((b, i) => {
          const y = PAD + i * ROW;
          return (
            <g key={b.label}>
              <text x={LABEL - PAD} y={y + ROW / 2 + 5} textAnchor="end" fontSize="14" fill="#1f2937">
                {b.label}
              </text>
              <rect x={LABEL} y={y + 6} width={lengths[i]} height={ROW - 12} rx="3" fill={i === 0 ? "#16a34a" : i < 3 ? "#ca8a04" : "#dc2626"} />
              <text x={LABEL + (lengths[i] ?? 0) + PAD} y={y + ROW / 2 + 5} fontSize="14" fill="#1f2937">
                {b.clients}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="table">
        <caption className="visually-hidden">Clients by how far their go-live lands from plan</caption>
        <thead>
          <tr>
            <th scope="col">Go-live against plan</th>
            <th scope="col">Clients</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.clients}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
