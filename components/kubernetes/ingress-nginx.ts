/**
 * The ingress-nginx controller from its Helm chart (pinned version and repository) with a
 * `type: LoadBalancer` Service that takes a MetalLB pool address or is a cloud-internal load
 * balancer, and its IngressClass. A helm.v3.Release installs the chart at `up` time through the
 * provider, so evaluating the program fetches nothing (the chart is not rendered offline).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  controllerOutputRecord,
  controllerSpec,
  installController,
  type IngressControllerArgs,
} from "./chart-controller";
import { INGRESS_NGINX_SERVICE, renderIngressNginxValues } from "./render/ingress-nginx-values";
import {
  INGRESS_NGINX_CHART_VERSION,
  INGRESS_NGINX_IMAGE,
  INGRESS_NGINX_REPOSITORY,
} from "./service-patterns-config";
import { INGRESS_NGINX_NAMESPACE } from "./service-patterns-defaults";
import { requireImageRef, type ImageRef } from "../shared/image-ref";

export interface IngressNginxArgs extends IngressControllerArgs {
  /** Controller image. @default INGRESS_NGINX_IMAGE (the image chart INGRESS_NGINX_CHART_VERSION ships) */
  image?: ImageRef;
  /** Exact chart version. @default INGRESS_NGINX_CHART_VERSION */
  chartVersion?: string;
  /** Chart repository. @default "https://kubernetes.github.io/ingress-nginx" */
  repository?: string;
  /** Namespace, created by the release. @default "ingress-nginx" */
  namespace?: string;
}

/** The ingress-nginx controller from its pinned Helm chart, with a LoadBalancer Service on a MetalLB pool address or a cloud-internal load balancer. */
export class IngressNginx extends pulumi.ComponentResource {
  /** Namespace of the release. */
  readonly namespace: pulumi.Output<string>;
  /** The controller's LoadBalancer Service. */
  readonly serviceName: pulumi.Output<string>;
  /** The IngressClass the controller serves. */
  readonly className: pulumi.Output<string>;
  /** Address the controller's Service got from MetalLB or the cloud. */
  readonly address: pulumi.Output<string>;

  constructor(name: string, args: IngressNginxArgs, opts?: pulumi.ComponentResourceOptions) {
    super("failover:kubernetes:IngressNginx", name, {}, opts);
    const spec = controllerSpec(name, args, args.image ?? requireImageRef(INGRESS_NGINX_IMAGE));
    const outputs = installController(
      this,
      name,
      "controller",
      {
        releaseName: "ingress-nginx",
        chart: "ingress-nginx",
        version: args.chartVersion ?? INGRESS_NGINX_CHART_VERSION,
        repository: args.repository ?? INGRESS_NGINX_REPOSITORY,
        namespace: args.namespace ?? INGRESS_NGINX_NAMESPACE,
        values: renderIngressNginxValues(spec),
        serviceName: INGRESS_NGINX_SERVICE,
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
