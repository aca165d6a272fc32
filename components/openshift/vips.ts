/**
 * The strict side of the VIP list: what config accepts, how it expands, and the canonical env
 * string. Only what the image reads the same way is accepted (see image-rules.ts for how it reads).
 */
import { parseIpv4, specialRange } from "../shared/ip";

export type VipEntryResult = { ok: true; addresses: string[] } | { ok: false; what: string; fix: string };

const RANGE_EXAMPLE = "write 192.0.2.10 or a last-octet range such as 192.0.2.10-12";

/** Parses one config entry: `192.0.2.10`, `192.0.2.10-12` or `192.0.2.10-192.0.2.12`. */
export function parseVipEntry(entry: string): VipEntryResult {
  if (typeof entry !== "string" || entry.trim() !== entry || /\s/.test(entry)) {
    return { ok: false, what: "the VIP entry contains spaces", fix: RANGE_EXAMPLE };
  }
  if (entry.includes("/")) {
    return {
      ok: false,
      what: "a VIP takes no prefix length (the image deletes the '/' and reads another address)",
      fix: "write the bare address, e.g. 192.0.2.10",
    };
  }
  if (entry.includes(":")) {
    return { ok: false, what: "IPv6 VIPs are not supported by this component", fix: "use IPv4 VIPs" };
  }
  const parts = entry.split("-");
  if (parts.length > 2) return { ok: false, what: "a VIP range has one '-'", fix: RANGE_EXAMPLE };
  const start = parseIpv4(parts[0]);
  if (!start) return { ok: false, what: "not an IPv4 address", fix: RANGE_EXAMPLE };
  const special = specialRange({ address: start, prefix: 32, text: `${parts[0]}/32` });
  if (special) {
    return { ok: false, what: `${parts[0]} is a ${special} address`, fix: "use a routable unicast address" };
  }
  const octets = start.octets;
  if (parts.length === 1) return { ok: true, addresses: [start.toString()] };

  const endText = parts[1];
  let last: number;
  if (/^\d{1,3}$/.test(endText)) {
    last = Number(endText);
  } else {
    const end = parseIpv4(endText);
    if (!end) return { ok: false, what: "the end of the VIP range is malformed", fix: RANGE_EXAMPLE };
    if (end.octets.slice(0, 3).join(".") !== octets.slice(0, 3).join(".")) {
      return {
        ok: false,
        what: "a VIP range may vary only the last octet (the image would silently keep the first three octets of the start)",
        fix: "split it into one range per /24, e.g. 192.0.2.250-254,198.51.100.1-3",
      };
    }
    last = end.octets[3];
  }
  if (last > 255) {
    return {
      ok: false,
      what: "the last octet of the VIP range exceeds 255",
      fix: "end the range at 255 or below, or split it per /24",
    };
  }
  if (last < octets[3]) {
    return {
      ok: false,
      what: "the VIP range ends below its start (the image would expand it to no address)",
      fix: "put the lower last octet first, such as 192.0.2.10-12",
    };
  }
  const base = octets.slice(0, 3).join(".");
  const addresses: string[] = [];
  for (let n = octets[3]; n <= last; n++) addresses.push(`${base}.${n}`);
  return { ok: true, addresses };
}

/** Expands entries, skipping invalid ones (each of those already has its own config issue). */
export function expandValidVips(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const parsed = parseVipEntry(entry);
    return parsed.ok ? parsed.addresses : [];
  });
}

/** Expands validated entries; throws on an invalid one (config validation runs first). */
export function expandVips(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const parsed = parseVipEntry(entry);
    if (!parsed.ok) throw new Error(`invalid VIP entry ${entry}: ${parsed.what}`);
    return parsed.addresses;
  });
}

/**
 * The canonical OPENSHIFT_HA_VIRTUAL_IPS value: comma-separated, no spaces, order kept (order
 * decides which VRRP instance a VIP lands in), runs of consecutive last octets written as
 * `a.b.c.x-y`. The image expands it back to exactly `addresses`.
 */
export function renderVipList(addresses: readonly string[]): string {
  const octets = addresses.map((address) => {
    const parsed = parseIpv4(address);
    if (!parsed) throw new Error(`not an IPv4 address: ${address}`);
    return parsed.octets;
  });
  // Same first three octets and a last octet one higher: the next address of a run.
  const follows = (a: number[], b: number[]): boolean =>
    a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && b[3] === a[3] + 1;
  const items: string[] = [];
  let i = 0;
  while (i < addresses.length) {
    let j = i;
    while (j + 1 < addresses.length && follows(octets[j], octets[j + 1])) j++;
    items.push(j === i ? addresses[i] : `${addresses[i]}-${octets[j][3]}`);
    i = j + 1;
  }
  return items.join(",");
}

/** Values that occur more than once, in first-seen order. */
export function duplicatesOf(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups];
}
