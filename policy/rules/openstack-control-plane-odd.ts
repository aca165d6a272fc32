/**
 * The control plane of each OpenStack cluster has an odd number of nodes: etcd needs a majority,
 * so a fourth node adds a failure point without tolerating one more failure. Nodes are the
 * instances whose metadata says role=control-plane.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { containsUnknown } from "../unknowns";
import { clusterOf, OS_INSTANCE, propsOf, withRole } from "./openstack-resources";

export const openstackControlPlaneOdd: StackValidationPolicy = {
  name: "openstack-control-plane-odd",
  description: "Each OpenStack cluster runs an odd number of control-plane instances.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    // An instance whose role or cluster is not known yet could change any count: judged at update.
    const instances = args.resources.filter((r) => r.type === OS_INSTANCE);
    if (instances.some((r) => containsUnknown([propsOf(r).metadata, propsOf(r).tags]))) return;
    const counts = new Map<string, number>();
    for (const node of withRole(args.resources, OS_INSTANCE, "control-plane")) {
      counts.set(clusterOf(node), (counts.get(clusterOf(node)) ?? 0) + 1);
    }
    for (const [cluster, count] of counts) {
      if (count % 2 === 0) {
        reportViolation(
          `Cluster ${cluster} has ${count} control-plane instances; etcd needs an odd count. Use ${count + 1} ` +
            `(or ${count - 1}).`,
        );
      }
    }
  },
};
