/** Property: with the longest names the openstack schema accepts, every derived name fits its limit. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { ENVIRONMENT_MAX } from "../../components/shared/settings";
import { derivedNameViolations, maxLabel } from "../harness/name-limits";
import { goodOpenstack } from "./fixtures";

/** The schema's cap on clusterName (components/openstack/config.ts). */
const CLUSTER_NAME_MAX = 40;

test("openstack: maximal names keep every server, port and group name within its limit", async () => {
  await fc.assert(
    fc.asyncProperty(
      maxLabel(ENVIRONMENT_MAX),
      maxLabel(CLUSTER_NAME_MAX),
      async (environment, clusterName) => {
        const violations = await derivedNameViolations({
          environment,
          openstack: {
            ...goodOpenstack,
            clusterName,
            workers: { count: 3, image: "ubuntu-24.04", flavor: "m1.large" },
          },
        });
        assert.deepEqual(violations, []);
      },
    ),
    { numRuns: 4 },
  );
});
