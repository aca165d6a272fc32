/**
 * The load balancer's edge: the global VIP, the certificates it presents, and the firewall rule
 * that lets Google's health checkers reach the pods. Plain functions registering children.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { FleetContext } from "./fleet";

/** Google's load-balancer health checkers and proxies (the GFEs) come from these ranges. */
export const HEALTH_CHECK_RANGES = ["130.211.0.0/22", "35.191.0.0/16"] as const;

export interface StaticIpArgs {
  /** Reserve the address here; false uses an existing one when `name` is set. */
  readonly create: boolean;
  /** Address name. @default "<prefix>-vip" */
  readonly name?: string;
}

export interface StaticIp {
  /** Name of the global address (the Gateway's NamedAddress). */
  readonly name: string;
  /** The IP (the MCI's static-ip annotation, the ingressVip output). */
  readonly address: pulumi.Output<string>;
  readonly resource: gcp.compute.GlobalAddress;
}

export function staticIp(ctx: FleetContext, args: StaticIpArgs, protect: boolean): StaticIp | undefined {
  const name = args.name ?? `${ctx.prefix}-vip`;
  if (args.create) {
    const resource = new gcp.compute.GlobalAddress(
      name,
      { project: ctx.project, name, addressType: "EXTERNAL", ipVersion: "IPV4" },
      // The VIP is what DNS and clients know: losing it is an outage, so production protects it.
      { parent: ctx.parent, protect },
    );
    return { name, address: resource.address, resource };
  }
  if (args.name === undefined) return undefined;
  const resource = gcp.compute.GlobalAddress.get(
    name,
    `projects/${ctx.project}/global/addresses/${name}`,
    undefined,
    {
      parent: ctx.parent,
    },
  );
  return { name, address: resource.address, resource };
}

export interface SelfManagedCert {
  /** Compute SSL certificate name. */
  readonly name: string;
  /** PEM certificate chain. */
  readonly certificate: pulumi.Input<string>;
  /** PEM private key; made secret here whatever the caller passes. */
  readonly privateKey: pulumi.Input<string>;
}

export interface TlsArgs {
  /** Existing Compute SSL certificates, by name. @default [] */
  readonly preSharedCerts?: readonly string[];
  /** Domains of one Google-managed certificate. @default [] */
  readonly managedDomains?: readonly string[];
  /** Certificates uploaded from PEM. @default [] */
  readonly selfManaged?: readonly SelfManagedCert[];
}

/** Creates the certificates and returns every certificate name the load balancer presents. */
export function certificates(ctx: FleetContext, tls: TlsArgs | undefined): pulumi.Output<string[]> {
  if (!tls) return pulumi.output([]);
  const names: pulumi.Input<string>[] = [...(tls.preSharedCerts ?? [])];
  if ((tls.managedDomains ?? []).length > 0) {
    const managed = new gcp.compute.ManagedSslCertificate(
      `${ctx.prefix}-managed-cert`,
      {
        project: ctx.project,
        name: `${ctx.prefix}-managed-cert`,
        type: "MANAGED",
        managed: { domains: [...(tls.managedDomains ?? [])] },
      },
      { parent: ctx.parent },
    );
    names.push(managed.name);
  }
  for (const cert of tls.selfManaged ?? []) {
    const uploaded = new gcp.compute.SSLCertificate(
      cert.name,
      {
        project: ctx.project,
        name: cert.name,
        certificate: cert.certificate,
        privateKey: pulumi.secret(cert.privateKey),
      },
      { parent: ctx.parent },
    );
    names.push(uploaded.name);
  }
  return pulumi.all(names);
}

export interface HealthCheckFirewallArgs {
  /** VPC network (name or self link) of the member clusters. */
  readonly network: string;
  /** Pod ports: the serving port and the health-check port. */
  readonly ports: readonly number[];
  /** Node tags; empty applies to every instance in the network. */
  readonly targetTags: readonly string[];
}

export function healthCheckFirewall(ctx: FleetContext, args: HealthCheckFirewallArgs): gcp.compute.Firewall {
  const ports = [...new Set(args.ports)].sort((a, b) => a - b).map(String);
  return new gcp.compute.Firewall(
    `${ctx.prefix}-lb-health-checks`,
    {
      project: ctx.project,
      name: `${ctx.prefix}-lb-health-checks`,
      description: "Google load-balancer health checks and proxies to the multi-cluster ingress backends",
      network: args.network,
      direction: "INGRESS",
      sourceRanges: [...HEALTH_CHECK_RANGES],
      allows: [{ protocol: "tcp", ports }],
      ...(args.targetTags.length > 0 ? { targetTags: [...args.targetTags] } : {}),
    },
    { parent: ctx.parent },
  );
}
