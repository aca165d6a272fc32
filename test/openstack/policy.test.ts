/** The OpenStack policy rules: the generated stacks pass the whole pack; broken variants fail each rule. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { blocking, runPolicies, type PolicyInputResource } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { noWorldSsh } from "../../policy/rules/no-world-ssh";
import { openstackControlPlaneOdd } from "../../policy/rules/openstack-control-plane-odd";
import { openstackLbVipPair } from "../../policy/rules/openstack-lb-vip-pair";
import { openstackVrrpScoped } from "../../policy/rules/openstack-vrrp-scoped";
import { openstackMetadata, openstackTags } from "../../components/openstack/tags";
import { evaluatedStack } from "./fixtures";
import { resource, unexpectedViolations } from "../../offline/policy";

const PORT = "openstack:networking/port:Port";
const SG = "openstack:networking/secGroup:SecGroup";
const RULE = "openstack:networking/secGroupRule:SecGroupRule";
const INSTANCE = "openstack:compute/instance:Instance";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const names = (violations: Array<{ urn?: string }>) => violations.map((v) => v.urn?.split("::").pop());

/** Replaces the inputs of the named resources in a recording. */
function mutate(
  resources: readonly PolicyInputResource[],
  name: RegExp,
  patch: (inputs: Record<string, unknown>) => Record<string, unknown>,
): PolicyInputResource[] {
  return resources.map((r) => (name.test(r.name) ? { ...r, inputs: patch(r.inputs) } : r));
}

test("the dev and prod stacks pass every rule of the pack", async () => {
  for (const stack of ["dev", "prod"]) {
    const { recorder } = await evaluatedStack(stack);
    assert.deepEqual(unexpectedViolations(await runPolicies(allRules, recorder.resources)), [], stack);
  }
});

test("openstack-lb-vip-pair: an LB port without the VIP pair, or with port security off, fails", async () => {
  const { recorder } = await evaluatedStack("dev");
  const noPair = mutate(recorder.resources, /^dev-k8s-api-lb-2-port$/, (i) => ({
    ...i,
    allowedAddressPairs: [],
  }));
  const violations = await runPolicies([openstackLbVipPair], noPair);
  assert.deepEqual(names(violations), ["dev-k8s-api-lb-2-port"]);
  assert.equal(blocking(violations).length, 1);
  assert.match(violations[0].message, /192\.0\.2\.10\/32/);

  const wrongPair = mutate(recorder.resources, /^dev-k8s-api-lb-1-port$/, (i) => ({
    ...i,
    allowedAddressPairs: [{ ipAddress: "192.0.2.99/32" }],
  }));
  assert.deepEqual(names(await runPolicies([openstackLbVipPair], wrongPair)), ["dev-k8s-api-lb-1-port"]);

  const noSecurity = mutate(recorder.resources, /^dev-k8s-api-lb-1-port$/, (i) => ({
    ...i,
    portSecurityEnabled: false,
  }));
  assert.match((await runPolicies([openstackLbVipPair], noSecurity))[0].message, /port security off/);
});

test("openstack-lb-vip-pair: hand-built cases (bare address, allocated VIP, missing VIP port)", async () => {
  const lb = (name: string, cluster: string, pairs: unknown[]) =>
    resource(PORT, name, {
      portSecurityEnabled: true,
      allowedAddressPairs: pairs,
      tags: openstackTags(cluster, "load-balancer"),
    });
  const vipPort = (cluster: string, ipAddress: string) =>
    resource(PORT, `${cluster}-vip`, {
      fixedIps: [{ subnetId: "s", ipAddress }],
      tags: openstackTags(cluster, "api-vip"),
    });
  const passing = [
    vipPort("a", "192.0.2.10"),
    lb("a-lb-1", "a", [{ ipAddress: "192.0.2.10" }]),
    // Allocated VIP, unknown at preview: any host pair will do.
    vipPort("b", UNKNOWN),
    lb("b-lb-1", "b", [{ ipAddress: `${UNKNOWN}/32` }, { ipAddress: "192.0.2.50/32" }]),
  ];
  assert.deepEqual(await runPolicies([openstackLbVipPair], passing), []);
  const failing = [
    lb("c-lb-1", "c", [{ ipAddress: "192.0.2.10/32" }]),
    vipPort("b", UNKNOWN),
    lb("b-lb-2", "b", []),
  ];
  const violations = await runPolicies([openstackLbVipPair], failing);
  assert.deepEqual(names(violations), ["c-lb-1", "b-lb-2"]);
  assert.match(violations[0].message, /no reserved VIP port/);
});

test("openstack-vrrp-scoped: missing, world-open or foreign-group VRRP rules fail", async () => {
  const { recorder } = await evaluatedStack("dev");
  const withoutVrrp = recorder.resources.filter((r) => !r.name.endsWith("-sg-vrrp"));
  const missing = await runPolicies([openstackVrrpScoped], withoutVrrp);
  assert.deepEqual(names(missing), ["dev-k8s-api-lb-sg"]);
  assert.match(missing[0].message, /protocol "112"/);

  const fromWorld = mutate(recorder.resources, /-sg-vrrp$/, (i) => ({
    ...i,
    remoteGroupId: undefined,
    remoteIpPrefix: "0.0.0.0/0",
  }));
  // The rule itself, and the group that is now left without a scoped rule.
  assert.deepEqual(names(await runPolicies([openstackVrrpScoped], fromWorld)), [
    "dev-k8s-api-lb-sg-vrrp",
    "dev-k8s-api-lb-sg",
  ]);

  const lbGroup = resource(SG, "lb-sg", { tags: openstackTags("x", "load-balancer") });
  const vrrp = (name: string, securityGroupId: string, remoteGroupId: string) =>
    resource(
      RULE,
      name,
      { direction: "ingress", ethertype: "IPv4", protocol: "112", securityGroupId, remoteGroupId },
      {
        dependsOn: [lbGroup.urn],
      },
    );
  assert.deepEqual(await runPolicies([openstackVrrpScoped], [lbGroup, vrrp("ok", "sg-1", "sg-1")]), []);
  assert.deepEqual(
    names(await runPolicies([openstackVrrpScoped], [lbGroup, vrrp("foreign", "sg-1", "sg-2")])),
    ["foreign", "lb-sg"],
  );
});

test("openstack-control-plane-odd: an even number of control-plane instances fails", async () => {
  const node = (name: string, cluster: string, role: "control-plane" | "worker" = "control-plane") =>
    resource(INSTANCE, name, { metadata: openstackMetadata(cluster, role) });
  const passing = [
    node("a1", "a"),
    node("a2", "a"),
    node("a3", "a"),
    node("b1", "b"),
    node("w1", "a", "worker"),
  ];
  assert.deepEqual(await runPolicies([openstackControlPlaneOdd], passing), []);
  const violations = await runPolicies([openstackControlPlaneOdd], [...passing, node("b2", "b")]);
  assert.equal(violations.length, 1);
  assert.match(violations[0].message, /Cluster b has 2 control-plane instances/);
  assert.equal(blocking(violations).length, 1);

  const { recorder } = await evaluatedStack("dev");
  const fourth = { ...recorder.named("dev-k8s-cp-3"), name: "dev-k8s-cp-4", urn: "urn:fourth" };
  assert.equal((await runPolicies([openstackControlPlaneOdd], [...recorder.resources, fourth])).length, 1);
});

test("no-world-ssh covers the OpenStack system's SSH rules", async () => {
  const { recorder } = await evaluatedStack("dev");
  assert.deepEqual(await runPolicies([noWorldSsh], recorder.resources), []);
  const opened = mutate(recorder.resources, /-sg-ssh-1$/, (i) => ({ ...i, remoteIpPrefix: "0.0.0.0/0" }));
  assert.deepEqual(names(await runPolicies([noWorldSsh], opened)).sort(), [
    "dev-k8s-api-lb-sg-ssh-1",
    "dev-k8s-cp-sg-ssh-1",
  ]);
});
