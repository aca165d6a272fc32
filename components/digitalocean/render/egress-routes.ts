/**
 * Egress route objects as plain data: the operator's StaticRoute (one gateway) and the DOKS routing
 * agent's Route (every gateway, ECMP). Names are derived, so `kubectl get` shows which gateway a
 * route set uses.
 */
import { addressOrNetwork } from "../../shared/ip";
import { STATIC_ROUTE_API_VERSION } from "./static-route-operator";

export const ROUTING_AGENT_API_VERSION = "networking.doks.digitalocean.com/v1alpha1";
export const ROUTE_SET_LABEL = "egress.failover-stacks.dev/route-set";
export const GATEWAY_LABEL = "egress.failover-stacks.dev/gateway";

export interface StaticRouteMetadata {
  readonly name: string;
  readonly labels: Record<string, string>;
}

/**
 * The StaticRoute for a route set through one gateway. The gateway's name is part of the object
 * name, as upstream's runbook creates the standby object "under another name".
 */
export function staticRouteMetadata(routeSet: string, gatewayName: string): StaticRouteMetadata {
  return {
    name: `egress-${routeSet}-via-${gatewayName}`,
    labels: { [ROUTE_SET_LABEL]: routeSet, [GATEWAY_LABEL]: gatewayName },
  };
}

export interface StaticRoute<Metadata = StaticRouteMetadata, Gateway = string> {
  readonly apiVersion: typeof STATIC_ROUTE_API_VERSION;
  readonly kind: "StaticRoute";
  readonly metadata: Metadata;
  readonly spec: { destinations: string[]; gateway: Gateway };
}

/**
 * The StaticRoute of a route set. Plain data in, plain data out; the component passes its settle
 * resource's outputs as `metadata` and `gateway` (the types are open for that), because those
 * property dependencies order the engine's delete, wait and create (see ../settle-delay.ts).
 */
export function renderStaticRoute<Metadata = StaticRouteMetadata, Gateway = string>(
  metadata: Metadata,
  destinations: readonly string[],
  gateway: Gateway,
): StaticRoute<Metadata, Gateway> {
  return {
    apiVersion: STATIC_ROUTE_API_VERSION,
    kind: "StaticRoute",
    metadata,
    spec: { destinations: [...destinations], gateway },
  };
}

export interface RoutingAgentRoute {
  readonly apiVersion: string;
  readonly kind: "Route";
  readonly metadata: StaticRouteMetadata;
  readonly spec: { destinations: string[]; gateways: string[] };
}

/**
 * DigitalOcean documents `Route` destinations only in CIDR form, so a single address is written as
 * its /32 (`203.0.113.10` becomes `203.0.113.10/32`); networks stay as they are.
 */
export function routingAgentDestination(destination: string): string {
  const parsed = addressOrNetwork(destination);
  if (!parsed.ok || parsed.cidr.address.kind() !== "ipv4") {
    throw new Error(`routing agent destination '${destination}' is not an IPv4 address or network`);
  }
  return parsed.cidr.text;
}

export function renderRoutingAgentRoute(
  routeSet: string,
  destinations: readonly string[],
  gateways: readonly string[],
): RoutingAgentRoute {
  return {
    apiVersion: ROUTING_AGENT_API_VERSION,
    kind: "Route",
    metadata: { name: `egress-${routeSet}`, labels: { [ROUTE_SET_LABEL]: routeSet } },
    spec: { destinations: destinations.map(routingAgentDestination), gateways: [...gateways] },
  };
}
