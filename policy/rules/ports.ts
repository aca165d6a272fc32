/** Port-range helpers shared by the firewall rules of every cloud. */

/** Does "22", "20-30", "1-65535", "all" or "" (meaning all) include `port`? */
export function rangeTextCovers(range: string | undefined, port: number): boolean {
  if (range === undefined || range === "" || range === "all" || range === "0") return true;
  const [low, high = low] = range.split("-").map((p) => Number(p.trim()));
  if (!Number.isFinite(low) || !Number.isFinite(high)) return true; // unparseable: assume the worst
  return low <= port && port <= high;
}

/** Numeric min/max as OpenStack gives them; 0 or missing on both ends means every port. */
export function minMaxCovers(min: unknown, max: unknown, port: number): boolean {
  const low = typeof min === "number" && min > 0 ? min : 1;
  const high = typeof max === "number" && max > 0 ? max : 65535;
  return low <= port && port <= high;
}

export const WORLD = ["0.0.0.0/0", "::/0"];

export function isWorld(cidr: unknown): boolean {
  return typeof cidr === "string" && WORLD.includes(cidr.trim());
}
