/**
 * The shapes of the `failover-stacks:kubernetesServices` config section and the types parsed from
 * them. The checks across fields (service-patterns-checks.ts) read these types;
 * service-patterns-config.ts adds those checks and is the entry importers use.
 */
import { z } from "zod";
import { problem } from "../shared/config-errors";
import { imageRefSchema, parseImageRef } from "../shared/image-ref";
import { parseAddress, specialRange, addressOrNetwork } from "../shared/ip";
import { clientCidr, distinctList, dnsLabel, dnsName, ipv4Address, networkCidr } from "../shared/zod-net";
import {
  ingressHost,
  ingressPath,
  interfaceName,
  isHostname,
  labelMap,
  portName,
  portNumber,
  serviceName,
} from "./kubernetes-fields";
import { InternalLbCloud } from "./internal-lb-cloud";
import { metallbVersionProblem } from "./metallb-versions";
import { poolEntryProblem } from "./pool-ranges";
import {
  DEFAULT_INGRESS_PATH,
  DEFAULT_PATH_TYPE,
  DEFAULT_POOL_AUTO_ASSIGN,
  DEFAULT_POOL_AVOID_BUGGY_IPS,
  EXTERNAL_SERVICES_NAMESPACE,
  INGRESS_NGINX_NAMESPACE,
  METALLB_NAMESPACE,
  TRAEFIK_NAMESPACE,
} from "./service-patterns-defaults";

export { InternalLbCloud };
export const INTERNAL_LB_CLOUDS = ["aws", "aws-lbc", "gcp", "azure", "digitalocean", "openstack"] as const;
// The list (config schema, messages) and the enum (component args, ./internal-lb-cloud.ts) name the
// same clouds.
const cloudListIsEnum: readonly InternalLbCloud[] = INTERNAL_LB_CLOUDS;
const cloudEnumIsListed: readonly (typeof INTERNAL_LB_CLOUDS)[number][] = Object.values(InternalLbCloud);
void cloudListIsEnum;
void cloudEnumIsListed;

export const internalLbCloud = z.enum(INTERNAL_LB_CLOUDS, {
  error: (issue) =>
    issue.input === undefined
      ? undefined
      : problem(
          "unsupported cloud for an internal load balancer; without the cloud's own annotation the Service would get a PUBLIC load balancer",
          `use one of ${INTERNAL_LB_CLOUDS.join(", ")}; on bare metal use a metallb pool instead`,
        ),
});

/** The chart version we tested against; pinned so a chart release never changes a preview. */
export const INGRESS_NGINX_CHART_VERSION = "4.15.1";
export const INGRESS_NGINX_REPOSITORY = "https://kubernetes.github.io/ingress-nginx";
/** Traefik's chart (traefik/traefik-helm-chart v41.3.0, app v3.7.11) and its repository. */
export const TRAEFIK_CHART_VERSION = "41.3.0";
export const TRAEFIK_REPOSITORY = "https://traefik.github.io/charts";
/** The chart's appVersion. The chart names no digest, so production must give one. */
export const TRAEFIK_IMAGE = "docker.io/traefik:v3.7.11";
/**
 * The controller image chart 4.15.1 ships (its values.yaml: controller.image tag and digest), named
 * explicitly so the policy pack sees what runs.
 */
export const INGRESS_NGINX_IMAGE =
  "registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1";

/** A chart's image: charts write `<registry>/<path>:<tag>`, so registry and tag are required. */
export const chartImage = imageRefSchema.superRefine((value, ctx) => {
  const parsed = parseImageRef(value);
  if (parsed.ok && (parsed.ref.registry === undefined || parsed.ref.tag === undefined))
    ctx.addIssue({
      code: "custom",
      message: problem(
        "the chart needs the registry and the tag of the image (it writes <registry>/<path>:<tag>)",
        `write the full reference, such as ${INGRESS_NGINX_IMAGE.split("@")[0]}@sha256:<64 hex digits>`,
      ),
    });
});

/** Each source range becomes a rule of the cloud's load-balancer firewall; clouds refuse repeats. */
export const SAME_SOURCE =
  "loadBalancerSourceRanges would repeat it and the cloud would render two identical firewall rules";

export const servicePort = z
  .object({
    /** Port name; required when the Service has several ports. */
    name: portName.optional(),
    port: portNumber,
    /** Container port number or name. @default the same as port */
    targetPort: z.union([portNumber, portName]).optional(),
    protocol: z.enum(["TCP", "UDP"]).default("TCP"),
  })
  .strict();
export type ServicePortConfig = z.output<typeof servicePort>;

const backendAddress = z.string().superRefine((value, ctx) => {
  const address = parseAddress(value);
  if (!address) {
    ctx.addIssue({
      code: "custom",
      message: problem("not an IP address", "write an address such as 192.0.2.41, or use backend.dnsName"),
    });
    return;
  }
  const parsed = addressOrNetwork(value);
  const special = parsed.ok ? specialRange(parsed.cidr) : undefined;
  if (special) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        `a ${special} address cannot be an EndpointSlice endpoint`,
        "use the backend's routable address",
      ),
    });
  }
});

const backendDnsName = z.string().superRefine((value, ctx) => {
  if (parseAddress(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "an ExternalName Service needs a DNS name, not an IP address (it becomes a CNAME record, and proxies treat it as a host name)",
        "move the IP to backend.address; a selector-less Service with an EndpointSlice is rendered for it",
      ),
    });
  } else if (!isHostname(value) || !value.includes(".")) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a valid DNS name",
        "use a lowercase fully qualified name such as blog.example.com",
      ),
    });
  }
});

const backend = z
  .object({
    /** DNS name of the backend: rendered as a Service of type ExternalName. */
    dnsName: backendDnsName.optional(),
    /** IP address of the backend: rendered as a selector-less Service plus an EndpointSlice. */
    address: backendAddress.optional(),
    port: portNumber,
    /** Protocol the proxy speaks to the backend; HTTPS sets SNI and Host to dnsName. @default "HTTP" */
    protocol: z.enum(["HTTP", "HTTPS"]).default("HTTP"),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.dnsName === undefined) === (value.address === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: problem(
          "give exactly one of dnsName and address",
          "write backend: {dnsName: ...} or {address: ...}",
        ),
      });
    }
  });

export const externalService = z
  .object({
    name: serviceName,
    namespace: dnsLabel.default(EXTERNAL_SERVICES_NAMESPACE),
    /** Host name clients use; the Ingress rule matches on it. */
    host: ingressHost,
    backend,
    path: ingressPath.default(DEFAULT_INGRESS_PATH),
    pathType: z.enum(["Prefix", "Exact", "ImplementationSpecific"]).default(DEFAULT_PATH_TYPE),
    /** Secret (kubernetes.io/tls) in the same namespace; enables TLS for the host. */
    tlsSecret: dnsName.optional(),
    /** IngressClass name. @default ingressNginx.className when enabled, else the cluster default class */
    ingressClass: dnsName.optional(),
  })
  .strict();
export type ExternalServiceConfig = z.output<typeof externalService>;

const poolEntry = z.string().superRefine((value, ctx) => {
  const message = poolEntryProblem(value);
  if (message) ctx.addIssue({ code: "custom", message });
});

const metallbPool = z
  .object({
    name: dnsLabel,
    /** CIDRs or first-last ranges. */
    addresses: z.array(poolEntry).min(1),
    /** Let MetalLB assign from this pool to Services that do not name a pool. @default true */
    autoAssign: z.boolean().default(DEFAULT_POOL_AUTO_ASSIGN),
    /** Skip .0 and .255 addresses, which some clients mishandle. @default false */
    avoidBuggyIPs: z.boolean().default(DEFAULT_POOL_AVOID_BUGGY_IPS),
  })
  .strict();

/** The MetalLB block's fields; the config adds the checks across pools and networks. */
export const metallbFields = z
  .object({
    /** Namespace MetalLB runs in (its CRs live there). @default "metallb-system" */
    namespace: dnsLabel.default(METALLB_NAMESPACE),
    /** The MetalLB release installed in the cluster (x.y.z): decides which fields it reads. */
    version: z.string().superRefine((value, ctx) => {
      const message = metallbVersionProblem(value);
      if (message) ctx.addIssue({ code: "custom", message });
    }),
    pools: z.array(metallbPool).min(1),
    /** Announce only on these node interfaces. @default [] (all) */
    interfaces: distinctList(interfaceName, "the L2Advertisement would list that interface twice").default(
      [],
    ),
    /** Announce only from nodes matching one of these label sets. @default [] (all nodes) */
    nodeSelectors: z.array(labelMap).default([]),
    /** Addresses the nodes (and DHCP) use; pools must not overlap them. @default [] */
    nodeCidrs: distinctList(networkCidr, "it adds nothing and hides a typo in the other entry").default([]),
    /** The nodes' L2 subnets; when given, every pool range must lie inside one. @default [] */
    nodeSubnets: distinctList(networkCidr, "it adds nothing and hides a typo in the other entry").default([]),
    podCidr: networkCidr,
    serviceCidr: networkCidr,
  })
  .strict();
export type MetallbConfig = z.output<typeof metallbFields>;

const ingressLoadBalancer = z
  .object({
    /** Take the controller's address from this MetalLB pool (bare metal). */
    metallbPool: dnsLabel.optional(),
    /** A fixed address from that pool. @default MetalLB picks one */
    address: ipv4Address.optional(),
    /** Make the controller's Service an internal load balancer of this cloud. */
    internalCloud: internalLbCloud.optional(),
    sourceRanges: distinctList(clientCidr, SAME_SOURCE).default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.metallbPool === undefined) === (value.internalCloud === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: problem(
          "give exactly one of metallbPool and internalCloud (the chart's default is a public load balancer)",
          "write loadBalancer: {metallbPool: <pool>} on bare metal or {internalCloud: <cloud>} in a cloud",
        ),
      });
    }
    if (value.address !== undefined && value.metallbPool === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["address"],
        message: problem("address needs metallbPool", "remove address, or set metallbPool"),
      });
    }
  });

/** What an ingress controller chart installs with; one shape for ingress-nginx and Traefik. */
interface ControllerDefaults {
  readonly chartVersion: string;
  readonly repository: string;
  readonly namespace: string;
  readonly image: string;
  readonly className: string;
}

function ingressController(defaults: ControllerDefaults) {
  return z
    .object({
      enabled: z.boolean().default(true),
      /** Exact chart version (no ranges). @default the pinned version of the chart */
      chartVersion: z
        .string()
        .regex(/^\d+\.\d+\.\d+$/, {
          error: problem(
            "not an exact chart version",
            `pin a version such as ${defaults.chartVersion} (no ranges or 'latest')`,
          ),
        })
        .default(defaults.chartVersion),
      repository: z
        .url({
          protocol: /^https$/,
          error: problem("not an https URL", "use the chart repository's https:// address"),
        })
        .default(defaults.repository),
      namespace: dnsLabel.default(defaults.namespace),
      /** Controller image, `registry/path:tag[@sha256:...]`; production needs the digest. */
      image: chartImage.default(defaults.image),
      /** IngressClass name. */
      className: dnsName.default(defaults.className),
      /** Mark the IngressClass as the cluster default. @default false */
      defaultClass: z.boolean().default(false),
      replicas: z.number().int().min(1).max(20).default(2),
      /** Local keeps client source IPs and skips a hop; Cluster spreads load evenly. @default "Local" */
      externalTrafficPolicy: z.enum(["Local", "Cluster"]).default("Local"),
      loadBalancer: ingressLoadBalancer,
    })
    .strict();
}

/** ingress-nginx: retired upstream (no security fixes after March 2026); kept for existing stacks. */
export const ingressNginx = ingressController({
  chartVersion: INGRESS_NGINX_CHART_VERSION,
  repository: INGRESS_NGINX_REPOSITORY,
  namespace: INGRESS_NGINX_NAMESPACE,
  image: INGRESS_NGINX_IMAGE,
  className: "nginx",
});
/** Traefik: the maintained controller for the same pattern. */
export const traefik = ingressController({
  chartVersion: TRAEFIK_CHART_VERSION,
  repository: TRAEFIK_REPOSITORY,
  namespace: TRAEFIK_NAMESPACE,
  image: TRAEFIK_IMAGE,
  className: "traefik",
});
export type IngressNginxConfig = z.output<typeof ingressNginx>;
export type IngressControllerConfig = IngressNginxConfig;
