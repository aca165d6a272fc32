/** The whole pack over a deliberately bad stack: every planted violation is reported, nothing else. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { blocking, runPolicies } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { badStackProgram, EXPECTED_VIOLATIONS } from "../fixtures/bad-stack";
import { installMocks } from "../../offline/mocks";
import { settle } from "../../offline/resolve";

test("the bad fixture stack fails the pack with exactly the planted violations", async () => {
  const recorder = await installMocks({ stack: "bad" });
  badStackProgram();
  await settle();
  const violations = await runPolicies(allRules, recorder.resources);
  const found = violations.map((v) => `${v.policy} @ ${v.urn ? v.urn.split("::").pop() : "stack"}`).sort();
  const expected = EXPECTED_VIOLATIONS.map(([rule, resource]) => `${rule} @ ${resource}`).sort();
  assert.deepEqual(found, expected);
  const advisory = new Set(allRules.filter((r) => r.enforcementLevel === "advisory").map((r) => r.name));
  for (const v of violations) {
    const level = advisory.has(v.policy) ? "advisory" : "mandatory";
    assert.equal(v.enforcementLevel, level, `${v.policy} is ${level}`);
  }
  assert.equal(blocking(violations).length, violations.filter((v) => !advisory.has(v.policy)).length);
  const covered = new Set(EXPECTED_VIOLATIONS.map(([rule]) => rule));
  assert.deepEqual(
    allRules.map((r) => r.name).filter((name) => !covered.has(name)),
    [],
    "every rule of the pack is tripped by the bad stack",
  );
});
