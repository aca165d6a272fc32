/**
 * What keepalived will run for given args, derived with the image's documented rules (see
 * components/openshift/image-rules.ts). The expected columns are written by hand from those rules,
 * so a reviewer can read off router ids, VRRP instances and VIP grouping.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { routerIdRange } from "../../components/openshift/config";
import {
  imageExpandVips,
  imageInstanceName,
  imageRelease,
  imageStartsAsMaster,
  imageVrrpInstances,
} from "../../components/openshift/image-rules";
import { renderIpFailoverEnv } from "../../components/openshift/render/env";
import { parseVipEntry } from "../../components/openshift/vips";
import { instance } from "./fixtures";

interface PlanRow {
  readonly name: string;
  readonly args: { virtualIps: string[]; vipGroups?: number; vrrpIdOffset: number };
  /** `instance name: router id: VIPs`, one per VRRP instance. */
  readonly plan: string[];
}

const rows: PlanRow[] = [
  {
    name: "no groups: one VRRP instance per VIP, ids offset+1..offset+N",
    args: { virtualIps: ["192.0.2.10-12"], vrrpIdOffset: 40 },
    plan: ["web_VIP_1: 41: 192.0.2.10", "web_VIP_2: 42: 192.0.2.11", "web_VIP_3: 43: 192.0.2.12"],
  },
  {
    name: "5 VIPs in 2 groups: the first group takes the remainder",
    args: { virtualIps: ["192.0.2.10-14"], vipGroups: 2, vrrpIdOffset: 0 },
    plan: ["web_VIP_1: 1: 192.0.2.10 192.0.2.11 192.0.2.12", "web_VIP_2: 2: 192.0.2.13 192.0.2.14"],
  },
  {
    name: "7 VIPs in 3 groups: 3+2+2, in list order",
    args: { virtualIps: ["192.0.2.10-16"], vipGroups: 3, vrrpIdOffset: 250 },
    plan: [
      "web_VIP_1: 251: 192.0.2.10 192.0.2.11 192.0.2.12",
      "web_VIP_2: 252: 192.0.2.13 192.0.2.14",
      "web_VIP_3: 253: 192.0.2.15 192.0.2.16",
    ],
  },
  {
    name: "one group: every VIP moves together under one id",
    args: { virtualIps: ["192.0.2.10", "198.51.100.7-8"], vipGroups: 1, vrrpIdOffset: 7 },
    plan: ["web_VIP_1: 8: 192.0.2.10 198.51.100.7 198.51.100.8"],
  },
  {
    name: "order decides grouping, not address value",
    args: { virtualIps: ["198.51.100.9", "192.0.2.10-11", "198.51.100.8"], vipGroups: 2, vrrpIdOffset: 100 },
    plan: ["web_VIP_1: 101: 198.51.100.9 192.0.2.10", "web_VIP_2: 102: 192.0.2.11 198.51.100.8"],
  },
];

const describePlan = (args: PlanRow["args"]) => {
  const env = Object.fromEntries(
    renderIpFailoverEnv(
      instance({
        name: "web",
        interface: "ens3",
        monitorPort: 0,
        replicas: 2,
        image: { tag: "4.18" },
        ...args,
      }),
    ).map((e) => [e.name, e.value]),
  );
  // Read back exactly as the image does: from the rendered env strings.
  const vips = imageExpandVips(env.OPENSHIFT_HA_VIRTUAL_IPS).addresses;
  const instances = imageVrrpInstances(
    vips,
    Number(env.OPENSHIFT_HA_VIP_GROUPS),
    Number(env.OPENSHIFT_HA_VRRP_ID_OFFSET),
  );
  return instances.map(
    (i) => `${imageInstanceName(env.OPENSHIFT_HA_CONFIG_NAME, i.index)}: ${i.routerId}: ${i.vips.join(" ")}`,
  );
};

describe("router ids, VRRP instances and VIP grouping", () => {
  for (const row of rows) {
    test(row.name, () => {
      assert.deepEqual(describePlan(row.args), row.plan);
      const ids = row.plan.map((line) => Number(line.split(": ")[1]));
      assert.deepEqual(routerIdRange(row.args), { first: ids[0], last: ids[ids.length - 1] });
    });
  }
});

interface MisreadRow {
  readonly text: string;
  /** What the image makes of it (checked against the upstream scripts by hand, see the docs). */
  readonly image: string[];
}

// Inputs the image reads differently from what was meant; config rejects every one of them.
const misreads: MisreadRow[] = [
  { text: "192.0.2.10/24", image: [] },
  { text: "192.0.2.10-192.0.3.12", image: ["192.0.2.10", "192.0.2.11", "192.0.2.12"] },
  { text: "192.0.2.12-10", image: [] },
  { text: "192.0.2.254-256", image: ["192.0.2.254", "192.0.2.255", "192.0.2.256"] },
  { text: "192.0.2.1-2-3", image: ["192.0.2.1", "192.0.2.2"] },
  { text: "192.0.2.10 192.0.2.11", image: [] },
];

describe("what the image makes of inputs that config rejects", () => {
  for (const row of misreads) {
    test(JSON.stringify(row.text), () => {
      assert.deepEqual(imageExpandVips(row.text).addresses, row.image);
      assert.equal(parseVipEntry(row.text).ok, false);
    });
  }
});

interface MasterRow {
  readonly node: string;
  readonly replicaCount: number;
  readonly preemption: string;
  /** The image tag: release-4.16/4.17 ignore the preemption here, release-4.18 does not. */
  readonly tag: string;
  /** Indexes of the 5 VRRP instances that start as `state MASTER` on that node. */
  readonly masters: number[];
}

// slot = last octet mod 128; every instance whose index is a multiple of (slot mod count) + 1.
// From 4.18 (OCPBUGS-33629) no instance with nopreempt; up to 4.17 nopreempt changes nothing.
const masterRows: MasterRow[] = [
  {
    node: "192.0.2.20",
    replicaCount: 2,
    preemption: "preempt_delay 300",
    tag: "4.18",
    masters: [1, 2, 3, 4, 5],
  },
  { node: "192.0.2.21", replicaCount: 2, preemption: "preempt_delay 300", tag: "4.18", masters: [2, 4] },
  { node: "192.0.2.22", replicaCount: 3, preemption: "preempt_delay 300", tag: "4.18", masters: [2, 4] },
  { node: "192.0.2.23", replicaCount: 3, preemption: "preempt_delay 300", tag: "4.18", masters: [3] },
  // 150 mod 128 = 22, like .22.
  { node: "192.0.2.150", replicaCount: 3, preemption: "preempt_delay 300", tag: "4.16", masters: [2, 4] },
  { node: "192.0.2.21", replicaCount: 2, preemption: "nopreempt", tag: "4.18", masters: [] },
  { node: "192.0.2.21", replicaCount: 2, preemption: "nopreempt", tag: "v4.19.0", masters: [] },
  { node: "192.0.2.21", replicaCount: 2, preemption: "nopreempt", tag: "4.16", masters: [2, 4] },
  { node: "192.0.2.20", replicaCount: 2, preemption: "nopreempt", tag: "4.17", masters: [1, 2, 3, 4, 5] },
];

describe("which VRRP instances start as MASTER on a node (5 instances)", () => {
  for (const row of masterRows) {
    test(`${row.node}, REPLICA_COUNT ${row.replicaCount}, ${row.preemption}, image ${row.tag}`, () => {
      const release = imageRelease(row.tag);
      assert.ok(release, row.tag);
      const masters = [1, 2, 3, 4, 5].filter((index) =>
        imageStartsAsMaster(row.node, row.replicaCount, index, row.preemption, release),
      );
      assert.deepEqual(masters, row.masters);
    });
  }
});

describe("the image release a tag names", () => {
  const digest = `sha256:${"0".repeat(64)}`;
  const rows: Array<[string, { major: number; minor: number } | undefined]> = [
    ["4.16", { major: 4, minor: 16 }],
    ["4.18", { major: 4, minor: 18 }],
    ["v4.18.0", { major: 4, minor: 18 }],
    ["4.18.0-202411140000.p0.g0fe2970.assembly.stream.el9", { major: 4, minor: 18 }],
    [`4.18@${digest}`, { major: 4, minor: 18 }],
    [`quay.io/openshift/origin-keepalived-ipfailover:4.16@${digest}`, { major: 4, minor: 16 }],
    ["registry.example:5000/mirror/ipfailover:4.19", { major: 4, minor: 19 }],
    ["mirror-2024", undefined],
    ["4", undefined],
    [`mirror@${digest}`, undefined],
  ];
  for (const [tag, release] of rows) {
    test(JSON.stringify(tag), () => assert.deepEqual(imageRelease(tag), release));
  }
});
