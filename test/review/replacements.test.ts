/** Replacement detection on hand-made synth trees: conditional rows and the edge cases of matching. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { diffStack } from "../../scripts/review/diff";
import { isDowngrade } from "../../scripts/review/replace-on-change";
import type { ResourceRow, SynthTree } from "../../scripts/review/tree";

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
