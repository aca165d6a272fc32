/** Every rule of the pack. index.ts builds the PolicyPack from this list; tests run the same list. */
import type { Rule } from "../engine";
import { egressGatewayRedundancy } from "./egress-gateway-redundancy";
import { loadBalancerExposure } from "./load-balancer-exposure";
import { noWorldSsh } from "./no-world-ssh";
import { reservedIpProtected } from "./reserved-ip-protected";
import { staticRouteDestinations, staticRouteUniqueDestinations } from "./static-route-destinations";

export const allRules: readonly Rule[] = [
  noWorldSsh,
  // DigitalOcean egress (docs/digitalocean-egress.md)
  egressGatewayRedundancy,
  staticRouteDestinations,
  staticRouteUniqueDestinations,
  reservedIpProtected,
  // Kubernetes service patterns (docs/kubernetes-service-patterns.md)
  loadBalancerExposure,
];
