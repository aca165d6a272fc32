/**
 * Plain-data decisions derived from the `digitalocean` section: how many gateways, their names,
 * which one is active, and what each gateway droplet renders. Shared by validation, the system
 * module and the tests; every name is computed here once and passed down.
 */
import { healthSources } from "./access";
import { DEFAULT_GATEWAY_COUNT_DROPLETS, MANAGED_GATEWAY_NAME } from "./constants";
import { natGatewayRenderInput, type NatGatewaySetup } from "./render/model";

/** The part of the config these helpers read (structural, so validation can call them pre-parse). */
export interface GatewayPlanInput {
  readonly mode: "droplets" | "managed";
  readonly gateways: { readonly count?: number; readonly names?: readonly string[] };
  readonly activeGateway: number | string;
}

export function gatewayCount(config: GatewayPlanInput): number {
  if (config.mode === "managed") return 1;
  return config.gateways.count ?? config.gateways.names?.length ?? DEFAULT_GATEWAY_COUNT_DROPLETS;
}

/** Gateway names: the configured ones, or gw-1..gw-N (managed mode: `managed`). */
export function gatewayNames(config: GatewayPlanInput): string[] {
  if (config.mode === "managed")
    return config.gateways.names ? [...config.gateways.names] : [MANAGED_GATEWAY_NAME];
  if (config.gateways.names) return [...config.gateways.names];
  return Array.from({ length: gatewayCount(config) }, (_, i) => `gw-${i + 1}`);
}

/** Index of the active gateway, or undefined when it names no gateway. */
export function activeGatewayIndex(config: GatewayPlanInput): number | undefined {
  const names = gatewayNames(config);
  const active = config.activeGateway;
  if (typeof active === "number") return active < names.length ? active : undefined;
  const index = names.indexOf(active);
  return index >= 0 ? index : undefined;
}

/** `<environment>-egress`: the name of the stack's egress components and the prefix of their resources. */
export function egressBase(environment: string): string {
  return `${environment}-egress`;
}

/** A gateway's names. */
export interface GatewayPlan {
  /** The config's name (`gw-1`, or from gateways.names): outputs, StaticRoute names, activeGateway. */
  readonly name: string;
  /**
   * `<environment>-egress-<name>`: the droplet's name (its host name, at most 63 characters, see
   * ./derived-names.ts), the prefix of its resources' names and the name of its uptime check.
   */
  readonly resourceName: string;
}

/** A gateway droplet: its names and what its cloud-init renders. */
export interface NatDropletPlan extends GatewayPlan {
  /** The droplet's NAT setup (checked by natGatewayRenderInput when planned and when rendered). */
  readonly nat: NatGatewaySetup;
}

export function planGateways(config: GatewayPlanInput, environment: string): GatewayPlan[] {
  const base = egressBase(environment);
  return gatewayNames(config).map((name) => ({ name, resourceName: `${base}-${name}` }));
}

export interface DigitalOceanPlan {
  /** Name of the gateway, cluster, operator and route components (`<environment>-egress`). */
  readonly base: string;
  readonly gateways: readonly GatewayPlan[];
  /** Index in `gateways` of the one the StaticRoutes point at. */
  readonly activeIndex: number;
  /** Droplet mode: one per gateway, in order. Managed mode: none. */
  readonly droplets: NatDropletPlan[];
}

/** What planDigitalOcean reads; the parsed section (DigitalOceanConfig) satisfies it. */
export interface DigitalOceanPlanInput extends GatewayPlanInput {
  readonly gateways: GatewayPlanInput["gateways"] & {
    readonly healthPort: number;
    readonly healthCidrs?: readonly string[];
  };
  readonly vpc: { readonly cidr: string };
  readonly cluster: { readonly podCidr: string };
  readonly adminCidrs: readonly string[];
  readonly reservedIps: boolean;
}

/**
 * The plan of a validated section. The render inputs are checked here, once per droplet, from values
 * the config schema already checked with the same types; a failure would be a bug, and it is thrown
 * before any resource is registered. The plan keeps the plain data (NatGatewayPool takes data, so a
 * program in another language can pass it) and NatGatewayPool parses it again to render.
 */
export function planDigitalOcean(config: DigitalOceanPlanInput, environment: string): DigitalOceanPlan {
  const gateways = planGateways(config, environment);
  const droplets =
    config.mode === "managed"
      ? []
      : gateways.map((gateway) => ({
          ...gateway,
          nat: checkedSetup({
            name: gateway.resourceName,
            vpcCidr: config.vpc.cidr,
            extraSourceCidrs: [config.cluster.podCidr],
            healthPort: config.gateways.healthPort,
            adminCidrs: [...config.adminCidrs],
            healthCidrs: healthSources(config.gateways.healthCidrs, config.vpc.cidr),
            egressViaReservedIp: config.reservedIps,
          }),
        }));
  return {
    base: egressBase(environment),
    gateways,
    // Validation guarantees the active gateway exists.
    activeIndex: activeGatewayIndex(config) ?? 0,
    droplets,
  };
}

/** The setup, after natGatewayRenderInput accepted it (it throws, listing every problem, otherwise). */
function checkedSetup(setup: NatGatewaySetup): NatGatewaySetup {
  natGatewayRenderInput(setup);
  return setup;
}
