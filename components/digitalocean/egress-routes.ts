/**
 * One StaticRoute per route set, pointing at the active gateway, with the failover order enforced
 * by the engine: old route deleted, settle wait, new route created (see ./settle-delay.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SETTLE_SECONDS } from "./constants";
import { renderStaticRoute, staticRouteMetadata } from "./render/egress-routes";
import { SettleDelay } from "./settle-delay";

/** Partner destinations routed through the gateways. */
export interface RouteSet {
  /** Route set name (part of the route object's name). */
  readonly name: string;
  /** Destination CIDRs or addresses. */
  readonly destinations: string[];
}

/** One route object as the stack outputs describe it. */
export interface RouteSummary {
  /** The route set's name. */
  readonly routeSet: string;
  /** Name of the route object in the cluster. */
  readonly object: string;
  /** Its destinations. */
  readonly destinations: string[];
  /** The gateway addresses it routes through. */
  readonly gateways: string[];
}

/** The gateway the StaticRoutes point at. */
export interface ActiveGateway {
  /** The gateway's name (part of the route object's name). */
  name: string;
  /** Its VPC address. */
  address: pulumi.Input<string>;
}

/**
 * The routes depend on whatever the component's `dependsOn` lists (the system passes the
 * operator's DaemonSet), so a destroy removes them while the operator still runs.
 */
export interface EgressRoutesArgs {
  /** Route sets (plain: one StaticRoute each). */
  routeSets: RouteSet[];
  /** The active gateway: its name (part of the object name) and VPC address. */
  activeGateway: ActiveGateway;
  /** Seconds between deleting the old route and creating the new one. @default 45 */
  settleSeconds?: number;
}

type DependsOn = pulumi.ComponentResourceOptions["dependsOn"];

/**
 * `dependsOn` plus `more`: a component's dependsOn does not hold back its children, so the
 * children get it (with their own dependencies) explicitly.
 */
function plusDependencies(dependsOn: DependsOn, ...more: pulumi.Resource[]): DependsOn {
  if (dependsOn === undefined) return more;
  if (Array.isArray(dependsOn)) return [...dependsOn, ...more];
  if (pulumi.Resource.isInstance(dependsOn)) return [dependsOn, ...more];
  // An Output or Promise of a resource or a list of them: resolved first.
  return pulumi
    .output(dependsOn as pulumi.Input<pulumi.Resource | pulumi.Resource[]>)
    .apply((resolved) => [...(Array.isArray(resolved) ? resolved : [resolved]), ...more]);
}

/** Options that make a gateway change a delete-then-create replacement (exported for tests). */
export const STATIC_ROUTE_REPLACE_ON_CHANGES = ["metadata", "spec.gateway"];

/** One StaticRoute per route set pointing at the active NAT gateway, with failover ordered as delete old route, settle wait, create new route. */
export class EgressRoutes extends pulumi.ComponentResource {
  /** One summary per route set. */
  readonly routes: pulumi.Output<RouteSummary[]>;

  constructor(name: string, args: EgressRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
    // Token kept from components/kubernetes/: a new one would change every URN below (test/baselines).
    super("failover:kubernetes:EgressRoutes", name, {}, opts);
    const summaries = args.routeSets.map((set) => {
      const settle = new SettleDelay(
        `${name}-${set.name}-settle`,
        {
          gateway: args.activeGateway.address,
          metadata: staticRouteMetadata(set.name, args.activeGateway.name),
          seconds: args.settleSeconds ?? DEFAULT_SETTLE_SECONDS,
        },
        { parent: this, dependsOn: plusDependencies(opts?.dependsOn) },
      );
      // metadata and spec.gateway come from the settle resource: that property dependency is what
      // makes the engine delete this route before the settle resource's (sleeping) delete.
      const route = new k8s.apiextensions.CustomResource(
        `${name}-${set.name}`,
        renderStaticRoute(settle.metadata, set.destinations, settle.gateway),
        {
          parent: this,
          dependsOn: plusDependencies(opts?.dependsOn, settle),
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
