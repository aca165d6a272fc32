/** Fixed names and values of the DigitalOcean egress system, shared by config, components and policy. */

/** The operator release this repo renders manifests for (upstream v1.0.0). */
export const OPERATOR_IMAGE = "digitalocean/k8s-staticroute-operator:v1.0.0";
/** Upstream advises 30-60 s for every node to drop its route after a StaticRoute is deleted. */
export const DEFAULT_SETTLE_SECONDS = 45;
export const DEFAULT_GATEWAY_COUNT_DROPLETS = 2;
export const MANAGED_GATEWAY_NAME = "managed";

/** Defaults the `digitalocean` schema fills in and the components fall back to: one constant each. */
export const DEFAULT_DROPLET_SIZE = "s-1vcpu-1gb";
export const DEFAULT_DROPLET_IMAGE = "debian-12-x64";
export const DEFAULT_HEALTH_PORT = 8080;
/** Capacity units of a managed VPC NAT gateway. */
export const DEFAULT_MANAGED_SIZE = 1;
/** A created cluster's control plane is not highly available unless asked (it costs extra). */
export const DEFAULT_CLUSTER_HA = false;

/**
 * Droplet tags the policy pack reads. DigitalOcean tags allow letters, digits, `:`, `-` and `_`.
 * `failover-production:true` marks gateways of a production stack (the global `production` flag),
 * `failover-pool:<name>` groups the gateways of one pool.
 */
export const TAG_GATEWAY = "failover-nat-gateway";
export const TAG_PRODUCTION_PREFIX = "failover-production:";
export const TAG_POOL_PREFIX = "failover-pool:";

export const STATIC_ROUTE_TYPE = "kubernetes:networking.digitalocean.com/v1:StaticRoute";
export const RESERVED_IP_TYPE = "digitalocean:index/reservedIp:ReservedIp";
export const DROPLET_TYPE = "digitalocean:index/droplet:Droplet";
export const NAT_GATEWAY_POOL_TYPE = "failover:digitalocean:NatGatewayPool";
export const MANAGED_NAT_GATEWAY_TYPE = "failover:digitalocean:ManagedNatGateway";
export const VPC_NAT_GATEWAY_TYPE = "digitalocean:index/vpcNatGateway:VpcNatGateway";
