/** Stack-level run: every rule of the pack over every example stack, as `pulumi preview --policy-pack` would. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { blocking, runPolicies } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { evaluateStack } from "../harness/evaluate";
import { exampleStacks } from "../harness/stacks";
import { unexpectedViolations } from "../harness/policy";

test("there are example stacks dev and prod", () => {
  assert.ok(exampleStacks().includes("dev") && exampleStacks().includes("prod"));
});

for (const stack of exampleStacks()) {
  test(`every policy passes on the ${stack} stack`, async () => {
    const { recorder } = await evaluateStack(stack);
    const violations = await runPolicies(allRules, recorder.resources);
    assert.deepEqual(blocking(violations), [], JSON.stringify(violations, null, 2));
    assert.deepEqual(unexpectedViolations(violations), [], JSON.stringify(violations, null, 2));
  });
}

test("production stacks that still install ingress-nginx get the retirement advisory; dev does not", async () => {
  for (const [stack, expected] of [
    ["prod", 1],
    ["staging", 1],
    ["dev", 0],
  ] as const) {
    const { recorder } = await evaluateStack(stack);
    const advisories = (await runPolicies(allRules, recorder.resources)).filter(
      (v) => v.policy === "ingress-nginx-retired",
    );
    assert.equal(advisories.length, expected, stack);
    for (const v of advisories) {
      assert.equal(v.enforcementLevel, "advisory");
      assert.match(v.message, /retired upstream in March 2026.*kubernetesServices\.traefik/);
    }
  }
});
