/**
 * The API VIP as its own Neutron port, never attached to a server. The port holds the address so
 * Neutron never hands it to anything else; the LB ports list it as an allowed address pair and
 * keepalived moves it between them. An optional floating IP is associated with this port.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { after } from "./nodes";
import { openstackTags } from "./tags";

export interface ApiVipArgs {
  /** Cluster name for tags. */
  readonly clusterName: string;
  /** Neutron network of the VIP. */
  readonly networkId: pulumi.Input<string>;
  /** Subnet the VIP is allocated from. */
  readonly subnetId: pulumi.Input<string>;
  /**
   * Ids the floating IP waits for: ClusterNetwork's `ready` (the router interface of a created
   * network; Neutron refuses a floating IP for a port whose subnet has no route to the external
   * network). The floating IP consumes them, which carries the dependency. @default []
   */
  readonly networkReady?: pulumi.Input<pulumi.Input<string>[]>;
  /** The VIP. @default allocated by Neutron and read back from the port's fixed IPs */
  readonly address?: string;
  /** External network to allocate a floating IP from. @default no floating IP */
  readonly floatingIpPool?: string;
}

/** The Kubernetes API VIP: a reserved Neutron port that holds the address, never attached to a server, with an optional floating IP. */
export class ApiVip extends pulumi.ComponentResource {
  /** The VIP (known at preview when given in config). */
  readonly address: pulumi.Output<string>;
  /** The floating IP associated with the VIP port, when a pool was given. */
  readonly floatingIp?: pulumi.Output<string>;
  /** The reserved port; node ports are created after it. */
  readonly port: openstack.networking.Port;

  constructor(name: string, args: ApiVipArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:openstack:ApiVip", name, {}, opts);
    this.port = new openstack.networking.Port(
      `${name}-port`,
      {
        name: `${name}-port`,
        description: "Reserved Kubernetes API VIP; never attached, keepalived moves the address",
        networkId: args.networkId,
        fixedIps: [{ subnetId: args.subnetId, ipAddress: args.address }],
        adminStateUp: true,
        tags: openstackTags(args.clusterName, "api-vip"),
      },
      { parent: this },
    );
    this.address =
      args.address !== undefined ? pulumi.output(args.address) : this.port.allFixedIps.apply((ips) => ips[0]);
    if (args.floatingIpPool !== undefined) {
      const fip = new openstack.networking.FloatingIp(
        `${name}-fip`,
        {
          pool: args.floatingIpPool,
          portId: after(this.port.id, args.networkReady),
          fixedIp: this.address,
          description: "Kubernetes API endpoint (NAT to the VIP)",
          tags: openstackTags(args.clusterName, "api-vip"),
        },
        { parent: this },
      );
      this.floatingIp = fip.address;
    }
    this.registerOutputs({ address: this.address, floatingIp: this.floatingIp });
  }
}
