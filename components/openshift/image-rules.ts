/**
 * What the ipfailover image (openshift/images, ipfailover/keepalived/) does with its env, restated
 * as pure functions so tests and policy can see what keepalived will get. Dependency-free on
 * purpose: the policy pack imports it too.
 *
 * The rules, from the image's lib/utils.sh and lib/config-generators.sh:
 * - VIPs: every character other than hex digits, `.`, `:`, `,` and `-` is deleted first (so spaces
 *   and `/24` suffixes vanish, turning `192.0.2.10/24` into `192.0.2.1024`). The rest is split on
 *   commas; an entry whose first address is not a dotted quad is silently dropped. A range keeps
 *   the first address's first three octets and counts its last octet up to the LAST dot-separated
 *   field of the range's end, so `192.0.2.10-192.0.3.12` silently means `192.0.2.10-12`, and an
 *   end below the start yields no address at all.
 * - VRRP instances: with VIP_GROUPS = G > 0 the V addresses are cut, in order, into groups of
 *   floor(V/G), the first V mod G groups getting one more; empty groups are never emitted, so there
 *   are min(G, V) instances. Without groups every VIP is its own instance.
 * - Router ids: instance k (1-based) gets virtual_router_id VRRP_ID_OFFSET + k. Nothing checks 255.
 */

/** Result of the image's VIP expansion: the addresses keepalived gets, and what it silently dropped. */
export interface ImageVipExpansion {
  readonly addresses: readonly string[];
  /** Entries the image skipped without a word (neither a dotted quad nor an IPv6 address). */
  readonly dropped: readonly string[];
  /** IPv6 ranges: the image expands them with bc, which this emulation does not follow. */
  readonly notEmulated: readonly string[];
}

const IMAGE_OCTET = "[0-2]?[0-9]{1,2}";
const IMAGE_IPV4 = new RegExp(`^(${IMAGE_OCTET}\\.){3}(${IMAGE_OCTET})$`);

/** The image's validate_ipv4: a loose dotted-quad shape, each part at most 255. */
function imageAcceptsIpv4(text: string): boolean {
  return IMAGE_IPV4.test(text) && text.split(".").every((part) => Number(part) <= 255);
}

const V6_GROUP = "[0-9A-Fa-f]{1,4}";
const V6_SHAPES = [
  new RegExp(`^(${V6_GROUP}:){7}(${V6_GROUP})$`),
  new RegExp(`^::(${V6_GROUP}:){0,6}(${V6_GROUP})$`),
];
const V6_SHAPE3 = new RegExp(`^(${V6_GROUP}:){0,6}:(${V6_GROUP}:){0,6}(${V6_GROUP})$`);
const V6_VALID3 = new RegExp(`^(${V6_GROUP}:+){1,6}(${V6_GROUP})$`);

/** The image's validate_ipv6: three loose shapes. */
function imageAcceptsIpv6(text: string): boolean {
  return V6_SHAPES.some((shape) => shape.test(text)) || (V6_SHAPE3.test(text) && V6_VALID3.test(text));
}

/** `seq start end` over decimal text; a non-numeric bound makes seq fail and print nothing. */
function seq(start: string, end: string): number[] {
  if (!/^\d+$/.test(start) || !/^\d+$/.test(end)) return [];
  const result: number[] = [];
  for (let n = Number(start); n <= Number(end); n++) result.push(n);
  return result;
}

/** Emulates the image's expand_ip_ranges (IPv6 ranges are reported, not expanded). */
export function imageExpandVips(text: string): ImageVipExpansion {
  const scrubbed = text.replace(/[^0-9a-fA-F:.,-]/g, "");
  const addresses: string[] = [];
  const dropped: string[] = [];
  const notEmulated: string[] = [];
  for (const entry of scrubbed.split(",").filter((e) => e.length > 0)) {
    const [first, second = ""] = entry.split("-");
    if (!imageAcceptsIpv4(first)) {
      if (!imageAcceptsIpv6(first)) dropped.push(entry);
      else if (second === "") addresses.push(first);
      else notEmulated.push(entry);
      continue;
    }
    if (second === "") {
      addresses.push(first);
      continue;
    }
    const octets = first.split(".");
    const base = octets.slice(0, 3).join(".");
    const end = second.split(".").pop() ?? "";
    for (const n of seq(octets[3], end)) addresses.push(`${base}.${n}`);
  }
  return { addresses, dropped, notEmulated };
}

/** One `vrrp_instance` block the image generates. */
export interface ImageVrrpInstance {
  /** 1-based instance counter, as in the instance name `<config>_VIP_<k>`. */
  readonly index: number;
  readonly routerId: number;
  readonly vips: readonly string[];
}

/** Emulates generate_failover_config's grouping and id assignment (no excluded ids). */
export function imageVrrpInstances(
  vips: readonly string[],
  vipGroups: number | undefined,
  vrrpIdOffset: number,
): ImageVrrpInstance[] {
  const groups = vipGroups !== undefined && vipGroups > 0 ? vipGroups : 0;
  const perGroup = groups > 0 ? Math.floor(vips.length / groups) : 1;
  let extra = groups > 0 ? vips.length % groups : 0;
  const instances: ImageVrrpInstance[] = [];
  let taken = 0;
  while (taken < vips.length) {
    let size = perGroup;
    if (extra > 0) {
      size++;
      extra--;
    }
    const index = instances.length + 1;
    instances.push({ index, routerId: vrrpIdOffset + index, vips: vips.slice(taken, taken + size) });
    taken += size;
  }
  return instances;
}

/** An image release (`4.18`), read from a tag such as `4.18`, `v4.18.0` or `4.18.0-202411140000`. */
export interface ImageRelease {
  readonly major: number;
  readonly minor: number;
}

/**
 * The release a tag names. A digest suffix (`@sha256:...`) and a `repository:` prefix are ignored,
 * so a whole reference works too. Undefined when the tag names no release (a mirror's own tag).
 */
export function imageRelease(tagOrReference: string): ImageRelease | undefined {
  const withoutDigest = tagOrReference.replace(/@[A-Za-z0-9_+.-]+:[0-9A-Fa-f]+$/, "");
  const afterPath = withoutDigest.slice(withoutDigest.lastIndexOf("/") + 1);
  const tag = afterPath.includes(":") ? afterPath.slice(afterPath.lastIndexOf(":") + 1) : afterPath;
  const match = /^v?(\d+)\.(\d+)(?:$|[.-])/.exec(tag);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/**
 * First release whose generator honours `nopreempt` (OCPBUGS-33629, openshift/images commit
 * 0fe2970d on release-4.18). Up to release-4.17 generate_failover_config writes `state MASTER`
 * whatever the preemption, and keepalived then clears nopreempt on those instances.
 */
export const NOPREEMPT_FIXED_IN: ImageRelease = { major: 4, minor: 18 };

export function releaseAtLeast(release: ImageRelease, floor: ImageRelease): boolean {
  return release.major > floor.major || (release.major === floor.major && release.minor >= floor.minor);
}

/** Whether the image's generator leaves nopreempt instances without `state MASTER`. */
export function imageHonoursNopreempt(release: ImageRelease): boolean {
  return releaseAtLeast(release, NOPREEMPT_FIXED_IN);
}

/**
 * First release whose image accepts VRRP multicast with its own nft (an `inet keepalived` table;
 * OPENSHIFT_HA_IPTABLES_CHAIN only switches it on): release-4.23, 13118bff. Before it the image's
 * /usr/sbin/iptables is `exec chroot /host /usr/sbin/iptables "$@"` (iptables-scripts/iptables on
 * release-4.16 to release-4.22), which needs the host's root at /host.
 */
export const OWN_NFTABLES_FROM: ImageRelease = { major: 4, minor: 23 };

/** Whether the image's iptables chroots into /host. Unknown release: assume it does. */
export function imageIptablesChrootsToHost(release: ImageRelease | undefined): boolean {
  return release === undefined || !releaseAtLeast(release, OWN_NFTABLES_FROM);
}

/**
 * Whether VRRP instance `index` starts with `state MASTER` on a node, as generate_failover_config
 * decides it: slot = last octet of the node address mod 128, step = slot mod REPLICA_COUNT + 1,
 * and every instance whose index is a multiple of the step starts as MASTER. From release 4.18 on
 * none does when the preemption is `nopreempt`; before it the preemption is not looked at (read
 * in lib/config-generators.sh on release-4.16, b58673a3, and release-4.18, 716eb0ef).
 * keepalived ignores preempt_delay, and clears nopreempt, on MASTER instances.
 */
export function imageStartsAsMaster(
  nodeAddress: string,
  replicaCount: number,
  index: number,
  preemption: string,
  release: ImageRelease,
): boolean {
  if (preemption === "nopreempt" && imageHonoursNopreempt(release)) return false;
  const slot = Number(nodeAddress.split(".").pop()) % 128;
  const step = (slot % (replicaCount > 0 ? replicaCount : 1)) + 1;
  return index % step === 0;
}

/** The image's scrub(): keeps alphanumerics, `-` and `_`, then turns `-` into `_`. */
export function imageScrub(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "").replace(/-/g, "_");
}

/** keepalived's name for instance k of a config: `<scrubbed config name>_VIP_<k>`. */
export function imageInstanceName(configName: string, index: number): string {
  return `${imageScrub(configName)}_VIP_${index}`;
}

/** Number of VRRP instances, hence router ids, that a VIP env value and group count produce. */
export function imageRouterIdCount(virtualIps: string, vipGroups: string | undefined): number {
  const vips = imageExpandVips(virtualIps).addresses;
  const groups = vipGroups !== undefined && /^\d+$/.test(vipGroups.trim()) ? Number(vipGroups) : 0;
  return imageVrrpInstances(vips, groups, 0).length;
}
