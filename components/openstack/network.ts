/**
 * The network the VIP lives on when the stack creates it: a network, an IPv4 subnet and, when an
 * external network is given, a router so floating IPs work and the LBs can install packages.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { allocationPools } from "./allocation-pools";
import { openstackTags } from "./tags";

export interface ClusterNetworkArgs {
  /** Cluster name, for tags. */
  readonly clusterName: string;
  /** IPv4 CIDR of the subnet. */
  readonly cidr: string;
  /** Gateway address of the subnet. */
  readonly gateway: string;
  /** DNS servers handed out by DHCP. @default [] */
  readonly dnsNameservers?: string[];
  /** External network to route the subnet to. @default no router */
  readonly externalNetworkId?: string;
  /**
   * Addresses DHCP must never hand out: the pinned VIP and node addresses. The subnet's allocation
   * pools leave them (and the gateway) out. @default []
   */
  readonly reserved?: string[];
}

/** The network the API VIP lives on: a Neutron network, an IPv4 subnet whose DHCP pools leave reserved addresses out, and optionally a router to an external network. */
export class ClusterNetwork extends pulumi.ComponentResource {
  /** The created network. */
  readonly networkId: pulumi.Output<string>;
  /** The created subnet. */
  readonly subnetId: pulumi.Output<string>;
  /**
   * Id of what must exist before anything needs the outside world: the router interface when
   * routed (a floating IP on an unrouted subnet is refused, and the LBs install packages at boot),
   * else the subnet. Pass it to `networkReady` / `portsAfter`: consuming it carries the dependency.
   */
  readonly ready: pulumi.Output<string>;

  constructor(name: string, args: ClusterNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:openstack:ClusterNetwork", name, {}, opts);
    const net = new openstack.networking.Network(
      `${name}-net`,
      {
        name: `${name}-net`,
        adminStateUp: true,
        portSecurityEnabled: true,
        tags: openstackTags(args.clusterName, "api-vip"),
      },
      { parent: this },
    );
    const subnet = new openstack.networking.Subnet(
      `${name}-subnet`,
      {
        name: `${name}-subnet`,
        networkId: net.id,
        cidr: args.cidr,
        ipVersion: 4,
        gatewayIp: args.gateway,
        dnsNameservers: args.dnsNameservers ? [...args.dnsNameservers] : [],
        enableDhcp: true,
        allocationPools: allocationPools(args.cidr, [args.gateway, ...(args.reserved ?? [])]),
      },
      { parent: this },
    );
    let ready: pulumi.Output<string> = subnet.id;
    if (args.externalNetworkId !== undefined) {
      const router = new openstack.networking.Router(
        `${name}-router`,
        { name: `${name}-router`, externalNetworkId: args.externalNetworkId },
        { parent: this },
      );
      const routerInterface = new openstack.networking.RouterInterface(
        `${name}-router-subnet`,
        { routerId: router.id, subnetId: subnet.id },
        { parent: this },
      );
      ready = routerInterface.id;
    }
    this.ready = ready;
    this.networkId = net.id;
    this.subnetId = subnet.id;
    this.registerOutputs({ networkId: this.networkId, subnetId: this.subnetId });
  }
}
