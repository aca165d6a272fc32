/**
 * A `type: LoadBalancer` Service made internal with the target cloud's annotation, so it gets a
 * private address reachable from the VPC/VNet (and peered or VPN-connected networks), never a
 * public IP. See docs/kubernetes-service-patterns.md#internal-load-balancer.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadBalancerAddress } from "./lb-address";
import { toServicePort, type LoadBalancerPort } from "./component-args";
import { renderInternalLoadBalancer } from "./render/internal-load-balancer";
import type { InternalLbCloud } from "./service-patterns-config";

export interface InternalLoadBalancerArgs {
  /** Service name (DNS-1035 label). @default the component name */
  serviceName?: string;
  /** Namespace of the Service: the namespace of the pods it selects. */
  namespace: string;
  /** Cloud whose internal-load-balancer annotation is set. */
  cloud: InternalLbCloud;
  /** Service ports; every port needs a name when there are several. */
  ports: LoadBalancerPort[];
  /** Labels of the pods behind the Service. */
  selector: pulumi.Input<Record<string, string>>;
  /** Client networks allowed in (loadBalancerSourceRanges). @default [] (the cloud's default) */
  sourceRanges?: pulumi.Input<string[]>;
}

/** A LoadBalancer Service made internal with the target cloud's annotation: a private address reachable from the VPC, never a public IP. */
export class InternalLoadBalancer extends pulumi.ComponentResource {
  /** Name of the Service. */
  readonly serviceName: pulumi.Output<string>;
  /** Namespace of the Service. */
  readonly namespace: pulumi.Output<string>;
  /** The private address (IP, or DNS name on AWS) the cloud assigned. */
  readonly address: pulumi.Output<string>;

  constructor(name: string, args: InternalLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:kubernetes:InternalLoadBalancer", name, {}, opts);
    const ports = args.ports.map((port) => toServicePort(name, port));
    const manifest = pulumi
      .output({ selector: args.selector, sourceRanges: args.sourceRanges ?? [] })
      .apply(({ selector, sourceRanges }) =>
        renderInternalLoadBalancer({
          name: args.serviceName ?? name,
          namespace: args.namespace,
          cloud: args.cloud,
          ports,
          selector,
          sourceRanges,
        }),
      );
    const service = new k8s.core.v1.Service(
      name,
      { metadata: manifest.metadata, spec: manifest.spec },
      // A component's dependsOn does not hold back its children; pass it on.
      { parent: this, dependsOn: opts?.dependsOn },
    );
    this.serviceName = service.metadata.name;
    this.namespace = service.metadata.namespace;
    this.address = loadBalancerAddress(service.status);
    this.registerOutputs({ serviceName: this.serviceName, namespace: this.namespace, address: this.address });
  }
}
