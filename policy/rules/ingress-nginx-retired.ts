/**
 * ingress-nginx was retired upstream in March 2026: no releases and no security fixes since. A
 * production stack that installs its chart gets an ADVISORY (it does not block: existing stacks
 * keep deploying while they move) naming the maintained alternative this repository offers, the
 * Traefik chart (`kubernetesServices.traefik`, docs/kubernetes-service-patterns.md). Production is
 * read as in images-by-digest: the release's `commonLabels`, or the rule config `production: true`.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PRODUCTION_LABEL } from "../../components/shared/production-label";
import { HELM_RELEASE_TYPE } from "./images-by-digest";
import { known } from "./known";

type Props = Record<string, unknown>;

const obj = (value: unknown): Props | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : undefined;

export const ingressNginxRetired: ResourceValidationPolicy = {
  name: "ingress-nginx-retired",
  description:
    "Advisory: production installs the ingress-nginx chart, retired upstream in March 2026 (no more security fixes).",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      production: { type: "boolean", default: false, description: "Treat every release as production's." },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== HELM_RELEASE_TYPE) return;
    const props = args.props as Props;
    const chart = known(() => props.chart);
    if (typeof chart !== "string" || (chart !== "ingress-nginx" && !chart.endsWith("/ingress-nginx"))) return;
    const { production = false } = args.getConfig<{ production?: boolean }>();
    const labels = known(() => obj(obj(props.values)?.commonLabels));
    if (!production && known(() => labels?.[PRODUCTION_LABEL]) !== "true") return;
    reportViolation(
      `${args.name} installs ingress-nginx, retired upstream in March 2026: no security fixes any more for a ` +
        "controller that holds every TLS key. Move to Traefik: configure kubernetesServices.traefik with its " +
        "own className beside ingressNginx, switch the Ingresses' ingressClass, then set ingressNginx.enabled: " +
        "false (docs/kubernetes-service-patterns.md).",
    );
  },
};
