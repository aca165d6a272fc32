/**
 * DOKS routing agent routes: one `Route` per route set listing every gateway. The agent spreads
 * traffic over them (ECMP) and re-probes dead gateways itself, so there is no manual failover.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { RouteSet, RouteSummary } from "./egress-routes";
import { renderRoutingAgentRoute } from "./render/egress-routes";

export interface RoutingAgentRoutesArgs {
  /** Route sets (plain: one Route each). */
  routeSets: RouteSet[];
  /** Every gateway's VPC address. */
  gateways: pulumi.Input<string>[];
}

/** DOKS routing agent routes: one Route per route set listing every gateway, spread by ECMP and re-probed by the agent. */
export class RoutingAgentRoutes extends pulumi.ComponentResource {
  /** One summary per route set. */
  readonly routes: pulumi.Output<RouteSummary[]>;

  constructor(name: string, args: RoutingAgentRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
    // Token kept from components/kubernetes/: a new one would change every URN below (test/baselines).
    super("failover:kubernetes:RoutingAgentRoutes", name, {}, opts);
    const gateways = pulumi.all(args.gateways);
    const summaries = args.routeSets.map((set) => {
      const manifest = gateways.apply((g) => renderRoutingAgentRoute(set.name, set.destinations, g));
      // Only the gateway list is unknown until deploy; name and kind are plain.
      const plain = renderRoutingAgentRoute(set.name, set.destinations, []);
      const route = new k8s.apiextensions.CustomResource(
        `${name}-${set.name}`,
        { apiVersion: plain.apiVersion, kind: plain.kind, metadata: plain.metadata, spec: manifest.spec },
        { parent: this },
      );
      return pulumi.all([route.metadata.name, gateways]).apply(([object, g]) => ({
        routeSet: set.name,
        object,
        destinations: [...plain.spec.destinations],
        gateways: g,
      }));
    });
    this.routes = pulumi.all(summaries);
    this.registerOutputs({ routes: this.routes });
  }
}
