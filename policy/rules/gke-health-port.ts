/**
 * The port a BackendConfig probes is one the MultiClusterService exposes. A probe on a port the
 * NEGs do not cover fails everywhere, and the whole ingress goes down at once.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import {
  BACKEND_CONFIG_TYPES,
  MCS_TYPE,
  backendConfigNames,
  explicitHealthCheck,
  keyOf,
  linksUnknown,
  mcsPorts,
  metadataOf,
  ofTypes,
  propsOf,
} from "./gke-objects";

export const gkeHealthPort: StackValidationPolicy = {
  name: "gke-health-port",
  description: "A BackendConfig's health-check port is among the ports of the MultiClusterService using it.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const backendConfigs = new Map(
      ofTypes(args.resources, BACKEND_CONFIG_TYPES).map((r) => [keyOf(propsOf(r)), propsOf(r)]),
    );
    for (const mcs of ofTypes(args.resources, [MCS_TYPE])) {
      const props = propsOf(mcs);
      const { namespace } = metadataOf(props);
      const ports = mcsPorts(props);
      if (!ports || linksUnknown(props)) continue;
      for (const name of backendConfigNames(props) ?? []) {
        const bc = backendConfigs.get(`${namespace}/${name}`);
        const port = bc ? explicitHealthCheck(bc)?.port : undefined;
        if (port !== undefined && !ports.includes(port)) {
          reportViolation(
            `${mcs.name} is probed on port ${port} (BackendConfig ${name}), which it does not expose (${ports.join(", ")}). ` +
              `Add the status port to the MultiClusterService ports or fix healthCheck.port.`,
            mcs.urn,
          );
        }
      }
    }
  },
};
