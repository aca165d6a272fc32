/** The VPC the gateways (and a created DOKS cluster) live in: an existing one by id, or a new one. */
import * as digitalocean from "@pulumi/digitalocean";
import * as pulumi from "@pulumi/pulumi";

/** The gateways' VPC: an existing one by id, or one to create. */
export interface VpcSpec {
  /** ID of an existing VPC; when absent a VPC is created. */
  readonly id?: string;
  /** Name of the VPC to create. */
  readonly name: string;
  /** The VPC's IPv4 range. */
  readonly cidr: string;
}

/** Returns the VPC id, creating the VPC (as a child of `parent`) when no id is given. */
export function ensureVpc(
  resourceName: string,
  region: string,
  spec: VpcSpec,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  if (spec.id) return pulumi.output(spec.id);
  const vpc = new digitalocean.Vpc(
    resourceName,
    { name: spec.name, region, ipRange: spec.cidr, description: "NAT egress gateways (failover-stacks)" },
    { parent },
  );
  return vpc.id;
}

/** One gateway as the stack outputs describe it. */
export interface GatewayInfo {
  /** The gateway's name from the config (`gw-1`, or from gateways.names). */
  readonly name: string;
  /** Its VPC address (the route gateway). */
  readonly privateIp: string;
  /** Its public egress address (the reserved IP when enabled). */
  readonly publicIp: string;
}
