/**
 * Every rule over every example stack and the bad fixture as a first preview hands them to the
 * analyzer: each cloud-assigned value is the engine's unknown value. No rule may throw (the analyzer
 * would skip it as "can't run during preview"), none may raise a violation it does not raise with
 * the values known, and the example stacks pass.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { blocking, runPolicies, type Violation } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { containsUnknown } from "../../policy/unknowns";
import { asFirstPreview } from "../../offline/policy";
import { policyCases } from "./cases";

const key = (v: Violation) => `${v.policy} @ ${v.urn ?? "stack"}`;

test("a first preview has unknowns where the cloud assigns values, in every case", async () => {
  for (const c of await policyCases()) {
    const unknown = asFirstPreview(c.resources).filter((r) => containsUnknown(r.inputs));
    assert.ok(unknown.length > 0, `${c.name}: no resource input is unknown`);
  }
});

for (const rule of allRules) {
  test(`${rule.name} is correct in a first preview`, async () => {
    for (const c of await policyCases()) {
      const known = await runPolicies([rule], c.resources);
      const preview = await runPolicies([rule], asFirstPreview(c.resources));
      const skipped = preview.filter((v) => /can't run policy .* during preview/.test(v.message));
      assert.deepEqual(skipped, [], `${c.name}: the rule read an unknown value`);
      const knownKeys = new Set(blocking(known).map(key));
      const extra = blocking(preview).filter((v) => !knownKeys.has(key(v)));
      assert.deepEqual(extra, [], `${c.name}: violations only with unknowns (false positives)`);
      if (c.name !== "bad") assert.deepEqual(blocking(preview), [], `${c.name} must pass`);
    }
  });
}

test("the bad fixture's planted violations are still found in a first preview", async () => {
  const bad = (await policyCases()).find((c) => c.name === "bad");
  assert.ok(bad);
  const known = (await runPolicies(allRules, bad.resources)).map(key).sort();
  const preview = (await runPolicies(allRules, asFirstPreview(bad.resources))).map(key).sort();
  assert.deepEqual(preview, known);
});
