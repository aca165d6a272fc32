/**
 * OPENSHIFT_HA_* env for one instance, exactly as the image reads it (conf/settings.sh and
 * lib/config-generators.sh). Every variable whose image default is surprising is written out.
 */
import { vrrpInstanceCount, type IpFailoverInstance } from "../config";
import { expandVips, renderVipList } from "../vips";

/** Where the ConfigMap with the scripts is mounted (the path the OpenShift docs use). */
export const SCRIPT_DIR = "/etc/keepalive";
export const CHECK_SCRIPT_FILE = "check.sh";
export const NOTIFY_SCRIPT_FILE = "notify.sh";

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export function preemptionValue(preemption: IpFailoverInstance["preemption"]): string {
  return "nopreempt" in preemption ? "nopreempt" : `preempt_delay ${preemption.preemptDelay}`;
}

export function renderIpFailoverEnv(instance: IpFailoverInstance): EnvVar[] {
  const env: Array<[string, string | undefined]> = [
    ["CONFIG_NAME", instance.name],
    // Canonical list: no spaces, no prefixes, ranges only over the last octet, order kept.
    ["VIRTUAL_IPS", renderVipList(expandVips(instance.virtualIps))],
    // Always explicit: equals the VRRP instance count, which the image derives the same way.
    ["VIP_GROUPS", String(vrrpInstanceCount(instance))],
    ["NETWORK_INTERFACE", instance.interface],
    // With a check script the image ignores the port; 0 says so instead of showing a dead value.
    ["MONITOR_PORT", String(instance.checkScript !== undefined ? 0 : (instance.monitorPort ?? 0))],
    // Explicit: the image's default changed from 0 to 10 between releases.
    ["VRRP_ID_OFFSET", String(instance.vrrpIdOffset)],
    ["REPLICA_COUNT", String(instance.replicas)],
    // Read by nothing in the image; kept consistent for humans. Unicast is on iff peers are set.
    ["USE_UNICAST", instance.unicastPeers.length > 0 ? "true" : "false"],
    ["UNICAST_PEERS", instance.unicastPeers.length > 0 ? instance.unicastPeers.join(",") : undefined],
    ["IPTABLES_CHAIN", instance.iptablesChain],
    [
      "NOTIFY_SCRIPT",
      instance.notifyScript !== undefined ? `${SCRIPT_DIR}/${NOTIFY_SCRIPT_FILE}` : undefined,
    ],
    ["CHECK_SCRIPT", instance.checkScript !== undefined ? `${SCRIPT_DIR}/${CHECK_SCRIPT_FILE}` : undefined],
    ["PREEMPTION", preemptionValue(instance.preemption)],
    ["CHECK_INTERVAL", String(instance.checkInterval)],
  ];
  return env
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ({ name: `OPENSHIFT_HA_${name}`, value }));
}
