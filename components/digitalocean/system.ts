/**
 * The `digitalocean` system: NAT egress gateways (droplets or managed), the DOKS cluster, and the
 * routes that send partner destinations through the gateways (static-route operator with a
 * config-driven failover, or the DOKS routing agent). See docs/digitalocean-egress.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { defineSystem } from "../shared/system";
import { EgressRoutes, type RouteSummary } from "./egress-routes";
import { RoutingAgentRoutes } from "./routing-agent-routes";
import { StaticRouteOperator } from "./static-route-operator";
import { digitaloceanSchema, operatorDigestIssues, type DigitalOceanConfig } from "./config";
import { EgressCluster } from "./egress-cluster";
import { ManagedNatGateway } from "./managed-nat-gateway";
import { NatGatewayPool } from "./nat-gateway-pool";
import { digitaloceanOutputSchemas } from "./outputs";
import { planDigitalOcean, type DigitalOceanPlan } from "./plan";
import { checkDerivedNames } from "./derived-names";
import { checkProduction } from "./validate";
import type { GatewayInfo } from "./vpc";
import type { GlobalSettings } from "../shared/settings";

export interface DigitalOceanOutputs {
  /** The addresses partners allowlist. */
  readonly egressIps: pulumi.Output<string[]>;
  readonly gateways: pulumi.Output<GatewayInfo[]>;
  /** The gateway the StaticRoutes use; null with the routing agent (it uses every gateway). */
  readonly activeGateway: pulumi.Output<GatewayInfo | null>;
  readonly routes: pulumi.Output<RouteSummary[]>;
}

function deployGateways(config: DigitalOceanConfig, settings: GlobalSettings, plan: DigitalOceanPlan) {
  const base = plan.base;
  const vpc = { id: config.vpc.id, name: config.vpc.name ?? base, cidr: config.vpc.cidr };
  const alerts = {
    emails: config.alerts.emails,
    slack: config.alerts.slack && {
      channel: config.alerts.slack.channel,
      url: pulumi.secret(config.alerts.slack.url),
    },
  };
  if (config.mode === "managed") {
    return new ManagedNatGateway(base, {
      region: config.region,
      vpc,
      gateway: plan.gateways[0],
      size: config.gateways.managedSize,
      privateIp: config.gateways.privateIps?.[0],
      alerts,
    });
  }
  return new NatGatewayPool(base, {
    region: config.region,
    vpc,
    gateways: plan.droplets,
    size: config.gateways.size,
    image: config.gateways.image,
    privateIps: config.gateways.privateIps,
    extraSourceCidrs: [config.cluster.podCidr],
    adminCidrs: config.adminCidrs,
    sshKeys: config.sshKeys,
    reservedIps: config.reservedIps,
    alerts,
    production: settings.production,
  });
}

export function deployDigitalOcean(
  config: DigitalOceanConfig,
  settings: GlobalSettings,
): DigitalOceanOutputs {
  const plan = planDigitalOcean(config, settings.environment);
  const base = plan.base;
  const pool = deployGateways(config, settings, plan);
  const cluster = new EgressCluster(`${base}-cluster`, {
    name: config.cluster.name,
    region: config.region,
    vpcId: pool.vpcId,
    create: config.cluster.create,
    kubeconfig:
      config.cluster.kubeconfig === undefined ? undefined : pulumi.secret(config.cluster.kubeconfig),
    context: config.cluster.context,
    podCidr: config.cluster.podCidr,
    serviceCidr: config.cluster.serviceCidr,
    routingAgent: config.backend === "routing-agent",
    tags: [`failover-environment:${settings.environment}`],
  });
  const k8sOpts = { providers: [cluster.provider] };

  if (config.backend === "routing-agent") {
    const routes = new RoutingAgentRoutes(
      `${base}-routes`,
      { routeSets: config.routeSets, gateways: pool.privateIps },
      k8sOpts,
    );
    return {
      egressIps: pool.egressIps,
      gateways: pool.gateways,
      activeGateway: pulumi.output(null),
      routes: routes.routes,
    };
  }

  const active = plan.activeIndex;
  const operator = new StaticRouteOperator(
    `${base}-operator`,
    { digest: config.operator.digest, production: settings.production },
    k8sOpts,
  );
  const routes = new EgressRoutes(
    `${base}-routes`,
    {
      routeSets: config.routeSets,
      activeGateway: { name: plan.gateways[active].name, address: pool.privateIps[active] },
      settleSeconds: config.settleSeconds,
    },
    // Routes depend on the operator, so a destroy removes them while it still runs.
    { ...k8sOpts, dependsOn: [operator.daemonSet] },
  );
  return {
    egressIps: pool.egressIps,
    gateways: pool.gateways,
    activeGateway: pool.gateways.apply((gateways) => gateways[active]),
    routes: routes.routes,
  };
}

export const digitaloceanSystem = defineSystem({
  section: "digitalocean",
  title: "DigitalOcean NAT egress: gateway droplets or managed NAT, static routes with reviewed failover",
  schema: digitaloceanSchema,
  outputs: digitaloceanOutputSchemas,
  crossCheck: (config, settings) => [
    ...checkProduction(config, settings.production),
    ...operatorDigestIssues(config, settings.production),
    ...checkDerivedNames(config, settings.environment),
  ],
  deploy: deployDigitalOcean,
});
