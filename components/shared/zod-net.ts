/** Reusable zod types for network config, built on the helpers in ip.ts. */
import { z } from "zod";
import { problem } from "./config-errors";
import { addressOrNetwork, parseAddress, parseIpv4, parseNetwork, specialRange } from "./ip";

/**
 * Every system renders IPv4 only (security-group ethertype IPv4, DO firewall and VPC ranges,
 * keepalived VIPs, MetalLB pools of an IPv4 Service, GCP IPV4 addresses), so IPv6 is refused at
 * the field with one message instead of failing in the cloud halfway through `up`.
 */
export const IPV6_PROBLEM = problem(
  "IPv6 is not supported here: this project renders IPv4 only (an IPv6 value would reach the cloud inside an IPv4 rule or range)",
  "use an IPv4 value (a dotted quad such as 192.0.2.10, or a CIDR such as 192.0.2.0/24), or remove the entry",
);

/** True for text that parses as an IPv6 address or CIDR (so the IPv6 message applies). */
export function isIpv6Text(value: string): boolean {
  const slash = value.indexOf("/");
  return parseAddress(slash < 0 ? value : value.slice(0, slash))?.kind() === "ipv6";
}

/** A strict dotted-quad IPv4 address. */
export const ipv4Address = z.string().superRefine((value, ctx) => {
  if (isIpv6Text(value)) ctx.addIssue({ code: "custom", message: IPV6_PROBLEM });
  else if (!parseIpv4(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem("not an IPv4 address", "write a dotted quad such as 192.0.2.10"),
    });
  }
});

/** An IPv4 network CIDR without host bits (IPv6 is refused: nothing renders it end to end). */
export const networkCidr = z.string().superRefine((value, ctx) => {
  if (isIpv6Text(value)) {
    ctx.addIssue({ code: "custom", message: IPV6_PROBLEM });
    return;
  }
  const parsed = parseNetwork(value);
  if (parsed.ok) return;
  ctx.addIssue({
    code: "custom",
    message:
      parsed.reason === "malformed"
        ? problem("not a CIDR", "write a network such as 192.0.2.0/24")
        : problem("the CIDR has host bits set", `use the network address: ${parsed.network}`),
  });
});

/** A network CIDR that must not be the default route, loopback, link-local/metadata or multicast. */
export const clientCidr = networkCidr.superRefine((value, ctx) => {
  const parsed = parseNetwork(value);
  if (!parsed.ok) return;
  const special = specialRange(parsed.cidr);
  if (special) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        `the CIDR covers a ${special} range`,
        "list only the networks that really need access",
      ),
    });
  }
});

/** An IPv4 address or network (a bare address means /32), without host bits. */
export const ipv4Destination = z.string().superRefine((value, ctx) => {
  const parsed = addressOrNetwork(value);
  if (!parsed.ok && isIpv6Text(value)) ctx.addIssue({ code: "custom", message: IPV6_PROBLEM });
  else if (!parsed.ok) {
    ctx.addIssue({
      code: "custom",
      message:
        parsed.reason === "malformed"
          ? problem("not an IPv4 address or CIDR", "write 203.0.113.7 or 203.0.113.0/24")
          : problem("the CIDR has host bits set", `use the network address: ${parsed.network}`),
    });
  } else if (parsed.cidr.address.kind() !== "ipv4") {
    ctx.addIssue({ code: "custom", message: IPV6_PROBLEM });
  }
});

/** An RFC 1123 DNS label: lowercase alphanumerics and '-', at most 63 characters. */
export const dnsLabel = z.string().superRefine((value, ctx) => {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a DNS label",
        "use lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
      ),
    });
  }
});

/** An RFC 1123 DNS subdomain (hostname), as Kubernetes object names and Ingress hosts require. */
export const dnsName = z.string().superRefine((value, ctx) => {
  const labels = value.split(".");
  const ok =
    value.length <= 253 && labels.every((label) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(label));
  if (!ok) {
    ctx.addIssue({
      code: "custom",
      message: problem("not a DNS name", "use lowercase dot-separated labels, such as api.example.com"),
    });
  }
});

/**
 * A Linux network interface name as keepalived and MetalLB take it: at most 15 characters (IFNAMSIZ
 * is 16 with the NUL), starting with a letter or digit, then letters, digits, `_ . @ -` (VLANs such
 * as bond0.100, veths such as veth0@if2). It ends up unquoted in config files, so nothing else.
 */
export const INTERFACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,14}$/;

export const interfaceName = z.string().superRefine((value, ctx) => {
  if (!INTERFACE_NAME.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a network interface name",
        "use the exact name on the host, such as ens3, eth0 or bond0.100 (at most 15 characters)",
      ),
    });
  }
});

/**
 * The value a list entry stands for, so equivalent spellings count as the same entry: CIDRs and
 * addresses by their canonical text (`10.0.0.0/08` is `10.0.0.0/8`, `192.0.2.7/32` is
 * `192.0.2.7`), names case-insensitively (DNS and e-mail compare that way). Anything else as is.
 */
export function canonicalEntry(value: unknown): string {
  if (typeof value !== "string") return JSON.stringify(value);
  const parsed = addressOrNetwork(value);
  if (parsed.ok) {
    const { address, prefix } = parsed.cidr;
    return prefix === (address.kind() === "ipv4" ? 32 : 128) ? address.toString() : parsed.cidr.text;
  }
  return value.toLowerCase();
}

export interface RepeatedEntry {
  /** Index of the repeat. */
  readonly index: number;
  /** Index of the entry it repeats. */
  readonly first: number;
  /** The canonical value both stand for. */
  readonly canonical: string;
}

/** Every entry that stands for the same value as an earlier one (see canonicalEntry). */
export function repeatedEntries<T>(
  list: readonly T[],
  keyOf: (item: T) => string | undefined = canonicalEntry,
): RepeatedEntry[] {
  const seen = new Map<string, number>();
  const repeats: RepeatedEntry[] = [];
  list.forEach((item, index) => {
    const canonical = keyOf(item);
    if (canonical === undefined) return;
    const first = seen.get(canonical);
    if (first === undefined) seen.set(canonical, index);
    else repeats.push({ index, first, canonical });
  });
  return repeats;
}

/** The house message for a repeated entry: both indices, the shared value, why it matters. */
export function repeatMessage(repeat: RepeatedEntry, consequence: string): string {
  return problem(
    `entry [${repeat.index}] repeats entry [${repeat.first}] (both are ${repeat.canonical}); ${consequence}`,
    `list it once: remove entry [${repeat.index}]`,
  );
}

/**
 * A list whose entries each become a cloud object or rule (a security-group rule, a node, a
 * certificate), so a repeat would make the cloud refuse the second one halfway through `up`,
 * or quietly double a count. `consequence` says what the repeat would do.
 */
export function distinctList<T extends z.ZodType>(
  item: T,
  consequence: string,
  keyOf: (value: z.output<T>) => string | undefined = canonicalEntry,
) {
  return z.array(item).superRefine((list, ctx) => {
    for (const repeat of repeatedEntries(list, keyOf)) {
      ctx.addIssue({ code: "custom", path: [repeat.index], message: repeatMessage(repeat, consequence) });
    }
  });
}
