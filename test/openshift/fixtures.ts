/** Typed instances shared by the openshift tests, parsed through the real schema (defaults applied). */
import { instanceSchema, type IpFailoverInstance } from "../../components/openshift/config";

export function instance(raw: Record<string, unknown>): IpFailoverInstance {
  return instanceSchema.parse(raw);
}

/** The OpenShift docs' example Deployment, as typed config (see render.test.ts for the two changes). */
export const docsExample = {
  name: "ipfailover",
  virtualIps: ["1.1.1.1-2"],
  vipGroups: 2,
  interface: "ens3",
  // The image has bash and coreutils but no curl: probe the service's node port over /dev/tcp.
  checkScript: "timeout 2 bash -c '</dev/tcp/127.0.0.1/30060'",
  vrrpIdOffset: 0,
  replicas: 2,
  nodeSelector: { "node-role.kubernetes.io/worker": "" },
  iptablesChain: "INPUT",
  preemption: { preemptDelay: 300 },
  checkInterval: 2,
  image: { tag: "4.18" },
  pullSecret: "openshift-pull-secret",
};

/** A busier instance: unicast, groups, nopreempt, notify script, pinned digest, listed nodes. */
export const unicastExample = {
  name: "edge",
  namespace: "edge-failover",
  virtualIps: ["203.0.113.10-13", "203.0.113.20"],
  vipGroups: 2,
  interface: "bond0.100",
  monitorPort: 0,
  vrrpIdOffset: 40,
  replicas: 3,
  nodes: ["infra-0", "infra-1", "infra-2"],
  nodeSelector: { "node-role.kubernetes.io/infra": "" },
  unicastPeers: ["198.51.100.11", "198.51.100.12", "198.51.100.13"],
  notifyScript: 'echo "ipfailover: VRRP ${1:-?} ${2:-?} is now ${3:-?}"',
  image: { tag: "4.18", digest: `sha256:${"a".repeat(64)}` },
};
