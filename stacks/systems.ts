/**
 * Every system the stack program knows; a new system is one entry here, among the steps of README
 * "Adding a system". Order matters only for the order of registration in previews.
 */
import { gkeSystem } from "../components/gcp/system";
import { kubernetesServicesSystem } from "../components/kubernetes/service-patterns-system";
import type { SystemModule } from "../components/shared/system";
import { digitaloceanSystem } from "../components/digitalocean/system";
import { openshiftSystem } from "../components/openshift/system";
import { openstackSystem } from "../components/openstack/system";

/** A tuple, not SystemModule[]: stacks/contract-systems.ts checks each entry's output keys against the contract. */
export const systems = [
  openstackSystem,
  digitaloceanSystem,
  openshiftSystem,
  gkeSystem,
  kubernetesServicesSystem,
] as const satisfies readonly SystemModule[];
