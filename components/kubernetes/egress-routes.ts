/**
 * One StaticRoute per route set, pointing at the active gateway, with the failover order enforced
 * by the engine: old route deleted, settle wait, new route created (see ./settle-delay.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { staticRouteMetadata } from "./render/egress-routes";
import { STATIC_ROUTE_API_VERSION } from "./render/static-route-operator";
import { SettleDelay } from "./settle-delay";
import { DEFAULT_SETTLE_SECONDS } from "../digitalocean/constants";

export interface RouteSet {
  readonly name: string;
  readonly destinations: readonly string[];
}

export interface RouteSummary {
  readonly routeSet: string;
  readonly object: string;
  readonly destinations: string[];
  readonly gateways: string[];
}

export interface EgressRoutesArgs {
  /** Route sets (plain: one StaticRoute each). */
  routeSets: readonly RouteSet[];
  /** The active gateway: its name (part of the object name) and VPC address. */
  activeGateway: { name: string; address: pulumi.Input<string> };
  /** Seconds between deleting the old route and creating the new one. @default 45 */
  settleSeconds?: number;
  /** The operator's DaemonSet: routes depend on it so destroy removes them first. */
  operator: pulumi.Resource;
}

/** Options that make a gateway change a delete-then-create replacement (exported for tests). */
export const STATIC_ROUTE_REPLACE_ON_CHANGES = ["metadata", "spec.gateway"];

export class EgressRoutes extends pulumi.ComponentResource {
  readonly routes: pulumi.Output<RouteSummary[]>;

  constructor(name: string, args: EgressRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:kubernetes:EgressRoutes", name, {}, opts);
    const summaries = args.routeSets.map((set) => {
      const settle = new SettleDelay(
        `${name}-${set.name}-settle`,
        {
          gateway: args.activeGateway.address,
          metadata: staticRouteMetadata(set.name, args.activeGateway.name),
          seconds: args.settleSeconds ?? DEFAULT_SETTLE_SECONDS,
        },
        { parent: this, dependsOn: [args.operator] },
      );
      // metadata and spec.gateway come from the settle resource: that property dependency is what
      // makes the engine delete this route before the settle resource's (sleeping) delete.
      const route = new k8s.apiextensions.CustomResource(
        `${name}-${set.name}`,
        {
          apiVersion: STATIC_ROUTE_API_VERSION,
          kind: "StaticRoute",
          metadata: settle.metadata,
          spec: { destinations: [...set.destinations], gateway: settle.gateway },
        },
        {
          parent: this,
          dependsOn: [args.operator, settle],
          deleteBeforeReplace: true,
          // The operator ignores an in-place gateway change (upstream #23): always replace.
          replaceOnChanges: STATIC_ROUTE_REPLACE_ON_CHANGES,
        },
      );
      return pulumi.all([route.metadata.name, settle.gateway]).apply(([object, gateway]) => ({
        routeSet: set.name,
        object,
        destinations: [...set.destinations],
        gateways: [gateway],
      }));
    });
    this.routes = pulumi.all(summaries);
    this.registerOutputs({ routes: this.routes });
  }
}
