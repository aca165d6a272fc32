/**
 * The control-plane nodes behind the VIP (and optional workers): anti-affinity, one port each
 * with a security group for etcd and the kubelet among the control plane. The LB pair adds the
 * 6443 rule from its own group (it owns that relationship); the node addresses feed HAProxy.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { ApiServer } from "./render/model";
import {
  antiAffinityGroup,
  createPorts,
  createServers,
  ingressRules,
  sshRules,
  tcpFromGroup,
  type ServerRowArgs,
} from "./nodes";
import { openstackTags } from "./tags";

const ETCD_PORTS = [2379, 2380] as const;
const KUBELET_PORTS = [10250, 10250] as const;

export interface NodeGroupSpec {
  readonly count: number;
  /** Glance image name. */
  readonly image: string;
  /** Nova flavor name. */
  readonly flavor: string;
  /** Pinned addresses, one per node. @default allocated by Neutron */
  readonly fixedIps?: readonly string[];
}

export interface ControlPlaneArgs {
  readonly clusterName: string;
  readonly networkId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  /** Control-plane nodes: an odd count (validated in config). */
  readonly controlPlane: NodeGroupSpec;
  /** Optional workers on the same subnet. @default none */
  readonly workers?: NodeGroupSpec;
  /** Existing Nova key pair. @default none */
  readonly keyPair?: string;
  /** SSH sources. @default [] (no SSH rule) */
  readonly adminCidrs?: readonly string[];
  /** Ports are created after these resources (the VIP port). @default [] */
  readonly portsAfter?: readonly pulumi.Resource[];
}

export class ControlPlane extends pulumi.ComponentResource {
  /** Security group of the control-plane ports; the LB pair allows 6443 into it from itself. */
  readonly securityGroupId: pulumi.Output<string>;
  /** Security group of the worker ports, when there are workers. */
  readonly workerSecurityGroupId?: pulumi.Output<string>;
  /** The API servers, name and address, in node order: HAProxy's backend list. */
  readonly apiServers: pulumi.Output<ApiServer[]>;
  readonly addresses: pulumi.Output<string[]>;
  readonly workerAddresses?: pulumi.Output<string[]>;

  constructor(name: string, args: ControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:openstack:ControlPlane", name, {}, opts);
    const admin = sshRules(args.adminCidrs ?? []);
    const sg = this.securityGroup(
      `${name}-sg`,
      "Kubernetes control plane",
      args.clusterName,
      "control-plane",
    );
    ingressRules(this, `${name}-sg`, sg.id, [
      tcpFromGroup("etcd", "etcd client and peer traffic among the control plane", ETCD_PORTS, sg.id),
      tcpFromGroup("kubelet", "kubelet API among the control plane", KUBELET_PORTS, sg.id),
      ...admin,
    ]);
    this.securityGroupId = sg.id;

    const row = this.nodeRow(name, args, args.controlPlane, "control-plane", sg.id);
    this.addresses = pulumi.all(row.addresses);
    this.apiServers = this.addresses.apply((ips) =>
      ips.map((address, i) => ({ name: row.names[i], address })),
    );

    if (args.workers !== undefined) {
      const workerSg = this.securityGroup(
        `${name}-workers-sg`,
        "Kubernetes workers",
        args.clusterName,
        "worker",
      );
      ingressRules(this, `${name}-workers-sg`, workerSg.id, [
        tcpFromGroup("kubelet", "kubelet API from the control plane", KUBELET_PORTS, sg.id),
        ...admin,
      ]);
      this.workerSecurityGroupId = workerSg.id;
      const workers = this.nodeRow(`${name}-worker`, args, args.workers, "worker", workerSg.id);
      this.workerAddresses = pulumi.all(workers.addresses);
    }
    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      workerSecurityGroupId: this.workerSecurityGroupId,
      apiServers: this.apiServers,
      workerAddresses: this.workerAddresses,
    });
  }

  private securityGroup(
    name: string,
    description: string,
    cluster: string,
    role: "control-plane" | "worker",
  ): openstack.networking.SecGroup {
    return new openstack.networking.SecGroup(
      name,
      { name, description, tags: openstackTags(cluster, role) },
      { parent: this },
    );
  }

  private nodeRow(
    baseName: string,
    args: ControlPlaneArgs,
    spec: NodeGroupSpec,
    role: "control-plane" | "worker",
    securityGroupId: pulumi.Output<string>,
  ) {
    const group = antiAffinityGroup(this, `${baseName}-group`);
    const rowArgs: ServerRowArgs = {
      clusterName: args.clusterName,
      role,
      count: spec.count,
      networkId: args.networkId,
      subnetId: args.subnetId,
      fixedIps: spec.fixedIps,
      securityGroupId,
      serverGroupId: group.id,
      image: spec.image,
      flavor: spec.flavor,
      keyPair: args.keyPair,
      portsAfter: args.portsAfter,
    };
    const row = createPorts(this, baseName, rowArgs);
    createServers(this, row, rowArgs);
    return row;
  }
}
