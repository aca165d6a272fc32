/** The `openshift` system: validated config in, one IpFailover component per instance out. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { defineSystem } from "../shared/system";
import { openshiftCrossCheck, openshiftSchema, type OpenShiftConfig } from "./config";
import { IpFailover, type IpFailoverSummary } from "./ipfailover";
import { openshiftOutputSchemas } from "./outputs";
import { renderNamespace } from "./render/manifests";

export interface OpenShiftOutputs {
  /** One entry per instance: VIPs, router-id range, interface, node selector. */
  readonly ipfailover: readonly IpFailoverSummary[];
}

export function deployOpenShift(
  config: OpenShiftConfig,
  settings: { production: boolean },
): OpenShiftOutputs {
  const provider = new k8s.Provider(
    "openshift",
    config.kubeconfig !== undefined
      ? { kubeconfig: pulumi.secret(config.kubeconfig) }
      : { context: config.context },
  );
  const namespaces = new Map<string, k8s.core.v1.Namespace>();
  if (config.createNamespaces) {
    for (const name of new Set(config.instances.map((i) => i.namespace))) {
      namespaces.set(
        name,
        new k8s.core.v1.Namespace(`openshift-ns-${name}`, renderNamespace(name), { provider }),
      );
    }
  }
  const ipfailover = config.instances.map(
    (instance) =>
      new IpFailover(
        instance.name,
        { instance, after: namespaces.get(instance.namespace), production: settings.production },
        { provider },
      ).summary,
  );
  return { ipfailover };
}

export const openshiftSystem = defineSystem({
  section: "openshift",
  title: "OpenShift IP failover (keepalived ipfailover Deployments)",
  schema: openshiftSchema,
  outputs: openshiftOutputSchemas,
  crossCheck: openshiftCrossCheck,
  deploy: deployOpenShift,
});
