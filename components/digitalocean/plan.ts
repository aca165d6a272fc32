/**
 * Plain-data decisions derived from the `digitalocean` section: how many gateways, their names,
 * which one is active. Shared by validation, the system module and the tests.
 */
import { DEFAULT_GATEWAY_COUNT_DROPLETS, MANAGED_GATEWAY_NAME } from "./constants";

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
