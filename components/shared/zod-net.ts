/** Reusable zod types for network config, built on the helpers in ip.ts. */
import { z } from "zod";
import { problem } from "./config-errors";
import { addressOrNetwork, parseIpv4, parseNetwork, specialRange } from "./ip";

/** A strict dotted-quad IPv4 address. */
export const ipv4Address = z.string().superRefine((value, ctx) => {
  if (!parseIpv4(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem("not an IPv4 address", "write a dotted quad such as 192.0.2.10"),
    });
  }
});

/** An IPv4 or IPv6 network CIDR without host bits. */
export const networkCidr = z.string().superRefine((value, ctx) => {
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
  if (!parsed.ok) {
    ctx.addIssue({
      code: "custom",
      message:
        parsed.reason === "malformed"
          ? problem("not an IPv4 address or CIDR", "write 203.0.113.7 or 203.0.113.0/24")
          : problem("the CIDR has host bits set", `use the network address: ${parsed.network}`),
    });
  } else if (parsed.cidr.address.kind() !== "ipv4") {
    ctx.addIssue({
      code: "custom",
      message: problem("IPv6 is not supported here", "use an IPv4 destination"),
    });
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
