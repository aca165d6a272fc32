/** Every bad input issue 5 lists (and a few more), rejected with key, value and fix. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openshiftSchema } from "../../components/openshift/config";
import { assertRejected, type BadInputCase } from "../harness/bad-config";
import { openshiftSystem } from "../../components/openshift/system";

const good = {
  name: "web",
  virtualIps: ["192.0.2.10-12"],
  interface: "ens3",
  monitorPort: 80,
  vrrpIdOffset: 0,
  replicas: 2,
  image: { tag: "4.18" },
};
const section = (...instances: object[]) => ({ openshift: { context: "dev", instances } });
const one = (overrides: object) => section({ ...good, ...overrides });
const KEY = "failover-stacks:openshift.instances[0]";
const SECOND = "failover-stacks:openshift.instances[1]";

const cases: BadInputCase[] = [
  // Malformed VIP lists and ranges.
  {
    name: "VIP not an address",
    config: one({ virtualIps: ["192.0.2.300"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "192.0.2.300",
    fix: "192.0.2.10-12",
  },
  {
    name: "VIP with a prefix length",
    config: one({ virtualIps: ["192.0.2.10/24"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "192.0.2.10/24",
    fix: "bare address",
  },
  {
    name: "VIP range ending below its start",
    config: one({ virtualIps: ["192.0.2.12-10"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "192.0.2.12-10",
    fix: "lower last octet first",
  },
  {
    name: "VIP range across a /24",
    config: one({ virtualIps: ["192.0.2.250-198.51.100.2"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "192.0.2.250-198.51.100.2",
    fix: "one range per /24",
  },
  {
    name: "VIP range past .255",
    config: one({ virtualIps: ["192.0.2.250-260"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "192.0.2.250-260",
    fix: "255 or below",
  },
  {
    name: "VIP range with two dashes",
    config: one({ virtualIps: ["192.0.2.1-2-3"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "192.0.2.1-2-3",
    fix: "last-octet range",
  },
  {
    name: "VIP entry with spaces",
    config: one({ virtualIps: ["192.0.2.10, 192.0.2.11"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "192.0.2.10, 192.0.2.11",
    fix: "192.0.2.10",
  },
  {
    name: "IPv6 VIP",
    config: one({ virtualIps: ["2001:db8::10"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "2001:db8::10",
    fix: "IPv4",
  },
  {
    name: "multicast VIP",
    config: one({ virtualIps: ["224.0.0.18"] }),
    key: `${KEY}.virtualIps[0]`,
    value: "224.0.0.18",
    fix: "routable unicast",
  },
  {
    name: "empty VIP list",
    config: one({ virtualIps: [] }),
    key: `${KEY}.virtualIps`,
    value: "[]",
    fix: "at least 1",
  },
  // Duplicate VIPs.
  {
    name: "duplicate VIP within an instance (range and address)",
    config: one({ virtualIps: ["192.0.2.10-12", "192.0.2.11"] }),
    key: `${KEY}.virtualIps[1]`,
    value: "192.0.2.11",
    fix: "list every VIP once: remove 192.0.2.11 from entry [1]",
  },
  {
    name: "duplicate VIP across instances",
    config: section(good, { ...good, name: "api", virtualIps: ["192.0.2.12-13"], vrrpIdOffset: 10 }),
    key: `${SECOND}.virtualIps`,
    value: "192.0.2.12-13",
    fix: "one instance only",
  },
  // Router ids.
  {
    name: "router ids past 255",
    config: one({ virtualIps: ["192.0.2.1-8"], vrrpIdOffset: 250 }),
    key: `${KEY}.vrrpIdOffset`,
    value: "250",
    fix: "at most 247",
  },
  {
    name: "offset past 254",
    config: one({ vrrpIdOffset: 255 }),
    key: `${KEY}.vrrpIdOffset`,
    value: "255",
    fix: "at most 254",
  },
  {
    name: "overlapping router ids across instances",
    config: section(good, { ...good, name: "api", virtualIps: ["198.51.100.5"], vrrpIdOffset: 2 }),
    key: `${SECOND}.vrrpIdOffset`,
    value: "2",
    fix: "vrrpIdOffset to 3 or more",
  },
  {
    name: "more VIP groups than VIPs",
    config: one({ vipGroups: 10 }),
    key: `${KEY}.vipGroups`,
    value: "10",
    fix: "at most 3",
  },
  // Replicas against the replica count.
  {
    name: "replicas differ from the listed nodes",
    config: one({ nodes: ["worker-0", "worker-1", "worker-2"] }),
    key: `${KEY}.replicas`,
    value: "2",
    fix: "set replicas to 3",
  },
  {
    name: "replicas differ from the unicast peers",
    config: one({
      unicastPeers: ["192.0.2.21", "192.0.2.22", "192.0.2.23"],
      nodes: ["worker-0", "worker-1", "worker-2"],
    }),
    key: `${KEY}.replicas`,
    value: "2",
    fix: "set replicas to 3",
  },
  {
    name: "production with one replica",
    config: { production: true, ...one({ replicas: 1 }) },
    key: `${KEY}.replicas`,
    value: "1",
    fix: "at least 2 nodes",
  },
  {
    name: "replicas zero",
    config: one({ replicas: 0 }),
    key: `${KEY}.replicas`,
    value: "0",
    fix: "at least 1",
  },
  // Unicast peers.
  {
    name: "unicast peer is a name",
    config: one({ unicastPeers: ["worker-0", "192.0.2.22"] }),
    key: `${KEY}.unicastPeers[0]`,
    value: "worker-0",
    fix: "dotted quad",
  },
  {
    name: "unicast peer with a prefix",
    config: one({ unicastPeers: ["192.0.2.21/24", "192.0.2.22"] }),
    key: `${KEY}.unicastPeers[0]`,
    value: "192.0.2.21/24",
    fix: "dotted quad",
  },
  {
    name: "unicast peer is IPv6",
    config: one({ unicastPeers: ["2001:db8::1", "192.0.2.22"] }),
    key: `${KEY}.unicastPeers[0]`,
    value: "2001:db8::1",
    fix: "dotted quad",
  },
  {
    name: "unicast peer repeated",
    config: one({ unicastPeers: ["192.0.2.21", "192.0.2.21"] }),
    key: `${KEY}.unicastPeers[1]`,
    value: "192.0.2.21",
    fix: "remove entry [1]",
  },
  {
    name: "unicast peer is a VIP",
    config: one({ unicastPeers: ["192.0.2.21", "192.0.2.10"] }),
    key: `${KEY}.unicastPeers[1]`,
    value: "192.0.2.10",
    fix: "own addresses",
  },
  {
    name: "unicast peers without the pods pinned to their nodes",
    config: one({ unicastPeers: ["192.0.2.21", "192.0.2.22"] }),
    key: `${KEY}.nodes`,
    value: "(missing)",
    fix: "names of the peers' nodes",
  },
  // Check interval and the monitor port / check script pair.
  {
    name: "check interval 0",
    config: one({ checkInterval: 0 }),
    key: `${KEY}.checkInterval`,
    value: "0",
    fix: "at least 1",
  },
  {
    name: "check interval fractional",
    config: one({ checkInterval: 1.5 }),
    key: `${KEY}.checkInterval`,
    value: "1.5",
    fix: /int/,
  },
  {
    name: "monitor port and check script together",
    config: one({ checkScript: "exit 0" }),
    key: `${KEY}.monitorPort`,
    value: "80",
    fix: "keep one",
  },
  {
    name: "neither monitor port nor check script",
    config: one({ monitorPort: undefined }),
    key: `${KEY}.monitorPort`,
    value: "(missing)",
    fix: "monitorPort: 0",
  },
  {
    name: "monitor port out of range",
    config: one({ monitorPort: 70000 }),
    key: `${KEY}.monitorPort`,
    value: "70000",
    fix: "at most 65535",
  },
  {
    name: "check script with its own #! line",
    config: one({ monitorPort: undefined, checkScript: "#!/bin/sh\nexit 0" }),
    key: `${KEY}.checkScript`,
    value: "#!/bin/sh",
    fix: "#!/bin/bash",
  },
  {
    name: "empty notify script",
    config: one({ notifyScript: "  " }),
    key: `${KEY}.notifyScript`,
    value: '"  "',
    fix: "one command",
  },
  // Preemption, interface, chain, image, names.
  {
    name: "preempt delay above keepalived's 1000 s",
    config: one({ preemption: { preemptDelay: 5000 } }),
    key: `${KEY}.preemption.preemptDelay`,
    value: "5000",
    fix: "at most 1000",
  },
  {
    name: "preemption as a bare string",
    config: one({ preemption: "preempt_delay 300" }),
    key: `${KEY}.preemption`,
    value: "preempt_delay 300",
    fix: "nopreempt: true",
  },
  {
    name: "nopreempt false",
    config: one({ preemption: { nopreempt: false } }),
    key: `${KEY}.preemption`,
    value: "false",
    fix: "preemptDelay: 300",
  },
  {
    name: "interface missing",
    config: one({ interface: undefined }),
    key: `${KEY}.interface`,
    value: "(missing)",
    fix: "add this required key",
  },
  {
    name: "interface name too long",
    config: one({ interface: "enp0s31f6-very-long" }),
    key: `${KEY}.interface`,
    value: "enp0s31f6-very-long",
    fix: "ens3",
  },
  {
    name: "iptables chain with spaces",
    config: one({ iptablesChain: "INPUT -j ACCEPT" }),
    key: `${KEY}.iptablesChain`,
    value: "INPUT -j ACCEPT",
    fix: "INPUT",
  },
  {
    name: "image tag latest",
    config: one({ image: { tag: "latest" } }),
    key: `${KEY}.image.tag`,
    value: "latest",
    fix: "4.18",
  },
  // openshift/images release-4.16 and 4.17 write state MASTER whatever the preemption.
  {
    name: "nopreempt (the default) on the 4.16 image",
    config: one({ image: { tag: "4.16" } }),
    key: `${KEY}.image.tag`,
    value: "4.16",
    fix: "4.18 or later",
  },
  {
    name: "nopreempt on the 4.17 image, pinned by digest",
    config: one({
      preemption: { nopreempt: true },
      image: { tag: "v4.17.0", digest: `sha256:${"b".repeat(64)}` },
    }),
    key: `${KEY}.image.tag`,
    value: "v4.17.0",
    fix: "preemptDelay",
  },
  {
    name: "nopreempt on a tag that names no release",
    config: one({ image: { tag: "mirror-2024" } }),
    key: `${KEY}.image.tag`,
    value: "mirror-2024",
    fix: "release tag",
  },
  {
    name: "notify script calling logger (no /dev/log in the pod)",
    config: one({ notifyScript: 'logger -t web "$2 is now $3"' }),
    key: `${KEY}.notifyScript`,
    value: "logger",
    fix: "echo",
  },
  {
    name: "image digest malformed",
    config: one({ image: { tag: "4.18", digest: "sha256:abc" } }),
    key: `${KEY}.image.digest`,
    value: "sha256:abc",
    fix: "64 lowercase hex",
  },
  {
    name: "production image without a digest (privileged, hostNetwork: a republished tag is root on the nodes)",
    config: { production: true, ...one({ image: { tag: "4.18" } }) },
    key: `${KEY}.image.digest`,
    value: "(missing)",
    fix: "crane digest quay.io/openshift/origin-keepalived-ipfailover:4.18",
  },
  {
    name: "instance name not a DNS label",
    config: one({ name: "Web_1" }),
    key: `${KEY}.name`,
    value: "Web_1",
    fix: "lowercase",
  },
  {
    name: "instance name used twice",
    config: section(good, { ...good, virtualIps: ["198.51.100.5"], vrrpIdOffset: 10 }),
    key: `${SECOND}.name`,
    value: "web",
    fix: "its own name",
  },
  {
    name: "node selector key malformed",
    config: one({ nodeSelector: { "bad key": "" } }),
    key: `${KEY}.nodeSelector`,
    value: "bad key",
    fix: "node-role.kubernetes.io/worker",
  },
  {
    name: "unknown instance key (typo)",
    config: one({ vipGroup: 2 }),
    key: `${KEY}.vipGroup`,
    value: "2",
    fix: "did you mean vipGroups? Rename vipGroup to vipGroups",
  },
  // The cluster.
  {
    name: "no cluster given",
    config: { openshift: { instances: [good] } },
    key: "failover-stacks:openshift.context",
    value: "(missing)",
    fix: "exactly one",
  },
  {
    name: "kubeconfig and context together",
    config: { openshift: { context: "dev", kubeconfig: "apiVersion: v1", instances: [good] } },
    key: "failover-stacks:openshift.context",
    value: '"dev"',
    fix: "exactly one",
  },
  {
    name: "no instances",
    config: { openshift: { context: "dev", instances: [] } },
    key: "failover-stacks:openshift.instances",
    value: "[]",
    fix: "at least 1",
  },
  // Issue 15: a node listed twice would give replicas 3 over 2 nodes (one pod Pending forever).
  {
    name: "the same node twice",
    config: one({ nodes: ["infra-1", "infra-2", "infra-1"], replicas: 3 }),
    key: `${KEY}.nodes[2]`,
    value: '"infra-1"',
    fix: "list it once: remove entry [2]",
  },
  {
    name: "the same node twice with unicast peers",
    config: one({ nodes: ["infra-1", "infra-1"], unicastPeers: ["192.0.2.21", "192.0.2.22"], replicas: 2 }),
    key: `${KEY}.nodes[1]`,
    value: '"infra-1"',
    fix: "remove entry [1]",
  },
  {
    name: "a VIP range that repeats an earlier range",
    config: one({ virtualIps: ["192.0.2.10-12", "192.0.2.12-14"] }),
    key: `${KEY}.virtualIps[1]`,
    value: '"192.0.2.12-14"',
    fix: "list every VIP once: remove 192.0.2.12 from entry [1]",
  },
  {
    name: "IPv6 unicast peer",
    config: one({ unicastPeers: ["192.0.2.21", "2001:db8::22"], nodes: ["a", "b"] }),
    key: `${KEY}.unicastPeers[1]`,
    value: '"2001:db8::22"',
    fix: "use an IPv4 value (a dotted quad such as 192.0.2.10, or a CIDR such as 192.0.2.0/24), or remove the entry",
  },
  // Issue 15: a YAML number where text is expected (`tag: 4.10` becomes 4.1).
  {
    name: "an image tag YAML read as a number",
    config: one({ image: { tag: 4.1 } }),
    key: `${KEY}.image.tag`,
    value: "4.1",
    fix: 'quote the value so YAML keeps it as text, e.g. tag: "4.1" (unquoted, YAML reads 4.10 as the number 4.1',
  },
  // Issue 14 §8 / issue 15: secrets in plain text.
  {
    name: "a kubeconfig in plain text",
    config: { openshift: { kubeconfig: "apiVersion: v1\nkind: Config\n", instances: [good] } },
    key: "failover-stacks:openshift.kubeconfig",
    value: "[redacted]",
    fix: "store it encrypted with pulumi config set --secret --path 'failover-stacks:openshift.kubeconfig' <value>",
  },
];

describe("bad input is rejected before anything registers (openshift)", () => {
  for (const c of cases) test(c.name, () => assertRejected(c, [openshiftSystem]));
});

describe("the release rule refuses only what breaks", () => {
  const accepts = (overrides: object) =>
    assert.doesNotThrow(() => openshiftSchema.parse(one(overrides).openshift));
  test("the 4.16 image with preemptDelay", () =>
    accepts({ preemption: { preemptDelay: 300 }, image: { tag: "4.16" } }));
  test("a mirror tag with preemptDelay", () =>
    accepts({ preemption: { preemptDelay: 0 }, image: { tag: "mirror-2024" } }));
  test("nopreempt on 4.18 and later", () => {
    for (const tag of ["4.18", "4.19", "v4.20.1", "5.0"]) accepts({ image: { tag } });
  });
  test("a notify script that echoes", () => accepts({ notifyScript: 'echo "$2 is now $3"' }));
});
