/**
 * What the ingress controller components (IngressNginx, Traefik) share: the pinned chart's release,
 * the chart's Service read back once the release exists, and the outputs they expose.
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

/**
 * The base of the controller components: installs `chart` under the component and exposes the
 * controller's outputs. Subclasses pass their token and chart; nothing else differs between them.
 */
export abstract class ChartController extends pulumi.ComponentResource implements ControllerOutputs {
  readonly namespace: pulumi.Output<string>;
  /** The controller's LoadBalancer Service. */
  readonly serviceName: pulumi.Output<string>;
  readonly className: pulumi.Output<string>;
  /** Address the controller's Service got from MetalLB or the cloud. */
  readonly address: pulumi.Output<string>;

  protected constructor(
    type: string,
    name: string,
    serviceSuffix: string,
    chart: ControllerChart,
    opts: pulumi.ComponentResourceOptions | undefined,
  ) {
    super(type, name, {}, opts);
    const outputs = installController(this, name, serviceSuffix, chart, opts);
    this.namespace = outputs.namespace;
    this.serviceName = outputs.serviceName;
    this.className = outputs.className;
    this.address = outputs.address;
    this.registerOutputs({
      namespace: this.namespace,
      serviceName: this.serviceName,
      className: this.className,
      address: this.address,
    });
  }
}
