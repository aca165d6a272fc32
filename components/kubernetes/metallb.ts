/**
 * A MetalLB layer 2 address pool: an IPAddressPool with the validated ranges and the
 * L2Advertisement that announces it by ARP/NDP, optionally only on some interfaces or nodes.
 * MetalLB itself must already be installed; config checks its declared release reads every field
 * rendered here (metallb-versions.ts). See docs/kubernetes-service-patterns.md#metallb-layer-2-pool.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  METALLB_API_VERSION,
  renderIpAddressPool,
  renderL2Advertisement,
  type MetallbPoolSpec,
} from "./render/metallb";
import {
  DEFAULT_POOL_AUTO_ASSIGN,
  DEFAULT_POOL_AVOID_BUGGY_IPS,
  METALLB_NAMESPACE,
} from "./service-patterns-defaults";

export interface MetalLbL2PoolArgs {
  /** Pool name; Services pick it with the metallb.universe.tf/address-pool annotation. @default the component name */
  poolName?: string;
  /** MetalLB's namespace. @default "metallb-system" */
  namespace?: string;
  /** CIDRs or first-last ranges, already validated (see service-patterns-checks.ts). */
  addresses: pulumi.Input<string[]>;
  /** Let MetalLB assign pool addresses to Services that ask for none. @default true */
  autoAssign?: boolean;
  /** Skip the .0 and .255 addresses that some clients mishandle. @default false */
  avoidBuggyIPs?: boolean;
  /** Announce only on these interfaces. @default [] (all) */
  interfaces?: pulumi.Input<string[]>;
  /** Announce only from nodes with one of these label sets. @default [] (all nodes) */
  nodeSelectors?: pulumi.Input<Array<Record<string, string>>>;
}

/** A MetalLB layer 2 address pool: an IPAddressPool with validated ranges and the L2Advertisement that announces it. */
export class MetalLbL2Pool extends pulumi.ComponentResource {
  /** Name of the IPAddressPool. */
  readonly poolName: pulumi.Output<string>;
  /** The pool's address ranges as written in the IPAddressPool. */
  readonly addresses: pulumi.Output<string[]>;

  constructor(name: string, args: MetalLbL2PoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:kubernetes:MetalLbL2Pool", name, {}, opts);
    const spec = pulumi
      .output({
        addresses: args.addresses,
        interfaces: args.interfaces ?? [],
        nodeSelectors: args.nodeSelectors ?? [],
      })
      .apply((values): MetallbPoolSpec => ({
        name: args.poolName ?? name,
        namespace: args.namespace ?? METALLB_NAMESPACE,
        autoAssign: args.autoAssign ?? DEFAULT_POOL_AUTO_ASSIGN,
        avoidBuggyIPs: args.avoidBuggyIPs ?? DEFAULT_POOL_AVOID_BUGGY_IPS,
        ...values,
      }));
    const pool = spec.apply(renderIpAddressPool);
    const advertisement = spec.apply(renderL2Advertisement);
    const poolResource = new k8s.apiextensions.CustomResource(
      `${name}-pool`,
      { apiVersion: METALLB_API_VERSION, kind: "IPAddressPool", metadata: pool.metadata, spec: pool.spec },
      // A component's dependsOn does not hold back its children; pass it on.
      { parent: this, dependsOn: opts?.dependsOn },
    );
    new k8s.apiextensions.CustomResource(
      `${name}-l2`,
      {
        apiVersion: METALLB_API_VERSION,
        kind: "L2Advertisement",
        metadata: advertisement.metadata,
        spec: advertisement.spec,
      },
      { parent: this, dependsOn: [poolResource] },
    );
    this.poolName = spec.name;
    this.addresses = pool.spec.addresses;
    this.registerOutputs({ poolName: this.poolName, addresses: this.addresses });
  }
}
