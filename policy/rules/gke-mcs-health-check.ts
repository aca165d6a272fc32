/**
 * Every MultiClusterService behind a MultiClusterIngress refers to a BackendConfig with an
 * explicit health check; every ServiceImport behind an HTTPRoute has a HealthCheckPolicy. Without
 * one the load balancer probes `/` on the serving port, an Istio gateway answers 404, every backend
 * is marked unhealthy and clients get 502 from all clusters at once.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { containsUnknown } from "../unknowns";
import {
  BACKEND_CONFIG_TYPES,
  HEALTH_CHECK_POLICY_TYPE,
  HTTP_ROUTE_TYPE,
  MCI_TYPE,
  MCS_TYPE,
  backendConfigNames,
  explicitHealthCheck,
  keyOf,
  linksUnknown,
  list,
  mciBackendServices,
  metadataOf,
  ofTypes,
  propsOf,
  record,
} from "./gke-objects";

type Report = (message: string, urn?: string) => void;

function checkMultiClusterIngress(resources: readonly PolicyResource[], report: Report): void {
  const services = new Map(ofTypes(resources, [MCS_TYPE]).map((r) => [keyOf(propsOf(r)), r]));
  const backendConfigs = new Map(
    ofTypes(resources, BACKEND_CONFIG_TYPES).map((r) => [keyOf(propsOf(r)), propsOf(r)]),
  );
  // An object named by a value not known yet may be the one looked for: "not defined" is undecided.
  const namesUnknown = ofTypes(resources, [MCS_TYPE, ...BACKEND_CONFIG_TYPES]).some((r) =>
    linksUnknown(propsOf(r)),
  );
  for (const mci of ofTypes(resources, [MCI_TYPE])) {
    if (linksUnknown(propsOf(mci))) continue;
    const { namespace } = metadataOf(propsOf(mci));
    for (const serviceName of mciBackendServices(propsOf(mci))) {
      const mcs = services.get(`${namespace}/${serviceName}`);
      if (!mcs) {
        if (namesUnknown) continue;
        report(
          `${mci.name} sends traffic to MultiClusterService ${namespace}/${serviceName}, which this stack does not define.`,
          mci.urn,
        );
        continue;
      }
      if (linksUnknown(propsOf(mcs))) continue;
      const names = backendConfigNames(propsOf(mcs));
      if (!names) {
        report(
          `${mcs.name} backs a MultiClusterIngress but names no BackendConfig (annotation cloud.google.com/backend-config); ` +
            `the load balancer would probe "/" and mark an Istio gateway unhealthy. Add a BackendConfig with a health check.`,
          mcs.urn,
        );
        continue;
      }
      for (const name of names) {
        const bc = backendConfigs.get(`${namespace}/${name}`);
        if ((!bc && !namesUnknown) || (bc && !explicitHealthCheck(bc))) {
          report(
            `${mcs.name} refers to BackendConfig ${namespace}/${name}, which ${bc ? "has no explicit healthCheck (port/requestPath)" : "this stack does not define"}.`,
            mcs.urn,
          );
        }
      }
    }
  }
}

function checkGatewayRoutes(resources: readonly PolicyResource[], report: Report): void {
  const policies = ofTypes(resources, [HEALTH_CHECK_POLICY_TYPE]).map(propsOf);
  for (const route of ofTypes(resources, [HTTP_ROUTE_TYPE])) {
    if (linksUnknown(propsOf(route))) continue;
    const { namespace } = metadataOf(propsOf(route));
    const imports = list(record(propsOf(route).spec).rules)
      .flatMap((rule) => list(record(rule).backendRefs).map(record))
      .filter((ref) => ref.kind === "ServiceImport" && !containsUnknown(ref.name));
    for (const ref of imports) {
      const covered = policies.some((policy) => {
        const spec = record(policy.spec);
        const target = record(spec.targetRef);
        return (
          metadataOf(policy).namespace === namespace &&
          target.kind === "ServiceImport" &&
          (target.name === ref.name || containsUnknown(target.name)) &&
          Object.keys(record(record(spec.default).config)).length > 0
        );
      });
      if (!covered) {
        report(
          `${route.name} routes to ServiceImport ${namespace}/${String(ref.name)} without a HealthCheckPolicy that sets an explicit health check.`,
          route.urn,
        );
      }
    }
  }
}

export const gkeMcsHealthCheck: StackValidationPolicy = {
  name: "gke-mcs-health-check",
  description:
    "Every MultiClusterService behind an MCI (and ServiceImport behind an HTTPRoute) has an explicit health check.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    checkMultiClusterIngress(args.resources, reportViolation);
    checkGatewayRoutes(args.resources, reportViolation);
  },
};
