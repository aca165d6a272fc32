/** Stack-level run: every rule of the pack over every example stack, as `pulumi preview --policy-pack` would. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { blocking, runPolicies } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { evaluateStack } from "../harness/evaluate";
import { exampleStacks } from "../harness/stacks";

test("there are example stacks dev and prod", () => {
  assert.ok(exampleStacks().includes("dev") && exampleStacks().includes("prod"));
});

for (const stack of exampleStacks()) {
  test(`every policy passes on the ${stack} stack`, async () => {
    const { recorder } = await evaluateStack(stack);
    const violations = await runPolicies(allRules, recorder.resources);
    assert.deepEqual(blocking(violations), [], JSON.stringify(violations, null, 2));
  });
}
