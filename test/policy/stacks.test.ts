/** Stack-level run: every rule of the pack over every example stack, as `pulumi preview --policy-pack` would. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runPolicies } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { evaluateStack } from "../../offline/evaluate";
import { asFirstPreview, policyConfigFor, unexpectedViolations } from "../../offline/policy";
import { exampleStacks } from "../../offline/stacks";

test("there are example stacks dev and prod", () => {
  assert.ok(exampleStacks().includes("dev") && exampleStacks().includes("prod"));
});

for (const stack of exampleStacks()) {
  test(`every policy passes on the ${stack} stack, with its policy/config/${stack}.json`, async () => {
    const { recorder } = await evaluateStack(stack);
    const config = policyConfigFor(stack);
    for (const resources of [recorder.resources, asFirstPreview(recorder.resources)]) {
      const violations = await runPolicies(allRules, resources, config);
      assert.deepEqual(unexpectedViolations(violations), [], JSON.stringify(violations, null, 2));
    }
  });
}

test("every example stack has a policy config, and each names rules and properties the pack declares", () => {
  for (const stack of exampleStacks()) {
    const config = policyConfigFor(stack);
    assert.ok(Object.keys(config).length > 0, `policy/config/${stack}.json is missing or empty`);
    for (const [name, entry] of Object.entries(config)) {
      const rule = allRules.find((r) => r.name === name);
      assert.ok(rule, `${stack}: no rule ${name}`);
      const declared = Object.keys(rule.configSchema?.properties ?? {});
      for (const key of Object.keys(entry).filter((k) => k !== "enforcementLevel"))
        assert.ok(declared.includes(key), `${stack}: ${name} declares no config ${key}`);
    }
  }
});

test("production stacks that still install ingress-nginx get the retirement advisory; dev does not", async () => {
  for (const [stack, expected] of [
    ["prod", 1],
    ["staging", 1],
    ["dev", 0],
  ] as const) {
    const { recorder } = await evaluateStack(stack);
    const advisories = (await runPolicies(allRules, recorder.resources, policyConfigFor(stack))).filter(
      (v) => v.policy === "ingress-nginx-retired",
    );
    assert.equal(advisories.length, expected, stack);
    for (const v of advisories) {
      assert.equal(v.enforcementLevel, "advisory");
      assert.match(v.message, /retired upstream in March 2026.*kubernetesServices\.traefik/);
    }
  }
});
