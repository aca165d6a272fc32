/** Property: with the longest names the kubernetesServices schema accepts, every derived name fits. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { derivedNameViolations, maxLabel } from "../harness/name-limits";
import { goodSection } from "./fixtures";

type Item = Record<string, unknown>;

test("kubernetesServices: maximal names keep Services, EndpointSlices, Ingresses and pools within their limits", async () => {
  await fc.assert(
    fc.asyncProperty(maxLabel(63), maxLabel(63), maxLabel(63), async (name, namespace, poolName) => {
      const section = goodSection();
      const lb = (section.internalLoadBalancers as Item[])[0];
      Object.assign(lb, { name, namespace });
      for (const service of section.externalServices as Item[]) {
        service.namespace = namespace;
        service.name = `${service.name as string}${name}`.slice(0, 63).replace(/-+$/, "x");
      }
      const metallb = section.metallb as Item;
      const pools = metallb.pools as Item[];
      pools[0].name = poolName;
      const ingress = section.ingressNginx as Item | undefined;
      if (ingress) {
        ingress.namespace = namespace;
        (ingress.loadBalancer as Item).metallbPool = poolName;
      }
      const violations = await derivedNameViolations({ kubernetesServices: section });
      assert.deepEqual(violations, []);
    }),
    { numRuns: 4 },
  );
});
