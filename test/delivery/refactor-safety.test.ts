/**
 * Refactor safety: a change that removes or renames a URN would delete or replace live
 * infrastructure, and a change that removes an output key breaks other teams. Both fail here until
 * aliases cover the move (URNs) or `contractVersion` is bumped (outputs), and the baseline is
 * re-recorded on purpose with `npm run baseline`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { baselineOf, lostUrns, readBaseline, aliasUrns } from "../../offline/baseline";
import { evaluateStack } from "../../offline/evaluate";
import { exampleStacks } from "../../offline/stacks";
import { fakeRecord } from "../harness/fake-record";

for (const stack of exampleStacks()) {
  test(`${stack}: no URN of the baseline is lost, and output keys change only with contractVersion`, async () => {
    const baseline = readBaseline(stack);
    assert.ok(baseline, `no baseline for ${stack}: run npm run baseline`);
    const evaluation = await evaluateStack(stack);
    const current = baselineOf(evaluation);
    const lost = lostUrns(baseline, evaluation.recorder.resources);
    assert.deepEqual(
      lost,
      [],
      `these URNs would be deleted or replaced; add aliases or re-baseline on purpose`,
    );
    const removedKeys = baseline.outputKeys.filter((k) => !current.outputKeys.includes(k));
    if (removedKeys.length > 0) {
      assert.ok(
        current.contractVersion > baseline.contractVersion,
        `output keys ${removedKeys.join(", ")} were removed without bumping contractVersion`,
      );
    }
    assert.deepEqual(current, baseline, "the stack changed: review it, then run npm run baseline");
  });
}

const record = fakeRecord;

test("a renamed resource is lost unless an alias names its old URN", () => {
  const old = "urn:pulumi:dev::failover-stacks::failover:x:Pair$openstack:networking/port:Port::lb-1";
  const renamed = "urn:pulumi:dev::failover-stacks::failover:x:Pair$openstack:networking/port:Port::lb-a";
  const parent = record("urn:pulumi:dev::failover-stacks::failover:x:Pair::pair", { custom: false });
  const baseline = { contractVersion: 1, outputKeys: [], urns: [old] };
  assert.deepEqual(lostUrns(baseline, [parent, record(renamed, { parent: parent.urn })]), [old]);
  const aliased = record(renamed, { parent: parent.urn, aliases: [{ spec: { name: "lb-1" } }] });
  assert.deepEqual(aliasUrns(aliased, [parent, aliased]), [old]);
  assert.deepEqual(lostUrns(baseline, [parent, aliased]), []);
  assert.deepEqual(lostUrns(baseline, [parent, record(renamed, { aliases: [{ urn: old }] })]), []);
});
