/**
 * LbRenderInput builders for the renderer tests and the network-namespace failover test: one
 * input per LB of a pair, exactly the way the component builds them (self + every other LB as a
 * peer), with documentation addresses.
 */
import type { ApiServer, LbPaths, LbRenderInput, TimingProfileName } from "../../components/openstack/render";

export interface PairOptions {
  readonly lbCount?: number;
  readonly timing?: TimingProfileName;
  readonly authPassword?: string;
  readonly interfaceName?: string | ((index: number) => string);
  readonly scriptUser?: string;
  readonly vip?: string;
  /** LB i (0-based) gets this address. */
  readonly lbAddress?: (index: number) => string;
  readonly apiServers?: readonly ApiServer[];
  /** LB i's VRRP priority. @default 200 - 10·i */
  readonly priority?: (index: number) => number;
  /** Per-LB path overrides (tests run several LBs on one filesystem). */
  readonly paths?: (index: number) => Partial<LbPaths>;
}

export const TEST_VIP = "192.0.2.10";

export function testApiServers(count = 3): ApiServer[] {
  return Array.from({ length: count }, (_, i) => ({ name: `cp-${i + 1}`, address: `192.0.2.${21 + i}` }));
}

/** One LbRenderInput per LB; LB i has priority 200 - 10·i unless `priority` says otherwise. */
export function pairInputs(options: PairOptions = {}): LbRenderInput[] {
  const count = options.lbCount ?? 2;
  const lbs = Array.from({ length: count }, (_, i) => ({
    name: `demo-api-lb-${i + 1}`,
    address: options.lbAddress?.(i) ?? `192.0.2.${11 + i}`,
    priority: options.priority?.(i) ?? 200 - 10 * i,
  }));
  return lbs.map((self, i) => ({
    clusterName: "demo",
    vip: options.vip ?? TEST_VIP,
    interfaceName:
      typeof options.interfaceName === "function"
        ? options.interfaceName(i)
        : (options.interfaceName ?? "ens3"),
    virtualRouterId: 51,
    self,
    peers: lbs.filter((lb) => lb !== self),
    apiServers: options.apiServers ?? testApiServers(),
    apiPort: 6443,
    timing: options.timing ?? "fast",
    ...(options.authPassword === undefined ? {} : { authPassword: options.authPassword }),
    scriptUser: options.scriptUser ?? "keepalived_script",
    ...(options.paths ? { paths: options.paths(i) } : {}),
  }));
}
