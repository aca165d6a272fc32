/**
 * A timeline picture of one failover, as SVG text (a pure function; no plotting dependency): a lane
 * per LB showing when it held the VIP, and one tick per client request, green when it succeeded,
 * red when it failed.
 */
export interface TimelineInput {
  readonly title: string;
  /** Seconds relative to the fault (0 = fault injected); the plotted range. */
  readonly from: number;
  readonly to: number;
  /** Who held the VIP from each instant on (relative seconds, holders' names; [] = nobody). */
  readonly holders: ReadonlyArray<{ readonly at: number; readonly held: readonly string[] }>;
  readonly lanes: readonly string[];
  /** Client requests: start (relative seconds) and whether they succeeded. */
  readonly requests: ReadonlyArray<{ readonly at: number; readonly ok: boolean }>;
  /** Optional vertical markers, e.g. "client recovered". */
  readonly markers?: ReadonlyArray<{ readonly at: number; readonly label: string }>;
}

const WIDTH = 760;
const LEFT = 90;
const RIGHT = 20;
const LANE = 26;

const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const num = (value: number): string => value.toFixed(1);

export function timelineSvg(input: TimelineInput): string {
  const span = Math.max(0.001, input.to - input.from);
  const x = (t: number): number =>
    LEFT + ((Math.min(input.to, Math.max(input.from, t)) - input.from) / span) * (WIDTH - LEFT - RIGHT);
  // Room for the title and two staggered marker labels above the lanes.
  const top = 58;
  const clientY = top + input.lanes.length * LANE + 10;
  const axisY = clientY + LANE + 10;
  const height = axisY + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="${LEFT}" y="20" font-size="14" font-weight="bold">${escapeXml(input.title)}</text>`,
  ];
  input.lanes.forEach((lane, i) => {
    const y = top + i * LANE;
    parts.push(`<text x="8" y="${y + 16}">${escapeXml(lane)} holds VIP</text>`);
    parts.push(
      `<rect x="${LEFT}" y="${y + 4}" width="${WIDTH - LEFT - RIGHT}" height="${LANE - 8}" fill="#eeeeee"/>`,
    );
    input.holders.forEach((change, k) => {
      const end = input.holders[k + 1]?.at ?? input.to;
      if (!change.held.includes(lane) || end <= input.from || change.at >= input.to) return;
      const x0 = x(change.at);
      const fill = change.held.length > 1 ? "#d62728" : "#1f77b4";
      parts.push(
        `<rect x="${num(x0)}" y="${y + 4}" width="${num(Math.max(1, x(end) - x0))}" height="${LANE - 8}" fill="${fill}"/>`,
      );
    });
  });
  parts.push(`<text x="8" y="${clientY + 16}">client</text>`);
  for (const request of input.requests) {
    if (request.at < input.from || request.at > input.to) continue;
    const color = request.ok ? "#2ca02c" : "#d62728";
    parts.push(
      `<line x1="${num(x(request.at))}" x2="${num(x(request.at))}" y1="${clientY + 4}" y2="${clientY + LANE - 4}" stroke="${color}" stroke-width="2"/>`,
    );
  }
  parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${axisY}" y2="${axisY}" stroke="black"/>`);
  const step = span > 40 ? 10 : span > 10 ? 2 : span > 4 ? 1 : 0.5;
  for (let t = Math.ceil(input.from / step) * step; t <= input.to + 1e-9; t += step) {
    parts.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="${axisY}" y2="${axisY + 5}" stroke="black"/>`);
    parts.push(
      `<text x="${num(x(t))}" y="${axisY + 18}" text-anchor="middle">${Number(t.toFixed(1))}</text>`,
    );
  }
  parts.push(`<text x="${WIDTH - RIGHT}" y="${axisY + 34}" text-anchor="end">seconds since the fault</text>`);
  const markers = [{ at: 0, label: "fault" }, ...(input.markers ?? [])];
  markers.forEach((marker, i) => {
    if (marker.at < input.from || marker.at > input.to) return;
    parts.push(
      `<line x1="${num(x(marker.at))}" x2="${num(x(marker.at))}" y1="${top}" y2="${axisY}" stroke="black" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${num(x(marker.at) + 3)}" y="${36 + 14 * (i % 2)}">${escapeXml(marker.label)}</text>`,
    );
  });
  parts.push(
    `<text x="${LEFT}" y="${height - 4}" fill="#555">blue: sole VIP holder, red lane: both hold it; client ticks: green ok, red failed</text>`,
    "</svg>",
    "",
  );
  return parts.join("\n");
}
