/**
 * Defaults and a last-line check of LbRenderInput. The config schema validates user input with
 * clear messages long before this; the check here only guarantees that nothing the renderers put
 * into keepalived.conf / haproxy.cfg / a shell script can break their syntax (defence in depth).
 */
import { parseIpv4 } from "../../shared/ip";
import { INTERFACE_NAME } from "../../shared/zod-net";
import type { LbPaths, LbRenderInput } from "./model";

export const DEFAULT_SCRIPT_USER = "keepalived_script";
export const DEFAULT_API_PORT = 6443;

export const DEFAULT_LB_PATHS: LbPaths = {
  keepalivedConf: "/etc/keepalived/keepalived.conf",
  haproxyCfg: "/etc/haproxy/haproxy.cfg",
  checkScript: "/etc/keepalived/check_haproxy_frontend.sh",
  haproxyStatsSocket: "/run/haproxy/admin.sock",
  haproxyBinary: "/usr/sbin/haproxy",
  haproxyChroot: "/var/lib/haproxy",
  haproxyPidFile: "/run/haproxy.pid",
  haproxyMasterSocket: "/run/haproxy-master.sock",
  processFeedProbe: "/etc/keepalived/failover-stacks/process-feed-probe.py",
  trackProcessSourceDir: "/etc/keepalived/failover-stacks",
  trackProcessActiveDir: "/run/keepalived-failover-stacks",
};

export function lbPaths(input: LbRenderInput): LbPaths {
  return { ...DEFAULT_LB_PATHS, ...input.paths };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const PASSWORD = /^[A-Za-z0-9]{1,8}$/;
const PATH = /^\/[A-Za-z0-9_./+-]*$/;

function fail(what: string): never {
  throw new Error(`LB render input: ${what}`);
}

function checkAddress(label: string, text: string): void {
  if (!parseIpv4(text)) fail(`${label} "${text}" is not an IPv4 address`);
}

/** Throws when the input could produce a broken or ambiguous config. Returns the input. */
export function checkLbRenderInput(input: LbRenderInput): LbRenderInput {
  if (!NAME.test(input.clusterName)) fail(`clusterName "${input.clusterName}" is not a simple name`);
  if (!INTERFACE_NAME.test(input.interfaceName))
    fail(`interfaceName "${input.interfaceName}" is not an interface name`);
  if (!USER.test(input.scriptUser)) fail(`scriptUser "${input.scriptUser}" is not a user name`);
  checkAddress("vip", input.vip);
  if (!Number.isInteger(input.virtualRouterId) || input.virtualRouterId < 1 || input.virtualRouterId > 255) {
    fail(`virtualRouterId ${input.virtualRouterId} is not in 1..255`);
  }
  if (!Number.isInteger(input.apiPort) || input.apiPort < 1 || input.apiPort > 65535) {
    fail(`apiPort ${input.apiPort} is not a TCP port`);
  }
  if (input.authPassword !== undefined && !PASSWORD.test(input.authPassword)) {
    fail("authPassword must be 1..8 characters [A-Za-z0-9]");
  }
  const lbs = [input.self, ...input.peers];
  if (input.peers.length === 0) fail("a pair needs at least one peer");
  for (const lb of lbs) {
    if (!NAME.test(lb.name)) fail(`LB name "${lb.name}" is not a simple name`);
    checkAddress(`LB ${lb.name} address`, lb.address);
    if (!Number.isInteger(lb.priority) || lb.priority < 1 || lb.priority > 254) {
      fail(`LB ${lb.name} priority ${lb.priority} is not in 1..254 (255 is reserved for the address owner)`);
    }
  }
  if (new Set(lbs.map((lb) => lb.address)).size !== lbs.length) fail("LB addresses are not distinct");
  if (new Set(lbs.map((lb) => lb.priority)).size !== lbs.length) fail("LB priorities are not distinct");
  if (lbs.some((lb) => lb.address === input.vip)) fail("the VIP equals an LB address");
  if (input.apiServers.length === 0) fail("no API servers");
  for (const server of input.apiServers) {
    if (!NAME.test(server.name)) fail(`API server name "${server.name}" is not a simple name`);
    checkAddress(`API server ${server.name} address`, server.address);
  }
  if (new Set(input.apiServers.map((s) => s.name)).size !== input.apiServers.length) {
    fail("API server names are not distinct");
  }
  for (const [key, value] of Object.entries(lbPaths(input)) as [string, string][]) {
    if (value !== "" && !PATH.test(value)) fail(`path ${key} "${value}" is not a plain absolute path`);
  }
  return input;
}
