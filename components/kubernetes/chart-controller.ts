/**
 * What the ingress controller components (IngressNginx, Traefik) share, as free functions: their
 * common args, the pinned chart's release, the chart's Service read back once the release exists,
 * and the outputs they expose.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ImageRef } from "../shared/image-ref";
import { toIngressLoadBalancer, type ControllerLoadBalancer } from "./component-args";
import { loadBalancerAddress } from "./lb-address";
import type { IngressNginxSpec } from "./render/ingress-nginx-values";

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

/** One controller chart as a component installs it. */
export interface ControllerChart {
  /** Fixed release name: keeps the object names stable (no random suffix). */
  readonly releaseName: string;
  readonly chart: string;
  readonly version: string;
  readonly repository: string;
  readonly namespace: string;
  readonly values: pulumi.Input<Record<string, unknown>>;
  /** The chart's LoadBalancer Service and the IngressClass it serves. */
  readonly serviceName: string;
  readonly className: string;
}

/**
 * Installs the chart as a helm.v3.Release child of `parent` (logical name `name`) and reads its
 * Service back as `<name>-<serviceSuffix>`.
 */
export function installController(
  parent: pulumi.ComponentResource,
  name: string,
  serviceSuffix: string,
  chart: ControllerChart,
  opts: pulumi.ComponentResourceOptions | undefined,
): ControllerOutputs {
  const release = new k8s.helm.v3.Release(
    name,
    {
      name: chart.releaseName,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repository },
      namespace: chart.namespace,
      createNamespace: true,
      values: chart.values,
    },
    // A component's dependsOn does not hold back its children; pass it on (e.g. MetalLB pools).
    { parent, dependsOn: opts?.dependsOn },
  );
  return controllerOutputs(parent, `${name}-${serviceSuffix}`, release, chart);
}

/** The ingress controller traffic policy of the LoadBalancer Service. */
export const ExternalTrafficPolicy = { local: "Local", cluster: "Cluster" } as const;
export type ExternalTrafficPolicy = (typeof ExternalTrafficPolicy)[keyof typeof ExternalTrafficPolicy];

/** What IngressNginx and Traefik both take (each adds its own documented defaults). */
export interface IngressControllerArgs {
  /** IngressClass name (and the controller's class). */
  className: string;
  /** Mark the IngressClass as the cluster default and serve class-less Ingresses. */
  defaultClass: boolean;
  /** Controller replicas, spread over nodes by a preferred anti-affinity. */
  replicas: number;
  /** Local keeps client source IPs; Cluster spreads load but source-NATs. */
  externalTrafficPolicy: ExternalTrafficPolicy;
  /** Where the controller Service's address comes from; there is no public default. */
  loadBalancer: ControllerLoadBalancer;
  /** Labels every object of the release as production's (commonLabels), for the policy pack. @default false */
  production?: boolean;
}

/** The renderers' spec from a controller component's args (the image already defaulted). */
export function controllerSpec(
  component: string,
  args: IngressControllerArgs,
  image: ImageRef,
): IngressNginxSpec {
  return {
    className: args.className,
    defaultClass: args.defaultClass,
    replicas: args.replicas,
    externalTrafficPolicy: args.externalTrafficPolicy,
    loadBalancer: toIngressLoadBalancer(component, args.loadBalancer),
    image,
    production: args.production,
  };
}

/**
 * What a controller component registers as its outputs. The components extend
 * pulumi.ComponentResource directly (the component analyzer recognises no other base), so what
 * they share is composition: installController, controllerSpec and this.
 */
export function controllerOutputRecord(outputs: ControllerOutputs): pulumi.Inputs {
  return {
    namespace: outputs.namespace,
    serviceName: outputs.serviceName,
    className: outputs.className,
    address: outputs.address,
  };
}
