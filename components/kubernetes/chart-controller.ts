/**
 * What the ingress controller components (IngressNginx, Traefik) share: the chart's Service read
 * back once the release exists, and the outputs they expose.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadBalancerAddress } from "./lb-address";

export interface ControllerOutputs {
  readonly namespace: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  readonly className: pulumi.Output<string>;
  readonly address: pulumi.Output<string>;
}

/**
 * The Service is made by the chart; read it back (as `<name>-<suffix>`) to expose its address. The
 * id comes from the release's status, so a first preview does not read a missing object.
 */
export function controllerOutputs(
  parent: pulumi.ComponentResource,
  readName: string,
  release: k8s.helm.v3.Release,
  chart: { namespace: string; serviceName: string; className: string },
): ControllerOutputs {
  const service = k8s.core.v1.Service.get(
    readName,
    release.status.apply((s) => `${s.namespace}/${chart.serviceName}`),
    { parent, dependsOn: [release] },
  );
  return {
    namespace: pulumi.output(chart.namespace),
    serviceName: pulumi.output(chart.serviceName),
    className: pulumi.output(chart.className),
    address: loadBalancerAddress(service.status),
  };
}
