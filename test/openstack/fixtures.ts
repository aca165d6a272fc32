/** Shared OpenStack test config and evaluations. */
import { evaluateStack, type Evaluation } from "../../offline/evaluate";

/** A valid section: created network, pinned addresses. The bad-input cases break one thing each. */
export const goodOpenstack = {
  clusterName: "unit",
  network: { cidr: "192.0.2.0/24" },
  vip: "192.0.2.10",
  clientCidrs: ["198.51.100.0/24"],
  adminCidrs: ["198.51.100.10/32"],
  loadBalancers: { image: "debian-12", flavor: "m1.small", fixedIps: ["192.0.2.11", "192.0.2.12"] },
  controlPlane: {
    image: "ubuntu-24.04",
    flavor: "m1.large",
    fixedIps: ["192.0.2.21", "192.0.2.22", "192.0.2.23"],
  },
};

const evaluated = new Map<string, Promise<Evaluation>>();

/**
 * `evaluateStack(stack)` once per test file: the records are read-only, and each evaluation costs
 * about a second of the area's test budget.
 */
export function evaluatedStack(stack: string): Promise<Evaluation> {
  let result = evaluated.get(stack);
  if (!result) {
    result = evaluateStack(stack);
    evaluated.set(stack, result);
  }
  return result;
}
