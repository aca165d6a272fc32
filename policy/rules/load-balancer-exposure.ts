/**
 * A `type: LoadBalancer` Service gets a PUBLIC load balancer on every cloud unless it carries that
 * cloud's internal annotation. This rule makes exposure explicit: a LoadBalancer Service (or the
 * ingress-nginx or Traefik chart's Service, LoadBalancer by default) must be internal
 * with the right annotation, take a MetalLB pool address, or say
 * `failover-stacks.io/exposure: public` on purpose.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { INTERNAL_LB_ANNOTATIONS } from "../../components/kubernetes/render/internal-lb-annotations";
import { EXPOSURE_ANNOTATION, INTERNAL_CLOUD_ANNOTATION } from "../../components/kubernetes/render/manifest";
import { containsUnknown, peek } from "../unknowns";

type Props = Record<string, unknown>;
type Annotations = Record<string, unknown>;

const METALLB_POOL_ANNOTATIONS = ["metallb.universe.tf/address-pool", "metallb.io/address-pool"];
const PUBLIC_SCHEME = {
  key: "service.beta.kubernetes.io/aws-load-balancer-scheme",
  value: "internet-facing",
};

const object = (value: unknown): Props =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : {};

function carries(annotations: Annotations, expected: Readonly<Record<string, string>>): string[] {
  return Object.entries(expected)
    .filter(([key, value]) => annotations[key] !== value)
    .map(([key, value]) => `${key}: "${value}"`);
}

/** Why a LoadBalancer Service with these annotations would be exposed wrongly, or undefined. */
export function exposureProblem(annotations: Annotations): string | undefined {
  // Undecidable in a first preview; Analyze runs again with the real values before the update.
  if (containsUnknown(annotations)) return undefined;
  const exposure = annotations[EXPOSURE_ANNOTATION];
  if (exposure === "public") return undefined;
  if (annotations[PUBLIC_SCHEME.key] === PUBLIC_SCHEME.value) {
    return `it asks for an internet-facing AWS load balancer without ${EXPOSURE_ANNOTATION}: public`;
  }
  if (exposure === "metallb") {
    return METALLB_POOL_ANNOTATIONS.some((key) => typeof annotations[key] === "string")
      ? undefined
      : "it is marked metallb but names no pool (metallb.universe.tf/address-pool)";
  }
  if (exposure === "internal") {
    const cloud = String(annotations[INTERNAL_CLOUD_ANNOTATION]);
    const expected = (INTERNAL_LB_ANNOTATIONS as Record<string, Readonly<Record<string, string>>>)[cloud];
    if (!expected) return `it is marked internal for an unknown cloud "${cloud}"`;
    const missing = carries(annotations, expected);
    return missing.length > 0
      ? `it is marked internal on ${cloud} but lacks ${missing.join(", ")}`
      : undefined;
  }
  // Not ours: accept any cloud's complete internal annotation set, or a MetalLB pool.
  const internal = Object.values(INTERNAL_LB_ANNOTATIONS).some(
    (set) => carries(annotations, set).length === 0,
  );
  const pool = METALLB_POOL_ANNOTATIONS.some((key) => typeof annotations[key] === "string");
  return internal || pool
    ? undefined
    : "it has no internal load-balancer annotation, so the cloud makes it public";
}

function serviceCheck(props: Props): string | undefined {
  const spec = object(props.spec);
  if (spec.type !== "LoadBalancer") return undefined;
  return exposureProblem(object(object(props.metadata).annotations));
}

/** The ingress-nginx chart renders a LoadBalancer Service unless its values say otherwise. */
function ingressNginxReleaseCheck(props: Props): string | undefined {
  const chart = typeof props.chart === "string" ? props.chart : "";
  if (chart !== "ingress-nginx" && !chart.endsWith("/ingress-nginx")) return undefined;
  const service = object(object(object(props.values).controller).service);
  if (service.enabled === false || (service.type ?? "LoadBalancer") !== "LoadBalancer") return undefined;
  const problem = exposureProblem(object(service.annotations));
  return problem && `its controller Service: ${problem}`;
}

/** The Traefik chart renders a LoadBalancer Service (service.spec.type) unless its values say otherwise. */
function traefikReleaseCheck(props: Props): string | undefined {
  const chart = typeof props.chart === "string" ? props.chart : "";
  if (chart !== "traefik" && !chart.endsWith("/traefik")) return undefined;
  const service = object(object(props.values).service);
  const type = object(service.spec).type ?? "LoadBalancer";
  if (service.enabled === false || type !== "LoadBalancer") return undefined;
  const problem = exposureProblem(object(service.annotations));
  return problem && `its Service: ${problem}`;
}

const CHECKS: Record<string, (props: Props) => string | undefined> = {
  "kubernetes:core/v1:Service": serviceCheck,
  "kubernetes:helm.sh/v3:Release": (props) => ingressNginxReleaseCheck(props) ?? traefikReleaseCheck(props),
};

export const loadBalancerExposure: ResourceValidationPolicy = {
  name: "load-balancer-exposure",
  description:
    "A LoadBalancer Service must be internal (with its cloud's annotation), use a MetalLB pool, or be marked public on purpose.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const problem = CHECKS[args.type]?.(peek(args.props));
    if (problem) {
      reportViolation(
        `${args.name}: ${problem}. Use the InternalLoadBalancer component (kubernetesServices.internalLoadBalancers), ` +
          `a MetalLB pool, or annotate ${EXPOSURE_ANNOTATION}: public if it must be reachable from the internet.`,
      );
    }
  },
};
