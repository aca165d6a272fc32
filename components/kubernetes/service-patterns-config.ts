/**
 * The `failover-stacks:kubernetesServices` config section: internal load balancers, external
 * services behind Ingress, MetalLB layer 2 pools and the ingress-nginx controller. Every value is
 * checked here, before anything registers (see docs/kubernetes-service-patterns.md): shapes in
 * service-patterns-fields.ts, relations between fields in service-patterns-checks.ts.
 */
import { z } from "zod";
import { problem, secretText, type ConfigIssue } from "../shared/config-errors";
import { clientCidr, distinctList, dnsLabel } from "../shared/zod-net";
import { labelMap, serviceName } from "./kubernetes-fields";
import { metallbFieldProblems } from "./metallb-versions";
import {
  controllerClashes,
  externalServiceProblems,
  ingressNginxProblems,
  metallbProblems,
  servicePortProblems,
} from "./service-patterns-checks";
import {
  SAME_SOURCE,
  externalService,
  ingressNginx,
  internalLbCloud,
  metallbFields,
  servicePort,
  traefik,
} from "./service-patterns-fields";

export {
  INGRESS_NGINX_CHART_VERSION,
  INGRESS_NGINX_IMAGE,
  INGRESS_NGINX_REPOSITORY,
  INTERNAL_LB_CLOUDS,
  TRAEFIK_CHART_VERSION,
  TRAEFIK_IMAGE,
  TRAEFIK_REPOSITORY,
} from "./service-patterns-fields";
export type {
  ExternalServiceConfig,
  IngressControllerConfig,
  IngressNginxConfig,
  InternalLbCloud,
  MetallbConfig,
  ServicePortConfig,
} from "./service-patterns-fields";

function addIssues(ctx: z.core.$RefinementCtx, issues: readonly ConfigIssue[]): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
}

const internalLoadBalancer = z
  .object({
    name: serviceName,
    namespace: dnsLabel.default("default"),
    cloud: internalLbCloud,
    ports: z
      .array(servicePort)
      .min(1)
      .superRefine((ports, ctx) => addIssues(ctx, servicePortProblems(ports))),
    /** Pod labels the Service selects. */
    selector: labelMap,
    /** Client networks allowed through the load balancer (loadBalancerSourceRanges). @default [] (cloud default) */
    sourceRanges: distinctList(clientCidr, SAME_SOURCE).default([]),
  })
  .strict();
export type InternalLoadBalancerConfig = z.output<typeof internalLoadBalancer>;

const metallb = metallbFields.superRefine((value, ctx) =>
  addIssues(ctx, [...metallbProblems(value), ...metallbFieldProblems(value)]),
);

export const servicePatternsSchema = z
  .object({
    /** Kubeconfig contents (keep it a secret: pulumi config set --secret). @default ambient kubeconfig */
    kubeconfig: secretText("kubeconfig").optional(),
    /** Kubeconfig context to use. @default the current context */
    context: z.string().min(1).optional(),
    internalLoadBalancers: z.array(internalLoadBalancer).default([]),
    externalServices: z
      .array(externalService)
      .default([])
      .superRefine((services, ctx) => addIssues(ctx, externalServiceProblems(services))),
    metallb: metallb.optional(),
    ingressNginx: ingressNginx.optional(),
    /** The Traefik ingress controller (the maintained choice); may run beside ingress-nginx during a move. */
    traefik: traefik.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.ingressNginx?.enabled) addIssues(ctx, ingressNginxProblems(value.ingressNginx, value.metallb));
    if (value.traefik?.enabled) addIssues(ctx, ingressNginxProblems(value.traefik, value.metallb, "traefik"));
    addIssues(ctx, controllerClashes(value.ingressNginx, value.traefik));
    const names = new Map<string, number>();
    value.internalLoadBalancers.forEach((lb, i) => {
      const key = `${lb.namespace}/${lb.name}`;
      const first = names.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["internalLoadBalancers", i, "name"],
          message: problem(
            `${key} is already used by internalLoadBalancers[${first}]`,
            "give it another name",
          ),
        });
      } else names.set(key, i);
    });
  });
export type ServicePatternsConfig = z.output<typeof servicePatternsSchema>;
