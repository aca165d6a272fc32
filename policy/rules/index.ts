/** Every rule of the pack. index.ts builds the PolicyPack from this list; tests run the same list. */
import type { Rule } from "../engine";
import { egressGatewayRedundancy } from "./egress-gateway-redundancy";
import { loadBalancerExposure } from "./load-balancer-exposure";
import { gkeHealthPort } from "./gke-health-port";
import { gkeMcsHealthCheck } from "./gke-mcs-health-check";
import { gkeTlsStaticIp } from "./gke-tls-static-ip";
import { imagesByDigest } from "./images-by-digest";
import { ingressNginxRetired } from "./ingress-nginx-retired";
import { ipfailoverReplicaCount, ipfailoverRouterIds } from "./ipfailover";
import { noWorldSsh } from "./no-world-ssh";
import { openstackControlPlaneOdd } from "./openstack-control-plane-odd";
import { openstackLbVipPair } from "./openstack-lb-vip-pair";
import { openstackVrrpScoped } from "./openstack-vrrp-scoped";
import { privilegedPodsIpfailoverOnly } from "./privileged-pods";
import { reservedIpProtected } from "./reserved-ip-protected";
import { staticRouteDestinations, staticRouteUniqueDestinations } from "./static-route-destinations";

export const allRules: readonly Rule[] = [
  noWorldSsh,
  // Every system's images (docs/policies.md)
  imagesByDigest,
  // OpenStack API VIP (docs/openstack-api-vip.md)
  openstackLbVipPair,
  openstackVrrpScoped,
  openstackControlPlaneOdd,
  // DigitalOcean egress (docs/digitalocean-egress.md)
  egressGatewayRedundancy,
  staticRouteDestinations,
  staticRouteUniqueDestinations,
  reservedIpProtected,
  // OpenShift IP failover (docs/openshift-ipfailover.md)
  privilegedPodsIpfailoverOnly,
  ipfailoverReplicaCount,
  ipfailoverRouterIds,
  // GKE multi-cluster ingress (docs/gke-multicluster-ingress.md)
  gkeMcsHealthCheck,
  gkeHealthPort,
  gkeTlsStaticIp,
  // Kubernetes service patterns (docs/kubernetes-service-patterns.md)
  loadBalancerExposure,
  ingressNginxRetired,
];
