/**
 * `npm run baseline`: records the URNs and output keys of every example stack in test/baselines/.
 * Run it only on purpose: after adding resources, or after a reviewed rename that is covered by
 * aliases or accepted as a replacement (see docs/outputs.md, "Refactor safety").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stableJson } from "./synth/stable";
import { baselineOf, baselinePath } from "../offline/baseline";
import { evaluateStack } from "../offline/evaluate";
import { exampleStacks } from "../offline/stacks";

async function main(): Promise<void> {
  for (const stack of exampleStacks()) {
    const baseline = baselineOf(await evaluateStack(stack));
    mkdirSync(path.dirname(baselinePath(stack)), { recursive: true });
    writeFileSync(baselinePath(stack), stableJson(baseline));
    console.log(
      `${stack}: ${baseline.urns.length} URNs, ${baseline.outputKeys.length} outputs -> ${baselinePath(stack)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
