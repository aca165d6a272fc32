/**
 * NAT gateway droplets in a VPC: each runs the generated NAT setup (cloud-init from ./render), sits
 * behind a cloud firewall, optionally holds a reserved IP that partners allowlist, and is pinged by
 * an uptime check that alerts by email or Slack.
 */
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";
import { natGatewayRenderInput, renderNatCloudInit } from "./render";
import {
  DEFAULT_DROPLET_IMAGE,
  DEFAULT_DROPLET_SIZE,
  NAT_GATEWAY_POOL_TYPE,
  TAG_GATEWAY,
  TAG_POOL_PREFIX,
  TAG_PRODUCTION_PREFIX,
} from "./constants";
import { ensureVpc, type GatewayInfo, type VpcSpec } from "./vpc";
import { parseIpv4 } from "../shared/ip";
import { firewallRules } from "./firewall-rules";
import type { NatDropletPlan } from "./plan";
import { UptimeAlerts, type AlertContacts } from "./uptime-alerts";

export interface NatGatewayPoolArgs {
  /** DigitalOcean region slug, e.g. `fra1`. */
  region: string;
  /** The VPC: existing (id) or created. */
  vpc: VpcSpec;
  /**
   * One droplet per gateway, with its names and its NAT setup (plain: topology; built by
   * planDigitalOcean in ./plan.ts, so names and render input are computed once).
   */
  gateways: NatDropletPlan[];
  /** Droplet size slug. @default "s-1vcpu-1gb" */
  size?: string;
  /** Droplet image slug. @default "debian-12-x64" */
  image?: string;
  /** Known VPC addresses of the gateways (in order); otherwise the droplets' assigned ones. @default assigned */
  privateIps?: string[];
  /** Extra source CIDRs the cloud firewall admits (the DOKS pod CIDR; the NAT setup masquerades them). @default [] */
  extraSourceCidrs?: string[];
  /** Networks the cloud firewall admits to SSH (the NAT setup's host filter lists them too). @default [] (no SSH) */
  adminCidrs?: string[];
  /**
   * DigitalOcean SSH key IDs or fingerprints for root. Without any, DigitalOcean emails a root
   * password, which cloud-init locks. @default [] (no keys)
   */
  sshKeys?: string[];
  /** Give each gateway a protected, retained reserved IP. @default false */
  reservedIps?: boolean;
  /** Who hears about a gateway that stops answering pings. @default no alert */
  alerts?: AlertContacts;
  /** Marks the gateways of a production stack (policy reads the tag). @default false */
  production?: boolean;
}

/** NAT gateway droplets in a VPC, each with the generated NAT setup, a cloud firewall, an optional reserved IP and uptime alerts. */
export class NatGatewayPool extends pulumi.ComponentResource {
  /** The VPC's id (given or created). */
  readonly vpcId: pulumi.Output<string>;
  /** The gateway droplets, in order. */
  readonly droplets: digitalocean.Droplet[];
  /** Each gateway's VPC address, in order (the route gateways). */
  readonly privateIps: pulumi.Output<string>[];
  /** The gateways as the stack outputs describe them. */
  readonly gateways: pulumi.Output<GatewayInfo[]>;
  /** The addresses partners allowlist: the reserved IPs when enabled, else the droplets' own. */
  readonly egressIps: pulumi.Output<string[]>;

  constructor(name: string, args: NatGatewayPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(NAT_GATEWAY_POOL_TYPE, name, {}, opts);
    const extraSourceCidrs = args.extraSourceCidrs ?? [];
    const sshKeys = [...(args.sshKeys ?? [])];
    const poolTag = `${TAG_POOL_PREFIX}${name}`;
    const tags = [TAG_GATEWAY, poolTag, `${TAG_PRODUCTION_PREFIX}${args.production === true}`];
    this.vpcId = ensureVpc(`${name}-vpc`, args.region, args.vpc, this);

    this.droplets = args.gateways.map(
      (gateway) =>
        new digitalocean.Droplet(
          gateway.resourceName,
          {
            name: gateway.resourceName,
            region: args.region,
            size: args.size ?? DEFAULT_DROPLET_SIZE,
            image: args.image ?? DEFAULT_DROPLET_IMAGE,
            vpcUuid: this.vpcId,
            monitoring: true,
            ipv6: false,
            tags,
            // Absent rather than empty: the provider replaces a droplet whose key list changes.
            sshKeys: sshKeys.length > 0 ? sshKeys : undefined,
            userData: renderNatCloudInit(natGatewayRenderInput(gateway.nat)),
          },
          { parent: this },
        ),
    );

    // Applies by tag, so a replaced droplet is covered from its first boot. It must admit every
    // port from the VPC and pod ranges (forwarded traffic); the host input filter guards the
    // droplet's own SSH and health ports.
    new digitalocean.Firewall(
      `${name}-fw`,
      {
        name: `${name}-fw`,
        tags: [poolTag],
        ...firewallRules({
          sourceCidrs: [args.vpc.cidr, ...extraSourceCidrs],
          adminCidrs: args.adminCidrs ?? [],
          // The uptime checks below ping each gateway's public address from DigitalOcean's probes.
          publicPing: true,
        }),
      },
      { parent: this },
    );

    const reserved = args.reservedIps
      ? this.droplets.map((droplet, i) => this.reserveIp(args.gateways[i].resourceName, args.region, droplet))
      : undefined;

    // DigitalOcean assigns a droplet's VPC address and a replaced droplet gets a new one, so routes
    // always use the assigned address; configured privateIps are checked against it, never trusted.
    this.privateIps = this.droplets.map((d, i) =>
      d.ipv4AddressPrivate.apply((assigned) =>
        checkConfiguredPrivateIp(args.gateways[i].name, args.privateIps?.[i], assigned),
      ),
    );
    const publicIps = this.droplets.map((d, i) => reserved?.[i] ?? d.ipv4Address);
    this.egressIps = pulumi.all(publicIps);
    this.gateways = pulumi
      .all([pulumi.all(this.privateIps), this.egressIps])
      .apply(([priv, pub]) =>
        args.gateways.map((gateway, i) => ({ name: gateway.name, privateIp: priv[i], publicIp: pub[i] })),
      );

    new UptimeAlerts(
      `${name}-uptime`,
      {
        targets: args.gateways.map((gateway, i) => ({
          name: gateway.resourceName,
          address: this.droplets[i].ipv4Address,
        })),
        contacts: args.alerts,
      },
      { parent: this },
    );

    this.registerOutputs({ vpcId: this.vpcId, gateways: this.gateways, egressIps: this.egressIps });
  }

  /**
   * Partners allowlist the reserved IP, so it must outlive mistakes: protected against deletion and
   * retained in the account even when removed from the stack. The assignment is ordinary.
   */
  private reserveIp(
    resourceName: string,
    region: string,
    droplet: digitalocean.Droplet,
  ): pulumi.Output<string> {
    const ip = new digitalocean.ReservedIp(
      `${resourceName}-ip`,
      { region },
      { parent: this, protect: true, retainOnDelete: true },
    );
    new digitalocean.ReservedIpAssignment(
      `${resourceName}-ip-assignment`,
      // Droplet ids are numeric strings in state; the assignment takes a number.
      { ipAddress: ip.ipAddress, dropletId: droplet.id.apply((id) => Number(id)) },
      { parent: this },
    );
    return ip.ipAddress;
  }
}

/**
 * The assigned VPC address, or an error when config pinned a different one: routes through a stale
 * address would silently drop partner egress.
 */
export function checkConfiguredPrivateIp(
  gateway: string,
  configured: string | undefined,
  assigned: string,
): string {
  // Only a real address is compared (a value this program cannot know yet cannot be checked).
  if (configured !== undefined && parseIpv4(assigned) !== undefined && configured !== assigned) {
    throw new Error(
      `gateway ${gateway} has VPC address ${assigned}, but failover-stacks:digitalocean.gateways.privateIps ` +
        `says ${configured}. Fix: set it to ${assigned} (a replaced droplet gets a new address) or remove it.`,
    );
  }
  return assigned;
}
