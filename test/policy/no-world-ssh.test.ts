import assert from "node:assert/strict";
import { test } from "node:test";
import { blocking, evaluatePolicies, runPolicies } from "../../policy/engine";
import { noWorldSsh } from "../../policy/rules/no-world-ssh";
import { resource } from "../../offline/policy";

const OS_RULE = "openstack:networking/secGroupRule:SecGroupRule";
const DO_FW = "digitalocean:index/firewall:Firewall";
const GCP_FW = "gcp:compute/firewall:Firewall";

const failing = [
  resource(OS_RULE, "os-ssh-world", {
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: "0.0.0.0/0",
  }),
  resource(OS_RULE, "os-all-ports-no-prefix", { direction: "ingress", protocol: "tcp" }),
  resource(OS_RULE, "os-v6-world", {
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 1,
    portRangeMax: 1024,
    remoteIpPrefix: "::/0",
  }),
  resource(DO_FW, "do-ssh-world", {
    inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: ["0.0.0.0/0", "::/0"] }],
  }),
  resource(DO_FW, "do-all-world", {
    inboundRules: [{ protocol: "tcp", portRange: "all", sourceAddresses: ["0.0.0.0/0"] }],
  }),
  resource(GCP_FW, "gcp-ssh-world", {
    sourceRanges: ["0.0.0.0/0"],
    allows: [{ protocol: "tcp", ports: ["22"] }],
  }),
  resource(GCP_FW, "gcp-range-world", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "all" }] }),
];

const passing = [
  resource(OS_RULE, "os-ssh-admin", {
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: "198.51.100.0/24",
  }),
  resource(OS_RULE, "os-api-world", {
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 6443,
    portRangeMax: 6443,
    remoteIpPrefix: "0.0.0.0/0",
  }),
  resource(OS_RULE, "os-vrrp-group", { direction: "ingress", protocol: "112", remoteGroupId: "sg-1" }),
  resource(OS_RULE, "os-egress", { direction: "egress", protocol: "tcp", remoteIpPrefix: "0.0.0.0/0" }),
  resource(DO_FW, "do-vpc", {
    inboundRules: [{ protocol: "tcp", portRange: "1-65535", sourceAddresses: ["10.10.0.0/16"] }],
  }),
  resource(GCP_FW, "gcp-hc", {
    sourceRanges: ["130.211.0.0/22", "35.191.0.0/16"],
    allows: [{ protocol: "tcp", ports: ["15021"] }],
  }),
];

test("no-world-ssh flags every rule that opens TCP 22 to the world", async () => {
  const violations = await runPolicies([noWorldSsh], failing);
  assert.deepEqual(
    violations.map((v) => v.urn?.split("::").pop()),
    failing.map((r) => r.name),
  );
  assert.equal(blocking(violations).length, failing.length, "the rule is mandatory");
  assert.match(violations[0].message, /adminCidrs/);
});

test("no-world-ssh passes admin-scoped SSH, world-open non-SSH ports and egress", async () => {
  assert.deepEqual(await runPolicies([noWorldSsh], passing), []);
});

test("a rule can be disabled through policy config", async () => {
  assert.deepEqual(
    await runPolicies([noWorldSsh], failing, { "no-world-ssh": { enforcementLevel: "disabled" } }),
    [],
  );
});

test("evaluatePolicies reports each rule: its level, the resources whose props it read, its violations", async () => {
  const others = [resource("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "x" } })];
  const [result] = await evaluatePolicies(
    [noWorldSsh],
    [...failing.slice(0, 2), ...passing.slice(0, 1), ...others],
  );
  assert.equal(result.name, "no-world-ssh");
  assert.equal(result.kind, "resource");
  assert.equal(result.enforcementLevel, "mandatory");
  assert.equal(result.resourcesRead, 3, "the rule reads firewalls and rules only, not the Namespace");
  assert.deepEqual(
    result.violations.map((v) => v.urn?.split("::").pop()),
    ["os-ssh-world", "os-all-ports-no-prefix"],
  );
  const [disabled] = await evaluatePolicies([noWorldSsh], failing, {
    "no-world-ssh": { enforcementLevel: "disabled" },
  });
  assert.deepEqual(
    [disabled.enforcementLevel, disabled.resourcesRead, disabled.violations],
    ["disabled", 0, []],
  );
});
