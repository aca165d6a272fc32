/**
 * The components package's entry: every reusable ComponentResource with its args type. Another
 * TypeScript program imports this (`@failover-stacks/components`); the component provider
 * (provider.ts) serves the same classes to Python, Go and YAML. stacks/ does not import it.
 */
export { EgressCluster, type EgressClusterArgs } from "./digitalocean/egress-cluster";
export { EgressRoutes, type EgressRoutesArgs } from "./digitalocean/egress-routes";
export { ManagedNatGateway, type ManagedNatGatewayArgs } from "./digitalocean/managed-nat-gateway";
export { NatGatewayPool, type NatGatewayPoolArgs } from "./digitalocean/nat-gateway-pool";
export { RoutingAgentRoutes, type RoutingAgentRoutesArgs } from "./digitalocean/routing-agent-routes";
export { StaticRouteOperator, type StaticRouteOperatorArgs } from "./digitalocean/static-route-operator";
export { UptimeAlerts, type UptimeAlertsArgs } from "./digitalocean/uptime-alerts";
export { MultiClusterIngress, type MultiClusterIngressArgs } from "./gcp/multi-cluster-ingress";
export { ExternalService, type ExternalServiceArgs } from "./kubernetes/external-service";
export { IngressNginx, type IngressNginxArgs } from "./kubernetes/ingress-nginx";
export { InternalLoadBalancer, type InternalLoadBalancerArgs } from "./kubernetes/internal-load-balancer";
export { MetalLbL2Pool, type MetalLbL2PoolArgs } from "./kubernetes/metallb";
export { Traefik, type TraefikArgs } from "./kubernetes/traefik";
export { IpFailover, type IpFailoverArgs } from "./openshift/ipfailover";
export { ApiVip, type ApiVipArgs } from "./openstack/api-vip";
export { ControlPlane, type ControlPlaneArgs } from "./openstack/control-plane";
export { LoadBalancerPair, type LoadBalancerPairArgs } from "./openstack/load-balancer-pair";
export { ClusterNetwork, type ClusterNetworkArgs } from "./openstack/network";
export { WorkerPool, type WorkerPoolArgs } from "./openstack/workers";
