/**
 * The Traefik ingress controller from its Helm chart (pinned version and repository), the
 * maintained alternative to the retired ingress-nginx: a `type: LoadBalancer` Service that takes a
 * MetalLB pool address or is a cloud-internal load balancer, and its IngressClass. Like
 * IngressNginx, a helm.v3.Release installs the chart at `up` time (nothing is fetched offline).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  controllerOutputRecord,
  controllerSpec,
  installController,
  type IngressControllerArgs,
} from "./chart-controller";
import { renderTraefikValues, TRAEFIK_FULLNAME, TRAEFIK_SERVICE } from "./render/traefik-values";
import { TRAEFIK_CHART_VERSION, TRAEFIK_IMAGE, TRAEFIK_REPOSITORY } from "./service-patterns-config";
import { TRAEFIK_NAMESPACE } from "./service-patterns-defaults";
import { requireImageRef, type ImageRef } from "../shared/image-ref";

export interface TraefikArgs extends IngressControllerArgs {
  /** Traefik image. @default TRAEFIK_IMAGE (the chart's appVersion, by tag: production needs a digest) */
  image?: ImageRef;
  /** Exact chart version. @default TRAEFIK_CHART_VERSION */
  chartVersion?: string;
  /** Chart repository. @default "https://traefik.github.io/charts" */
  repository?: string;
  /** Namespace, created by the release. @default "traefik" */
  namespace?: string;
}

/** The Traefik ingress controller from its pinned Helm chart, with a LoadBalancer Service on a MetalLB pool address or a cloud-internal load balancer. */
export class Traefik extends pulumi.ComponentResource {
  /** Namespace of the release. */
  readonly namespace: pulumi.Output<string>;
  /** The controller's LoadBalancer Service. */
  readonly serviceName: pulumi.Output<string>;
  /** The IngressClass the controller serves. */
  readonly className: pulumi.Output<string>;
  /** Address the controller's Service got from MetalLB or the cloud. */
  readonly address: pulumi.Output<string>;

  constructor(name: string, args: TraefikArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:kubernetes:Traefik", name, {}, opts);
    const spec = controllerSpec(name, args, args.image ?? requireImageRef(TRAEFIK_IMAGE));
    const outputs = installController(
      this,
      name,
      "service",
      {
        releaseName: TRAEFIK_FULLNAME,
        chart: "traefik",
        version: args.chartVersion ?? TRAEFIK_CHART_VERSION,
        repository: args.repository ?? TRAEFIK_REPOSITORY,
        namespace: args.namespace ?? TRAEFIK_NAMESPACE,
        values: renderTraefikValues(spec),
        serviceName: TRAEFIK_SERVICE,
        className: args.className,
      },
      opts,
    );
    this.namespace = outputs.namespace;
    this.serviceName = outputs.serviceName;
    this.className = outputs.className;
    this.address = outputs.address;
    this.registerOutputs(controllerOutputRecord(outputs));
  }
}
