/** Every output of every example stack is part of the contract and has the documented shape. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { checkOutput } from "../../stacks/consumer";
import { isOutputKey, outputSchemas } from "../../stacks/contract";
import { composeOutputs } from "../../stacks/outputs";
import { evaluateStack } from "../../offline/evaluate";
import { REPO_ROOT } from "../../offline/stack-file";
import { exampleStacks } from "../../offline/stacks";

for (const stack of exampleStacks()) {
  test(`${stack}: every output key has a contract schema and its value matches it`, async () => {
    const { outputs } = await evaluateStack(stack);
    for (const [key, output] of Object.entries(outputs)) {
      assert.ok(isOutputKey(key), `output ${key} is not in stacks/contract.ts`);
      assert.doesNotThrow(() => checkOutput(stack, key, output.value), `output ${key}`);
    }
  });
}

test("docs/outputs.md documents every output key of the contract", () => {
  const doc = readFileSync(path.join(REPO_ROOT, "docs", "outputs.md"), "utf8");
  for (const key of Object.keys(outputSchemas))
    assert.ok(doc.includes(`\`${key}\``), `docs/outputs.md lacks ${key}`);
});

test("the program refuses to export a key the contract does not know", () => {
  assert.throws(
    () => composeOutputs("dev", [{ section: "demo", outputs: { notInContract: 1 } }]),
    /demo exports notInContract, which is not in the outputs contract/,
  );
});
