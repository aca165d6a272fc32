/** Property: with the longest names the gke schema accepts, every derived name fits its limit. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { BASE_NAME_MAX } from "../../components/gcp/names";
import { assertRejected } from "../harness/bad-config";
import { derivedNameViolations, maxLabel } from "../harness/name-limits";
import { validGke, withGke } from "./fixtures";

test("gke: maximal names keep Compute, GKE Hub and Kubernetes names within their limits", async () => {
  await fc.assert(
    fc.asyncProperty(
      maxLabel(BASE_NAME_MAX),
      maxLabel(63),
      maxLabel(63),
      maxLabel(63),
      async (name, member, serviceName, namespace) => {
        const base = validGke();
        const clusters = base.clusters as Array<Record<string, unknown>>;
        const violations = await derivedNameViolations({
          gke: withGke({
            name,
            configCluster: member,
            namespace,
            clusters: [{ ...clusters[0], name: member }, ...clusters.slice(1)],
            service: { ...(base.service as object), name: serviceName },
            tls: { managedDomains: ["shop.example.com"] },
          }),
        });
        assert.deepEqual(violations, []);
      },
    ),
    { numRuns: 4 },
  );
});

test("gke: a base name one character over the cap is refused with the derived-name reason", async () => {
  const long = "a".repeat(BASE_NAME_MAX + 1);
  await assertRejected({
    name: "name too long for <name>-lb-health-checks",
    config: { gke: withGke({ name: long }) },
    key: "failover-stacks:gke.name",
    value: `"${long}"`,
    fix: `shorten it to at most ${BASE_NAME_MAX} characters`,
  });
});
