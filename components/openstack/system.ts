/**
 * The `openstack` system: a Kubernetes API VIP on OpenStack (reserved VIP port, keepalived +
 * HAProxy pair, control plane). Credentials come from the standard `openstack:*` provider config
 * or OS_* environment, so the section holds no provider settings. See docs/openstack-api-vip.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { problem } from "../shared/config-errors";
import { defineSystem } from "../shared/system";
import { openstackOutputSchemas } from "./outputs";
import { ApiVip } from "./api-vip";
import { openstackSchema, type OpenstackConfig } from "./config";
import { ControlPlane } from "./control-plane";
import { ClusterNetwork } from "./network";
import { API_PORT, LoadBalancerPair } from "./load-balancer-pair";
import { defaultPriorities, gatewayOf } from "./validate";
import { vrrpTrustProblems } from "./vrrp-trust";
import { WorkerPool } from "./workers";

export interface OpenstackOutputs {
  /** The VIP on the subnet. */
  readonly apiVip: pulumi.Output<string>;
  /** `https://<floating IP or VIP>:6443`. */
  readonly apiEndpoint: pulumi.Output<string>;
  /** The floating IP NATed to the VIP, or null without a pool. */
  readonly floatingIp: pulumi.Output<string> | null;
  readonly loadBalancerIps: pulumi.Output<string[]>;
  readonly controlPlaneIps: pulumi.Output<string[]>;
}

interface SubnetRef {
  readonly networkId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  /** Ids of what a created network needs before floating IPs and booting servers (see ClusterNetwork). */
  readonly ready: pulumi.Output<string>[];
}

/** The existing network and subnet, or a created one. */
function subnetOf(config: OpenstackConfig): SubnetRef {
  const { network, clusterName } = config;
  if (network.networkId !== undefined && network.subnetId !== undefined) {
    return { networkId: network.networkId, subnetId: network.subnetId, ready: [] };
  }
  const gateway = gatewayOf(network);
  if (gateway === undefined)
    throw new Error(`network.cidr ${network.cidr} passed validation but has no gateway`);
  const created = new ClusterNetwork(clusterName, {
    clusterName,
    cidr: network.cidr,
    gateway,
    dnsNameservers: network.dnsNameservers,
    externalNetworkId: network.externalNetworkId,
    reserved: [
      ...(config.vip !== undefined ? [config.vip] : []),
      ...(config.loadBalancers.fixedIps ?? []),
      ...(config.controlPlane.fixedIps ?? []),
    ],
  });
  return { networkId: created.networkId, subnetId: created.subnetId, ready: [created.ready] };
}

export function deployOpenstack(config: OpenstackConfig): OpenstackOutputs {
  const name = config.clusterName;
  const { ready, ...subnet } = subnetOf(config);
  const vip = new ApiVip(`${name}-api-vip`, {
    clusterName: name,
    ...subnet,
    networkReady: ready,
    address: config.vip,
    floatingIpPool: config.floatingIpPool,
  });
  const controlPlane = new ControlPlane(`${name}-cp`, {
    clusterName: name,
    ...subnet,
    controlPlane: config.controlPlane,
    keyPair: config.keyPair,
    adminCidrs: config.adminCidrs,
    portsAfter: [vip.port.id, ...ready],
  });
  const lbs = new LoadBalancerPair(`${name}-api-lb`, {
    clusterName: name,
    ...subnet,
    vip: vip.address,
    count: config.loadBalancers.count,
    image: config.loadBalancers.image,
    flavor: config.loadBalancers.flavor,
    fixedIps: config.loadBalancers.fixedIps,
    priorities: config.loadBalancers.priorities ?? defaultPriorities(config.loadBalancers.count),
    interfaceName: config.loadBalancers.interfaceName,
    virtualRouterId: config.loadBalancers.virtualRouterId,
    timing: config.timing,
    vrrpAuth: config.vrrpAuth,
    clientCidrs: config.clientCidrs,
    clientGroupIds: [controlPlane.securityGroupId],
    adminCidrs: config.adminCidrs,
    keyPair: config.keyPair,
    apiServers: controlPlane.apiServers,
    backendSecurityGroupId: controlPlane.securityGroupId,
    // Servers boot only once the subnet is routed: cloud-init installs keepalived and haproxy.
    portsAfter: [vip.port.id, ...ready],
  });
  if (config.workers !== undefined) {
    new WorkerPool(`${name}-workers`, {
      clusterName: name,
      ...subnet,
      workers: config.workers,
      apiSecurityGroupId: lbs.securityGroupId,
      controlPlaneSecurityGroupId: controlPlane.securityGroupId,
      keyPair: config.keyPair,
      adminCidrs: config.adminCidrs,
      // Allocated addresses come last, so they can never take a pinned one.
      portsAfter: pulumi
        .all([pulumi.all([vip.port.id, ...ready]), controlPlane.portIds, lbs.portIds])
        .apply((groups) => groups.flat()),
    });
  }
  const publicAddress = vip.floatingIp ?? vip.address;
  return {
    apiVip: vip.address,
    apiEndpoint: pulumi.interpolate`https://${publicAddress}:${API_PORT}`,
    floatingIp: vip.floatingIp ?? null,
    loadBalancerIps: lbs.addresses,
    controlPlaneIps: controlPlane.addresses,
  };
}

export const openstackSystem = defineSystem({
  section: "openstack",
  title: "OpenStack Kubernetes API VIP (keepalived + HAProxy pair, control plane)",
  schema: openstackSchema,
  outputs: openstackOutputSchemas,
  crossCheck: (config, settings) => [
    ...(settings.production && config.devSingleControlPlane
      ? [
          {
            path: ["devSingleControlPlane"],
            message: problem(
              "production stacks must not allow a single control-plane node",
              "remove devSingleControlPlane and use 3 or 5 control-plane nodes",
            ),
          },
        ]
      : []),
    ...vrrpTrustProblems(config, settings.production),
  ],
  deploy: (config) => deployOpenstack(config),
});
