/**
 * What the Pulumi component package serves to Python, Go and YAML programs: cmd/run-plugin
 * requires package.json `main` (dist/plugin.js) and serves every ComponentResource exported here.
 * TypeScript programs import index.ts (the `exports` map), which has every component.
 */
import * as everything from "./index";

/**
 * Components that are TypeScript-only for now, and why. Their args are not yet what the SDK's
 * analyzer can express, so serving them would fail GetSchema for the whole package.
 */
export const TYPESCRIPT_ONLY = {
  IpFailover: "its `instance` arg is the zod-parsed instance (a union for preemption), not a named interface",
  MultiClusterIngress:
    "it deploys to several member clusters, each with its own Kubernetes provider, and opts carries one provider per package",
} as const;

export const {
  EgressCluster,
  EgressRoutes,
  ManagedNatGateway,
  NatGatewayPool,
  RoutingAgentRoutes,
  StaticRouteOperator,
  UptimeAlerts,
  ExternalService,
  IngressNginx,
  InternalLoadBalancer,
  MetalLbL2Pool,
  Traefik,
  ApiVip,
  ControlPlane,
  LoadBalancerPair,
  ClusterNetwork,
  WorkerPool,
} = everything;
