/** Property: with the longest names the openshift schema accepts, every derived name fits its limit. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { derivedNameViolations, maxLabel } from "../harness/name-limits";

test("openshift: maximal instance and namespace names keep every object name and label within its limit", async () => {
  await fc.assert(
    fc.asyncProperty(maxLabel(63), maxLabel(63), async (name, namespace) => {
      const violations = await derivedNameViolations({
        openshift: {
          context: "names",
          instances: [
            {
              name,
              namespace,
              virtualIps: ["192.0.2.10"],
              interface: "ens3",
              checkScript: "exit 0",
              notifyScript: "true",
              vrrpIdOffset: 0,
              replicas: 2,
              image: { tag: "4.18" },
            },
          ],
        },
      });
      assert.deepEqual(violations, []);
    }),
    { numRuns: 4 },
  );
});
