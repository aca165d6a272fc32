/**
 * Every OpenStack LB port carries the VIP as an allowed address pair, with port security on.
 * Without the pair Neutron's anti-spoofing drops every packet to and from the VIP on the LB that
 * holds it: keepalived "fails over" to an address nobody can reach.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { parseIpv4 } from "../../components/shared/ip";
import { isUnknown } from "../unknowns";
import { clusterOf, known, OS_PORT, propsOf, withRole, type Props } from "./openstack-resources";

/** The VIP of each cluster, from its reserved port (undefined when allocated and not yet known). */
function vipsByCluster(ports: ReturnType<typeof withRole>): Map<string, string | undefined> {
  const vips = new Map<string, string | undefined>();
  for (const port of ports) {
    const fixedIps = propsOf(port).fixedIps;
    const address = Array.isArray(fixedIps) ? (fixedIps[0] as Props | undefined)?.ipAddress : undefined;
    vips.set(clusterOf(port), known(address) ? address : undefined);
  }
  return vips;
}

/** The host addresses (`a.b.c.d` or `a.b.c.d/32`) a port may send from. */
function pairAddresses(props: Props): string[] {
  const pairs = Array.isArray(props.allowedAddressPairs) ? (props.allowedAddressPairs as Props[]) : [];
  return pairs
    .map((p) => p.ipAddress)
    .filter(known)
    .map((ip) => (ip.endsWith("/32") ? ip.slice(0, -3) : ip))
    .filter((ip) => parseIpv4(ip) !== undefined);
}

function unknownPairs(props: Props): boolean {
  const pairs = props.allowedAddressPairs;
  return (
    isUnknown(pairs) || (Array.isArray(pairs) && pairs.some((p) => isUnknown((p as Props | null)?.ipAddress)))
  );
}

export const openstackLbVipPair: StackValidationPolicy = {
  name: "openstack-lb-vip-pair",
  description:
    "Every OpenStack load-balancer port has port security on and the API VIP/32 as an allowed address pair.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const vips = vipsByCluster(withRole(args.resources, OS_PORT, "api-vip"));
    for (const port of withRole(args.resources, OS_PORT, "load-balancer")) {
      const props = propsOf(port);
      const cluster = clusterOf(port);
      if (props.portSecurityEnabled === false) {
        reportViolation(
          `${port.name} has port security off: keep it on and list the VIP as an allowed address pair.`,
          port.urn,
        );
      }
      if (!vips.has(cluster)) {
        reportViolation(
          `${port.name} belongs to cluster ${cluster}, which has no reserved VIP port.`,
          port.urn,
        );
        continue;
      }
      const vip = vips.get(cluster);
      const pairs = pairAddresses(props);
      // An unknown pair (or list) may be the VIP: only what is known can be missing it.
      const ok = unknownPairs(props) || (vip === undefined ? pairs.length > 0 : pairs.includes(vip));
      if (!ok) {
        reportViolation(
          `${port.name} does not carry the VIP ${vip ?? "(allocated)"}/32 as an allowed address pair; ` +
            `Neutron would drop the VIP's traffic on this LB. Add allowedAddressPairs: [{ ipAddress: "<vip>/32" }].`,
          port.urn,
        );
      }
    }
  },
};
