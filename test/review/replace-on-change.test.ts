/** Every resource type the example stacks register has a row in the replacement table, with a source. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizePath, replaceRuleFor, touches } from "../../scripts/review/replace-on-change";
import { evaluateStack } from "../../offline/evaluate";
import { exampleStacks } from "../../offline/stacks";

test("every type the example stacks register has a replace-on-change row (or an explicit none) with its source", async () => {
  const types = new Set<string>();
  for (const stack of exampleStacks()) {
    const { recorder } = await evaluateStack(stack, {}, {});
    for (const r of recorder.resources) types.add(r.type);
  }
  assert.ok(types.size > 30, "the stacks register their usual types");
  const missing = [...types].filter((t) => replaceRuleFor(t) === undefined).sort();
  assert.deepEqual(missing, [], "add a row to scripts/review/replace-on-change.ts for each");
  for (const type of types) assert.ok((replaceRuleFor(type)?.source.length ?? 0) > 20, `${type}: a source`);
  assert.equal(replaceRuleFor("acme:index/widget:Widget"), undefined, "an unknown type has no row");
});

test("the rows say what the providers document at the pinned versions", () => {
  assert.ok(replaceRuleFor("openstack:compute/instance:Instance")?.paths.includes("userData"));
  assert.ok(replaceRuleFor("digitalocean:index/droplet:Droplet")?.paths.includes("userData"));
  assert.ok(replaceRuleFor("kubernetes:apps/v1:Deployment")?.paths.includes("spec.selector"));
  assert.ok(replaceRuleFor("kubernetes:core/v1:Service")?.paths.includes("spec.clusterIP"));
  assert.deepEqual(
    replaceRuleFor("failover:openstack:LoadBalancerPair")?.paths,
    [],
    "components never replace",
  );
  assert.deepEqual(replaceRuleFor("digitalocean:index/firewall:Firewall")?.paths, []);
});

test("a changed path touches a replace-on-change path at, below or above it, never beside it", () => {
  assert.ok(touches("userData", "userData"));
  assert.ok(touches("spec.selector.matchLabels.app", "spec.selector"));
  assert.ok(touches("networks[0].port", "networks"));
  assert.ok(touches("spec", "spec.selector"), "a whole new spec changes the selector too");
  assert.ok(touches('metadata.labels["a.b/c"]', "metadata"));
  assert.ok(!touches("spec.selectorX", "spec.selector"));
  assert.ok(!touches("spec.replicas", "spec.selector"));
  assert.equal(normalizePath('metadata.labels["a.b/c"]'), "metadata.labels.a.b/c");
});
