/** Replacement detection on hand-made synth trees: conditional rows and the edge cases of matching. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { diffStack } from "../../scripts/review/diff";
import { isDowngrade } from "../../scripts/review/replace-on-change";
import { MAX_CHARS, renderReport } from "../../scripts/review/report";
import type { ResourceRow, SynthTree } from "../../scripts/review/tree";
import { loudWarnings } from "../../scripts/review/warnings";

const URN = "urn:pulumi:dev::failover-stacks::";
const tree = (resources: ResourceRow[]): SynthTree => ({
  resources,
  exports: {},
  rules: [],
  rulesListed: true,
  files: new Map(),
});
const noDiff = (): string => "";
const cluster = (version: string, size: string, nodeCount = 2): ResourceRow => ({
  type: "digitalocean:index/kubernetesCluster:KubernetesCluster",
  name: "dev-egress",
  urn: `${URN}digitalocean:index/kubernetesCluster:KubernetesCluster::dev-egress`,
  parent: null,
  options: {},
  inputs: { version, nodePool: { name: "default", size, nodeCount } },
});
const replacedPaths = (before: ResourceRow, after: ResourceRow): string[][] =>
  diffStack("dev", tree([before]), tree([after]), noDiff).changed.map((c) => c.replacedBy.map((r) => r.path));

test("a DOKS cluster is replaced by a new default pool size or a version downgrade, not an upgrade or a count", () => {
  const base = cluster("1.31.1-do.5", "s-2vcpu-4gb");
  assert.deepEqual(replacedPaths(base, cluster("1.31.1-do.5", "s-4vcpu-8gb")), [["nodePool.size"]]);
  assert.deepEqual(replacedPaths(base, cluster("1.30.4-do.0", "s-2vcpu-4gb")), [["version"]]);
  assert.deepEqual(replacedPaths(base, cluster("1.32.0-do.0", "s-2vcpu-4gb")), [[]]);
  assert.deepEqual(replacedPaths(base, cluster("1.31.1-do.5", "s-2vcpu-4gb", 3)), [[]]);
});

test("isDowngrade compares version slugs numerically", () => {
  assert.ok(isDowngrade("1.31.10-do.0", "1.31.9-do.0"));
  assert.ok(isDowngrade("1.31.1-do.5", "1.31.1-do.4"));
  assert.ok(!isDowngrade("1.31.9-do.0", "1.31.10-do.0"));
  assert.ok(!isDowngrade("1.31.1-do.5", "1.31.1-do.5"));
  assert.ok(!isDowngrade("latest", "1.30.0-do.0"), "no slug: not called a downgrade");
});

const droplet = (name: string, aliases: unknown[] = [], size = "s-1vcpu-1gb"): ResourceRow => ({
  type: "digitalocean:index/droplet:Droplet",
  name,
  urn: `${URN}digitalocean:index/droplet:Droplet::${name}`,
  parent: null,
  options: { aliases },
  inputs: { size },
});

test("a head resource whose alias names a base URN is that resource renamed, not a delete and a create", () => {
  const base = tree([droplet("gw-old"), droplet("other")]);
  const renamed = diffStack(
    "dev",
    base,
    tree([droplet("gw-new", [{ urn: "", spec: { name: "gw-old" } }], "s-2vcpu-2gb"), droplet("other")]),
    noDiff,
  );
  assert.deepEqual(renamed.added, []);
  assert.deepEqual(renamed.removed, []);
  assert.deepEqual(
    renamed.changed.map((c) => [c.resource.name, c.aliasedFrom, c.changes.map((p) => p.path)]),
    [["gw-new", droplet("gw-old").urn, ["size", "options.aliases"]]],
  );
  const unaliased = diffStack("dev", base, tree([droplet("gw-new"), droplet("other")]), noDiff);
  assert.deepEqual(
    [unaliased.added.map((r) => r.name), unaliased.removed.map((r) => r.name)],
    [["gw-new"], ["gw-old"]],
  );
});

test("a changed resource of a type without a row is 'update or replace', with replacement unknown said", () => {
  const widget = (size: number): ResourceRow => ({
    type: "acme:index/widget:Widget",
    name: "w",
    urn: `${URN}acme:index/widget:Widget::w`,
    parent: null,
    options: {},
    inputs: { size },
  });
  const diff = diffStack("dev", tree([widget(1)]), tree([widget(2)]), noDiff);
  assert.equal(diff.changed[0].noRule, true);
  const report = renderReport({ base: "a", head: "b", stacks: [diff], warnings: [], failures: [] });
  assert.match(report, /- \*\*update or replace\*\* `w` \(`acme:index\/widget:Widget`\)/);
  assert.match(report, /no replacement row for `acme:index\/widget:Widget`: replacement unknown/);
  const known = diffStack("dev", tree([droplet("gw", [], "a")]), tree([droplet("gw", [], "b")]), noDiff);
  assert.equal(known.changed[0].noRule, false, "a type with a row is a plain update");
});

test("replacing the one VPC NAT gateway of managed mode is the every-NAT-gateway warning", () => {
  const managed = `${URN}failover:digitalocean:ManagedNatGateway::dev-egress`;
  const nat = (vpcUuid: string, size = 1): ResourceRow => ({
    type: "digitalocean:index/vpcNatGateway:VpcNatGateway",
    name: "dev-egress-nat",
    urn: `${URN}failover:digitalocean:ManagedNatGateway$digitalocean:index/vpcNatGateway:VpcNatGateway::dev-egress-nat`,
    parent: managed,
    options: {},
    inputs: { size, vpcs: [{ vpcUuid, defaultGateway: false }] },
  });
  const moved = diffStack("dev", tree([nat("vpc-a")]), tree([nat("vpc-b")]), noDiff);
  assert.deepEqual(
    moved.changed.map((c) => c.replacedBy.map((r) => r.path)),
    [["vpcs[0].vpcUuid"]],
  );
  const warnings = loudWarnings(moved, [nat("vpc-b")]);
  assert.deepEqual(
    warnings.map((w) => w.kind),
    ["nat-gateways"],
  );
  assert.match(warnings[0].message, /managed gateway `dev-egress`/);
  const resized = diffStack("dev", tree([nat("vpc-a")]), tree([nat("vpc-a", 2)]), noDiff);
  assert.deepEqual(loudWarnings(resized, [nat("vpc-a", 2)]), [], "a resize updates in place");
});

test("deleting every LB of a VIP pair (re-created under new names) is loud; deleting one is not", () => {
  const lb = (pair: string, name: string): ResourceRow => ({
    type: "openstack:compute/instance:Instance",
    name,
    urn: `${URN}failover:openstack:LoadBalancerPair$openstack:compute/instance:Instance::${name}`,
    parent: `${URN}failover:openstack:LoadBalancerPair::${pair}`,
    options: {},
    inputs: {},
  });
  const base = [lb("dev-api", "dev-api-lb-0"), lb("dev-api", "dev-api-lb-1")];
  const head = [lb("stg-api", "stg-api-lb-0"), lb("stg-api", "stg-api-lb-1")];
  const renamed = diffStack("dev", tree(base), tree(head), noDiff);
  const warnings = loudWarnings(renamed, head, base);
  assert.deepEqual(
    warnings.map((w) => w.kind),
    ["vip-pair"],
  );
  assert.match(
    warnings[0].message,
    /deletes EVERY load balancer of VIP pair `dev-api` \(`dev-api-lb-0`, `dev-api-lb-1`\) and creates `stg-api-lb-0`, `stg-api-lb-1` under new names/,
  );
  const one = diffStack("dev", tree(base), tree([base[0]]), noDiff);
  assert.deepEqual(loudWarnings(one, [base[0]], base), []);
});

test("a dynamic resource whose only change is its serialized provider says so, with the code's digests", () => {
  const settle = (code: string): ResourceRow => ({
    type: "pulumi-nodejs:dynamic/failover:SettleDelay",
    name: "settle",
    urn: `${URN}pulumi-nodejs:dynamic/failover:SettleDelay::settle`,
    parent: null,
    options: {},
    inputs: { __provider: code, gateway: "10.0.0.2", seconds: 45 },
  });
  const diff = diffStack("dev", tree([settle("exports.a = 1;")]), tree([settle("exports.a = 2;")]), noDiff);
  const report = renderReport({ base: "a", head: "b", stacks: [diff], warnings: [], failures: [] });
  assert.match(
    report,
    /- provider code changed \(dynamic provider; its diff decides — see @pulumi\/pulumi\/cmd\/dynamic-provider\) `settle`/,
  );
  assert.match(report, /`__provider`: code sha256 [0-9a-f]{12} -> code sha256 [0-9a-f]{12}/);
});

test("a report too long even without file diffs cuts each stack's resource list, replacements first, and fits", () => {
  const many = (n: number, size: string): ResourceRow[] =>
    Array.from({ length: n }, (_, i) =>
      droplet(`gw-${String(i).padStart(4, "0")}-${"x".repeat(60)}`, [], size),
    );
  const lb = {
    type: "openstack:compute/instance:Instance",
    name: "lb-0",
    urn: `${URN}openstack:compute/instance:Instance::lb-0`,
    parent: null,
    options: {},
  };
  const base = tree([...many(1500, "a"), { ...lb, inputs: { userData: "1" } }]);
  const head = tree([...many(1500, "b"), { ...lb, inputs: { userData: "2" } }]);
  const diff = diffStack("dev", base, head, noDiff);
  const report = renderReport({ base: "a", head: "b", stacks: [diff], warnings: [], failures: [] });
  assert.ok(report.length <= MAX_CHARS, `${report.length} characters`);
  assert.match(
    report,
    /more lines left out \(the comment's size limit; replacements and deletes come first\)/,
  );
  assert.ok(report.indexOf("**replace** `lb-0`") > 0, "the replacement is kept");
  const small = diffStack(
    "dev",
    tree([{ ...lb, inputs: { userData: "1" } }]),
    tree([{ ...lb, inputs: { userData: "2" } }]),
    noDiff,
  );
  const stacks = Array.from({ length: 300 }, (_, i) => ({ ...small, stack: `s${i}` }));
  const cut = renderReport({ base: "a", head: "b", stacks, warnings: [], failures: [] });
  assert.ok(cut.length <= MAX_CHARS, `${cut.length} characters for 300 stacks`);
  assert.match(cut, /report cut at the comment's size limit/);
});
