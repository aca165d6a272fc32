/**
 * The control-plane nodes behind the VIP: anti-affinity, one port each, a security group for
 * etcd and the kubelet among the control plane. The LB pair adds the 6443 rule from its own
 * group (it owns that relationship); the node addresses feed HAProxy's backend list.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ApiServer } from "./render/model";
import {
  createNodeGroup,
  ingressRules,
  KUBELET_PORTS,
  securityGroup,
  sshRules,
  tcpFromGroup,
  type NodeGroupSpec,
  type NodePlacementArgs,
} from "./nodes";

const ETCD_PORTS = [2379, 2380] as const;

export interface ControlPlaneArgs extends NodePlacementArgs {
  /** Control-plane nodes: an odd count (validated in config). */
  readonly controlPlane: NodeGroupSpec;
}

/** The control-plane nodes behind the API VIP: servers in an anti-affinity group, one port each, and a security group for etcd and the kubelet. */
export class ControlPlane extends pulumi.ComponentResource {
  /** Security group of the control-plane ports; the LB pair allows 6443 into it from itself. */
  readonly securityGroupId: pulumi.Output<string>;
  /** The API servers, name and address, in node order: HAProxy's backend list. */
  readonly apiServers: pulumi.Output<ApiServer[]>;
  /** The nodes' addresses, in node order. */
  readonly addresses: pulumi.Output<string[]>;
  /** Ids of the nodes' ports; allocated ports elsewhere wait for them when they hold pinned addresses. */
  readonly portIds: pulumi.Output<string[]>;

  constructor(name: string, args: ControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:openstack:ControlPlane", name, {}, opts);
    const sg = securityGroup(
      this,
      `${name}-sg`,
      "Kubernetes control plane",
      args.clusterName,
      "control-plane",
    );
    ingressRules(this, `${name}-sg`, sg.id, [
      tcpFromGroup("etcd", "etcd client and peer traffic among the control plane", ETCD_PORTS, sg.id),
      tcpFromGroup("kubelet", "kubelet API among the control plane", KUBELET_PORTS, sg.id),
      ...sshRules(args.adminCidrs ?? []),
    ]);
    this.securityGroupId = sg.id;

    const row = createNodeGroup(this, name, {
      clusterName: args.clusterName,
      role: "control-plane",
      count: args.controlPlane.count,
      networkId: args.networkId,
      subnetId: args.subnetId,
      fixedIps: args.controlPlane.fixedIps,
      securityGroupId: sg.id,
      image: args.controlPlane.image,
      flavor: args.controlPlane.flavor,
      keyPair: args.keyPair,
      portsAfter: args.portsAfter,
    });
    this.portIds = pulumi.all(row.ports.map((port) => port.id));
    this.addresses = pulumi.all(row.addresses);
    this.apiServers = this.addresses.apply((ips) =>
      ips.map((address, i) => ({ name: row.names[i], address })),
    );
    this.registerOutputs({ securityGroupId: this.securityGroupId, apiServers: this.apiServers });
  }
}
