/**
 * DigitalOcean's managed VPC NAT gateway in place of gateway droplets, with the same outputs as
 * NatGatewayPool. It is not made the VPC's default gateway: only the route sets send traffic to it.
 */
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_MANAGED_SIZE, MANAGED_NAT_GATEWAY_TYPE } from "./constants";
import type { GatewayPlan } from "./plan";
import { ensureVpc, type GatewayInfo, type VpcSpec } from "./vpc";
import { UptimeAlerts, type AlertContacts } from "./uptime-alerts";

export interface ManagedNatGatewayArgs {
  /** DigitalOcean region slug. */
  region: string;
  /** The VPC: existing (id) or created. */
  vpc: VpcSpec;
  /** The gateway's names from the plan: `name` in outputs, `resourceName` for its uptime check. */
  gateway: GatewayPlan;
  /** Capacity units of the NAT gateway. @default 1 */
  size?: number;
  /** The gateway's VPC address, when it should be fixed. @default assigned by DigitalOcean */
  privateIp?: string;
  /** Who hears about an egress address that stops answering pings. @default no alert */
  alerts?: AlertContacts;
}

/** DigitalOcean's managed VPC NAT gateway instead of gateway droplets, with the same outputs as NatGatewayPool. */
export class ManagedNatGateway extends pulumi.ComponentResource {
  /** The VPC's id (given or created). */
  readonly vpcId: pulumi.Output<string>;
  /** The managed VPC NAT gateway. */
  readonly natGateway: digitalocean.VpcNatGateway;
  /** The gateway's VPC address (the route gateway), as a one-element list like NatGatewayPool. */
  readonly privateIps: pulumi.Output<string>[];
  /** The gateway as the stack outputs describe it (one element). */
  readonly gateways: pulumi.Output<GatewayInfo[]>;
  /** The public addresses partners allowlist. */
  readonly egressIps: pulumi.Output<string[]>;

  constructor(name: string, args: ManagedNatGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MANAGED_NAT_GATEWAY_TYPE, name, {}, opts);
    this.vpcId = ensureVpc(`${name}-vpc`, args.region, args.vpc, this);
    this.natGateway = new digitalocean.VpcNatGateway(
      `${name}-nat`,
      {
        name: `${name}-nat`,
        type: "PUBLIC",
        region: args.region,
        size: args.size ?? DEFAULT_MANAGED_SIZE,
        vpcs: [{ vpcUuid: this.vpcId, defaultGateway: false, gatewayIp: args.privateIp }],
      },
      { parent: this },
    );
    const privateIp = this.natGateway.vpcs.apply((vpcs) => {
      const address = vpcs[0]?.gatewayIp;
      if (!address) throw new Error(`${name}: the VPC NAT gateway reported no VPC address`);
      return address;
    });
    this.privateIps = [args.privateIp ? pulumi.output(args.privateIp) : privateIp];
    // Partners allowlist these: an empty list would silently allowlist nothing, so it is an error.
    this.egressIps = this.natGateway.egresses.apply((egresses) => {
      const ips = egresses.flatMap((e) => (e.publicGateways ?? []).flatMap((g) => (g.ipv4 ? [g.ipv4] : [])));
      if (ips.length === 0) throw new Error(`${name}: the VPC NAT gateway reported no public egress address`);
      return ips;
    });
    this.gateways = pulumi
      .all([this.privateIps[0], this.egressIps])
      .apply(([priv, pub]) => [{ name: args.gateway.name, privateIp: priv, publicIp: pub[0] }]);
    new UptimeAlerts(
      `${name}-uptime`,
      {
        targets: [{ name: args.gateway.resourceName, address: this.egressIps.apply((ips) => ips[0]) }],
        contacts: args.alerts,
      },
      { parent: this },
    );
    this.registerOutputs({ vpcId: this.vpcId, gateways: this.gateways, egressIps: this.egressIps });
  }
}
