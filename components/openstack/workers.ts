/**
 * Optional worker nodes on the VIP's subnet. They reach the API through the VIP, so the pool adds
 * "6443 from the workers" to the LB group, and the control plane reaches their kubelets. Their
 * addresses are always allocated, after every pinned address is taken (`portsAfter`).
 */
import * as pulumi from "@pulumi/pulumi";
import { API_PORT } from "./load-balancer-pair";
import {
  createNodeGroup,
  ingressRules,
  KUBELET_PORTS,
  securityGroup,
  sshRules,
  tcpFromGroup,
  type NodeGroupSize,
  type NodePlacementArgs,
} from "./nodes";

export interface WorkerPoolArgs extends NodePlacementArgs {
  /** Count, image and flavor (fixedIps are not used: workers are allocated). */
  readonly workers: NodeGroupSize;
  /** The LB group: the pool allows 6443 into it from the workers. */
  readonly apiSecurityGroupId: pulumi.Input<string>;
  /** The control plane's group: it may reach the workers' kubelets. */
  readonly controlPlaneSecurityGroupId: pulumi.Input<string>;
}

/** Optional worker nodes on the API VIP's subnet, with the security group rules that let them reach the API through the VIP. */
export class WorkerPool extends pulumi.ComponentResource {
  /** The workers' security group. */
  readonly securityGroupId: pulumi.Output<string>;
  /** The workers' allocated addresses, in node order. */
  readonly addresses: pulumi.Output<string[]>;

  constructor(name: string, args: WorkerPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:openstack:WorkerPool", name, {}, opts);
    const sg = securityGroup(this, `${name}-sg`, "Kubernetes workers", args.clusterName, "worker");
    ingressRules(this, `${name}-sg`, sg.id, [
      tcpFromGroup(
        "kubelet",
        "kubelet API from the control plane",
        KUBELET_PORTS,
        args.controlPlaneSecurityGroupId,
      ),
      ...sshRules(args.adminCidrs ?? []),
    ]);
    ingressRules(this, `${name}-api`, args.apiSecurityGroupId, [
      tcpFromGroup("from-workers", "Kubernetes API from the workers", [API_PORT, API_PORT], sg.id),
    ]);
    this.securityGroupId = sg.id;
    const row = createNodeGroup(this, name, {
      clusterName: args.clusterName,
      role: "worker",
      count: args.workers.count,
      networkId: args.networkId,
      subnetId: args.subnetId,
      securityGroupId: sg.id,
      image: args.workers.image,
      flavor: args.workers.flavor,
      keyPair: args.keyPair,
      portsAfter: args.portsAfter,
    });
    this.addresses = pulumi.all(row.addresses);
    this.registerOutputs({ securityGroupId: this.securityGroupId, addresses: this.addresses });
  }
}
